/**
 * The ring's graph data as Cytoscape element definitions (kept apart from
 * the component so that it is tested without a browser).
 */
import type { ElementDefinition } from 'cytoscape';
import type { RingGraph as RingGraphData } from '../../lib/rings/queries';
import { kindStyle, scoreColor } from './graph-style';

const MAX_ACCOUNT_SIZE = 34;

/**
 * Identifier kinds a large ring starts with hidden (ticked on in the toolbar):
 * the many small, per-request ones. On a 2,340-account ring they are 1,563 of
 * the 1,951 identifier nodes and 8,976 of the 23,297 edges, and leaving them
 * out cut Cytoscape's first frame from ~1.4 s to ~0.9 s in headless Chromium
 * (measured); what the ring shares is listed beside the graph either way.
 */
export const HIDDEN_WHEN_BIG = ['ip', 'schedule', 'signup_ip'];

/** The identifier kinds this ring's graph starts without (only large rings, only kinds it has). */
export function kindsHiddenAtFirst(graph: RingGraphData): string[] {
  if (!graph.large) return [];
  return HIDDEN_WHEN_BIG.filter((k) => graph.nodes.some((n) => n.type === 'identifier' && n.kind === k));
}

export const badgeOf = (hidden: number) => (hidden > 0 ? `+${hidden}` : '');

export function accountSize(events: number, maxEvents: number): number {
  return Math.min(MAX_ACCOUNT_SIZE, 10 + 24 * Math.sqrt(events / Math.max(1, maxEvents)));
}

/**
 * Cytoscape definitions of the ring's accounts and of the identifiers whose
 * kind `includeKind` accepts, with their edges; `placed` gives each node its
 * position (for identifiers added after the first draw, which lays every node out at once).
 */
export function graphElements(graph: RingGraphData, maxEvents: number, includeKind: (kind: string) => boolean, placed = false): ElementDefinition[] {
  const elements: ElementDefinition[] = [];
  const included = new Set<string>();
  const at = (id: string) => {
    const xy = placed ? graph.positions[id] : undefined;
    return xy ? { position: { x: xy[0], y: xy[1] } } : {};
  };
  for (const n of graph.nodes) {
    if (n.type === 'account') {
      elements.push({ group: 'nodes', data: { ...n, label: '', size: accountSize(n.events, maxEvents), fill: scoreColor(n.score) }, ...at(n.id) });
    } else if (includeKind(n.kind)) {
      const k = kindStyle(n.kind);
      included.add(n.id);
      elements.push({ group: 'nodes', data: { ...n, label: '', badge: badgeOf(n.hidden), shape: k.shape, color: k.color }, classes: 'badges', ...at(n.id) });
    }
  }
  for (const e of graph.edges) {
    if (included.has(e.target)) elements.push({ group: 'edges', data: { id: e.id, source: e.source, target: e.target } });
  }
  return elements;
}
