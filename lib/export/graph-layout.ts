/**
 * The ring graph of the case file's PDF in a unit box: the positions of
 * lib/rings/layout.ts — the ones detection stored for the ring, which the
 * dashboard shows, or the same layout computed for a case whose ring has
 * none (an account's case: the account and its own identifiers).
 */
import { ringPositions, type LayoutEdge, type LayoutNode, type Positions } from '../rings/layout';
import { accountNodeId, identifierNodeId } from '../rings/queries';
import type { FigureView } from './figure-view';

export interface LayoutAccount {
  id: string;
  score: number | null;
}

export interface LayoutIdentifier {
  kind: string;
  value: string;
  accounts: number;
}

export interface GraphLayout {
  /** Positions in a unit box: x and y in [0, 1] (y grows downwards). */
  accounts: { id: string; score: number | null; x: number; y: number }[];
  identifiers: { kind: string; value: string; accounts: number; x: number; y: number }[];
  /** Account index → identifier index. */
  edges: [number, number][];
  source: 'stored' | 'computed';
  /** A big ring's member groups and the saved view's window (./figure-view.ts), set by the case file. */
  view?: FigureView | null;
}

const identifierKey = (kind: string, value: string) => `${kind}\u0000${value}`;

function normalise(points: { x: number; y: number }[]): void {
  if (points.length === 0) return;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  const span = Math.max(maxX - minX, maxY - minY) || 1;
  const offX = (span - (maxX - minX)) / 2;
  const offY = (span - (maxY - minY)) / 2;
  for (const p of points) {
    p.x = (p.x - minX + offX) / span;
    p.y = (p.y - minY + offY) / span;
  }
}

export function layoutRingGraph(
  accounts: LayoutAccount[],
  identifiers: LayoutIdentifier[],
  uses: { accountId: string; kind: string; value: string }[],
  stored: Positions | null = null,
): GraphLayout {
  const accountIndex = new Map(accounts.map((a, i) => [a.id, i]));
  const identIndex = new Map(identifiers.map((s, i) => [identifierKey(s.kind, s.value), i]));
  const edges: [number, number][] = [];
  const seen = new Set<string>();
  for (const u of uses) {
    const a = accountIndex.get(u.accountId);
    const s = identIndex.get(identifierKey(u.kind, u.value));
    if (a === undefined || s === undefined) continue;
    const key = `${a}:${s}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push([a, s]);
  }

  const nodes: LayoutNode[] = [
    ...accounts.map((a) => ({ id: accountNodeId(a.id), type: 'account' as const })),
    ...identifiers.map((s) => ({ id: identifierNodeId(s.kind, s.value), type: 'identifier' as const })),
  ];
  const layoutEdges: LayoutEdge[] = edges.map(([a, s]) => ({ source: nodes[a].id, target: nodes[accounts.length + s].id }));
  const { positions, source } = ringPositions(stored, nodes, layoutEdges);
  const at = (id: string) => ({ x: positions[id][0], y: positions[id][1] });
  const out = accounts.map((a) => ({ id: a.id, score: a.score, ...at(accountNodeId(a.id)) }));
  const identOut = identifiers.map((s) => ({ ...s, ...at(identifierNodeId(s.kind, s.value)) }));
  normalise([...out, ...identOut]);
  return { accounts: out, identifiers: identOut, edges, source };
}
