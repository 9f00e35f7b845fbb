/**
 * Where the nodes of a ring's graph go: the one place that computes them, for
 * the ring page (through the graph API) and the case file's PDF alike, and
 * the one threshold above which a ring's graph counts as large.
 *
 * Detection lays out every ring of its day and stores the positions
 * (`rings.layout`, ./store-layouts.ts), so a ring's page draws at once with a
 * preset layout and the PDF shows the picture the dashboard shows.
 *
 * The layout: accounts that use exactly the same identifiers are
 * interchangeable for it, so they are collapsed into one group first.
 * Identifiers are laid out alone (a force simulation, d3-force, over
 * identifiers linked by the accounts that use both: a few hundred nodes, so
 * it is quick); each group then starts at the centre of its identifiers, a
 * few collision ticks push overlapping groups apart, and each group's
 * accounts are set around its centre on a sunflower spiral. d3-force is
 * deterministic, so the same graph always gets the same positions.
 */
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3';

/** Positions by node id (`a:<account>`, `i:<kind>:<value>`). */
export type Positions = Record<string, [number, number]>;

export interface LayoutNode {
  id: string;
  type: 'account' | 'identifier';
}
export interface LayoutEdge {
  /** The account. */
  source: string;
  /** The identifier it uses. */
  target: string;
}

/**
 * A ring graph with more nodes than this is large: the page draws it the
 * cheap way (no labels or edges while moving, textures while panning, pixel
 * ratio 1) and starts with its per-request identifier kinds hidden.
 */
export const LARGE_RING_NODES = 600;

export const isLargeRing = (nodeCount: number): boolean => nodeCount > LARGE_RING_NODES;

interface SimNode extends SimulationNodeDatum {
  id: string;
  radius: number;
  members: string[];
}

const SPACING = 16;
const GOLDEN = Math.PI * (3 - Math.sqrt(5));

/** Every node's position, computed. */
export function ringLayout(nodes: LayoutNode[], edges: LayoutEdge[]): Positions {
  const idsOf = new Map<string, string[]>();
  const degree = new Map<string, number>();
  for (const e of edges) {
    const list = idsOf.get(e.source) ?? [];
    list.push(e.target);
    idsOf.set(e.source, list);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  const groups = new Map<string, string[]>();
  for (const n of nodes) {
    if (n.type !== 'account') continue;
    const signature = (idsOf.get(n.id) ?? []).sort().join('\n');
    const g = groups.get(signature) ?? [];
    g.push(n.id);
    groups.set(signature, g);
  }

  // 1. Identifiers alone, linked by how many groups use both: they are few, so this is quick.
  const identifiers = nodes.filter((n) => n.type === 'identifier').sort((a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) || (a.id < b.id ? -1 : 1));
  const index = new Map<string, SimNode>();
  const idSim: SimNode[] = identifiers.map((n, i) => {
    const r = 45 * Math.sqrt(i + 0.5);
    const s: SimNode = { id: n.id, radius: 12, members: [n.id], x: r * Math.cos(i * GOLDEN), y: r * Math.sin(i * GOLDEN) };
    index.set(n.id, s);
    return s;
  });
  const pairWeight = new Map<string, number>();
  for (const [signature, members] of groups) {
    const ids = signature ? signature.split('\n') : [];
    if (ids.length > 24) ids.length = 24;
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        const key = `${ids[i]}\t${ids[j]}`;
        pairWeight.set(key, (pairWeight.get(key) ?? 0) + members.length);
      }
  }
  const idLinks = [...pairWeight.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20_000)
    .map(([key, w]) => {
      const [a, b] = key.split('\t');
      return { source: index.get(a)!, target: index.get(b)!, w };
    });
  const idSimulation = forceSimulation(idSim)
    .force('link', forceLink<SimNode, { source: SimNode; target: SimNode; w: number }>(idLinks).distance(70).strength((l) => Math.min(1, 0.1 + Math.log1p(l.w) / 10)))
    .force('charge', forceManyBody<SimNode>().strength(-160).theta(1.2).distanceMax(1200))
    .force('x', forceX<SimNode>(0).strength(0.04))
    .force('y', forceY<SimNode>(0).strength(0.04))
    .stop();
  idSimulation.tick(160);

  // 2. Each group of interchangeable accounts at the centre of its identifiers, nudged apart.
  const groupSim: SimNode[] = [];
  let g = 0;
  for (const [signature, members] of groups) {
    const targets = signature ? signature.split('\n').map((id) => index.get(id)).filter((t): t is SimNode => !!t) : [];
    const cx = targets.length ? targets.reduce((a, t) => a + t.x!, 0) / targets.length : 0;
    const cy = targets.length ? targets.reduce((a, t) => a + t.y!, 0) / targets.length : 0;
    const offset = targets.length === 1 ? 40 : 14;
    groupSim.push({
      id: `group:${g}`,
      radius: Math.sqrt(members.length) * SPACING * 0.62 + 6,
      members,
      x: cx + Math.cos(g * GOLDEN) * offset,
      y: cy + Math.sin(g * GOLDEN) * offset,
    });
    g++;
  }
  for (const s of idSim) s.fx = s.x;
  for (const s of idSim) s.fy = s.y;
  const all = [...idSim, ...groupSim];
  const spread = forceSimulation(all)
    .alpha(0.5)
    .force('collide', forceCollide<SimNode>((d) => d.radius + 3).iterations(1))
    .stop();
  const spreadTicks = all.length > 2500 ? 24 : 40;
  spread.tick(spreadTicks);

  const positions: Positions = {};
  for (const s of all) {
    const cx = Math.round(s.x ?? 0);
    const cy = Math.round(s.y ?? 0);
    if (s.members.length === 1) {
      positions[s.members[0]] = [cx, cy];
      continue;
    }
    s.members.forEach((id, i) => {
      const r = SPACING * 0.62 * Math.sqrt(i + 0.5);
      positions[id] = [Math.round(cx + r * Math.cos(i * GOLDEN)), Math.round(cy + r * Math.sin(i * GOLDEN))];
    });
  }
  return positions;
}

