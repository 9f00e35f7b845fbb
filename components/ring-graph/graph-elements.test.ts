import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode, RingGraph } from '../../lib/rings/queries';
import { isLargeRing, LARGE_RING_NODES as BIG } from '../../lib/rings/layout';
import { graphElements, kindsHiddenAtFirst } from './graph-elements';

/** A ring of `accounts` members, each on the shared card and on its own /24 pair, and each pair of members on one IP. */
function ring(accounts: number): RingGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const positions: Record<string, [number, number]> = {};
  const link = (a: string, i: string) => edges.push({ id: `${a}|${i}`, source: a, target: i });
  nodes.push({ id: 'i:payment_fp:pm_1', type: 'identifier', kind: 'payment_fp', value: 'pm_1', accounts, hidden: 0 });
  positions['i:payment_fp:pm_1'] = [0, 0];
  for (let k = 0; k < accounts; k++) {
    const a = `a:acct_${k}`;
    nodes.push({ id: a, type: 'account', accountId: `acct_${k}`, score: 0.9, events: 10 + k, inRing: true, status: null, decision: null, hidden: 0 });
    positions[a] = [k, k];
    link(a, 'i:payment_fp:pm_1');
    if (k % 2 === 0) {
      const ip = `i:ip:10.0.0.${k}`;
      nodes.push({ id: ip, type: 'identifier', kind: 'ip', value: `10.0.0.${k}`, accounts: 2, hidden: 0 });
      positions[ip] = [k, -k];
      link(a, ip);
      link(`a:acct_${k + 1}`, ip);
    }
  }
  return { ringId: 'ring_x', asOf: '2026-10-30', nodes, edges, positions, layout: 'stored', large: isLargeRing(nodes.length), omittedIdentifiers: 0, groups: [] };
}

describe('ring graph elements', () => {
  it('a small ring starts with every kind; a large one without its per-request identifiers', () => {
    expect(kindsHiddenAtFirst(ring(10))).toEqual([]);
    expect(kindsHiddenAtFirst(ring(BIG))).toEqual(['ip']);
  });

  it('leaves out the nodes and edges of kinds not yet shown, and adds exactly those later, placed', () => {
    const g = ring(BIG);
    const first = graphElements(g, 1000, (k) => k !== 'ip');
    const later = graphElements(g, 1000, (k) => k === 'ip', true).filter((d) => d.group === 'edges' || d.data.type === 'identifier');
    const ids = (defs: typeof first) => defs.map((d) => d.data.id);
    expect(first.filter((d) => d.data.type === 'account')).toHaveLength(BIG);
    expect(first.filter((d) => d.group === 'edges')).toHaveLength(BIG);
    expect(ids(first).some((id) => id!.includes('i:ip:'))).toBe(false);
    expect(later.filter((d) => d.group === 'nodes')).toHaveLength(BIG / 2);
    expect(later.filter((d) => d.group === 'edges')).toHaveLength(BIG);
    // Together, each element exactly once: the whole graph.
    expect(new Set([...ids(first), ...ids(later)]).size).toBe(g.nodes.length + g.edges.length);
    expect(later.find((d) => d.data.id === 'i:ip:10.0.0.4')!.position).toEqual({ x: 4, y: -4 });
  });
});