const isPoint = (p: unknown): p is [number, number] => Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);

/** Share of the accounts stored positions must cover to be used (a graph that changed more than that is laid out again). */
const STORED_COVERAGE = 0.9;

/**
 * Positions for a ring's graph: the stored ones when they cover the graph
 * (nodes they miss, e.g. identifiers shared since, go to the centre of their
 * neighbours), else computed now.
 */
export function ringPositions(stored: Positions | null, nodes: LayoutNode[], edges: LayoutEdge[]): { positions: Positions; source: 'stored' | 'computed' } {
  const accounts = nodes.filter((n) => n.type === 'account');
  const covered = stored ? accounts.filter((n) => isPoint(stored[n.id])).length : 0;
  if (!stored || covered === 0 || covered < accounts.length * STORED_COVERAGE) return { positions: ringLayout(nodes, edges), source: 'computed' };

  const positions: Positions = {};
  for (const n of nodes) if (isPoint(stored[n.id])) positions[n.id] = [stored[n.id][0], stored[n.id][1]];
  const neighbours = new Map<string, string[]>();
  // Appended in place: copying the list per edge was quadratic in an identifier's members (0.1 s on a 2,400-account ring).
  const link = (a: string, b: string) => {
    const l = neighbours.get(a);
    if (l) l.push(b);
    else neighbours.set(a, [b]);
  };
  for (const e of edges) {
    link(e.source, e.target);
    link(e.target, e.source);
  }
  const place = (type: LayoutNode['type']) => {
    nodes.forEach((n, i) => {
      if (n.type !== type || positions[n.id]) return;
      const known = (neighbours.get(n.id) ?? []).map((id) => positions[id]).filter(isPoint);
      // A node with no placed neighbour waits at the middle, on a small spiral so that such nodes do not overlap.
      positions[n.id] = known.length
        ? [Math.round(known.reduce((a, p) => a + p[0], 0) / known.length), Math.round(known.reduce((a, p) => a + p[1], 0) / known.length)]
        : [Math.round(SPACING * Math.sqrt(i + 0.5) * Math.cos(i * GOLDEN)), Math.round(SPACING * Math.sqrt(i + 0.5) * Math.sin(i * GOLDEN))];
    });
  };
  place('identifier');
  place('account');
  return { positions, source: 'stored' };
}
