import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode, RingGraph } from '../../lib/rings/queries';
import { isLargeRing, LARGE_RING_NODES as BIG } from '../../lib/rings/layout';
import { foldedIdentifiers, foldedToHide, graphElements, groupMemberElements, groupsShowing, kindsHiddenAtFirst } from './graph-elements';

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

/**
 * A grouped ring: groups A (3 members on card A) and B (2 on card B), and one ungrouped member u.
 * An e-mail only B's members use, an IP used in A and in B, a subnet used in A and by u.
 */
function grouped(): RingGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const positions: Record<string, [number, number]> = { 'g:A': [0, 0], 'g:B': [500, 0] };
  const id = (kind: string, value: string, accounts: number) => {
    nodes.push({ id: `i:${kind}:${value}`, type: 'identifier', kind, value, accounts, hidden: 0 });
    positions[`i:${kind}:${value}`] = [value.length * 10, 100];
  };
  const member = (name: string, group?: string) => {
    nodes.push({ id: `a:${name}`, type: 'account', accountId: name, score: 0.9, events: 10, inRing: true, status: null, decision: null, hidden: 0, ...(group ? { group } : {}) });
    positions[`a:${name}`] = [0, 0];
  };
  const link = (a: string, i: string) => edges.push({ id: `a:${a}|${i}`, source: `a:${a}`, target: i });
  id('payment_fp', 'pm_A', 3);
  id('payment_fp', 'pm_B', 2);
  id('email_domain', 'b.example', 2);
  id('ip', '10.0.0.1', 2);
  id('subnet', '10.0.1.0/24', 2);
  for (const m of ['a1', 'a2', 'a3']) {
    member(m, 'g:A');
    link(m, 'i:payment_fp:pm_A');
  }
  for (const m of ['b1', 'b2']) {
    member(m, 'g:B');
    link(m, 'i:payment_fp:pm_B');
    link(m, 'i:email_domain:b.example');
  }
  member('u');
  link('a1', 'i:ip:10.0.0.1');
  link('b1', 'i:ip:10.0.0.1');
  link('a2', 'i:subnet:10.0.1.0/24');
  link('u', 'i:subnet:10.0.1.0/24');
  const group = (gid: string, value: string, size: number, links: Record<string, number>) => ({
    id: gid, identifier: `i:payment_fp:${value}`, kind: 'payment_fp', value, size, label: `${size} accounts on card ${value}`, maxScore: 0.9, meanScore: 0.9, links,
  });
  const groups = [
    group('g:A', 'pm_A', 3, { 'i:payment_fp:pm_A': 3, 'i:ip:10.0.0.1': 1, 'i:subnet:10.0.1.0/24': 1 }),
    group('g:B', 'pm_B', 2, { 'i:payment_fp:pm_B': 2, 'i:email_domain:b.example': 2 }),
  ];
  return { ringId: 'ring_g', asOf: '2026-10-30', nodes, edges, positions, layout: 'stored', large: true, omittedIdentifiers: 0, groups };
}

describe('identifiers folded into member groups', () => {
  const nodeIds = (defs: ReturnType<typeof graphElements>) => new Set(defs.filter((d) => d.group === 'nodes').map((d) => d.data.id!));
  const edgeIds = (defs: ReturnType<typeof graphElements>) => new Set(defs.filter((d) => d.group === 'edges').map((d) => d.data.id!));

  it('folds what only grouped members use and hangs off one closed group by one line; never what an ungrouped member uses', () => {
    expect(foldedIdentifiers(grouped())).toEqual(
      new Map([
        ['i:payment_fp:pm_A', { home: 'g:A', groups: ['g:A'] }],
        ['i:payment_fp:pm_B', { home: 'g:B', groups: ['g:B'] }],
        ['i:email_domain:b.example', { home: 'g:B', groups: ['g:B'] }],
        // Used in A and in B, but only A's closed node draws a line to it.
        ['i:ip:10.0.0.1', { home: 'g:A', groups: ['g:A', 'g:B'] }],
      ]),
    );
    // A ring drawn without groups folds nothing.
    expect(foldedIdentifiers(ring(10)).size).toBe(0);
  });

  it('draws closed groups without their folded identifiers; opening a group with a user of one draws it at its place', () => {
    const g = grouped();
    const closed = graphElements(g, 10, () => true, true);
    expect([...nodeIds(closed)].filter((i) => i.startsWith('i:'))).toEqual(['i:subnet:10.0.1.0/24']);
    expect([...edgeIds(closed)].sort()).toEqual(['a:u|i:subnet:10.0.1.0/24', 'g:A|i:subnet:10.0.1.0/24']);
    const open = graphElements(g, 10, () => true, true, new Set(['g:B']));
    expect([...nodeIds(open)].filter((i) => i.startsWith('i:')).sort()).toEqual(['i:email_domain:b.example', 'i:ip:10.0.0.1', 'i:payment_fp:pm_B', 'i:subnet:10.0.1.0/24']);
    // The IP B's member uses keeps its line from A, still closed.
    expect(edgeIds(open)).toContain('g:A|i:ip:10.0.0.1');
    expect(edgeIds(open)).toContain('a:b1|i:ip:10.0.0.1');
    expect(open.find((d) => d.data.id === 'i:ip:10.0.0.1')!.position).toEqual({ x: g.positions['i:ip:10.0.0.1'][0], y: g.positions['i:ip:10.0.0.1'][1] });
  });

  it('opening a group adds exactly what drawing it open would; closing it hides what no open group shows', () => {
    const g = grouped();
    const closed = graphElements(g, 10, () => true, true);
    const drawn = nodeIds(closed);
    const added = groupMemberElements(g, 'g:B', 10, (id) => drawn.has(id));
    const open = graphElements(g, 10, () => true, true, new Set(['g:B']));
    expect(new Set([...drawn, ...nodeIds(added)])).toEqual(nodeIds(open));
    const kept = [...edgeIds(closed)].filter((e) => !e.startsWith('g:B|'));
    expect(new Set([...kept, ...edgeIds(added)])).toEqual(edgeIds(open));
    expect(foldedToHide(g, 'g:B', new Set()).sort()).toEqual(['i:email_domain:b.example', 'i:ip:10.0.0.1', 'i:payment_fp:pm_B']);
    // With A open too, the IP its member uses stays.
    expect(foldedToHide(g, 'g:B', new Set(['g:A'])).sort()).toEqual(['i:email_domain:b.example', 'i:payment_fp:pm_B']);
  });

  it('leaves out a folded identifier of a kind not yet shown, and adds it later at its place', () => {
    const g = grouped();
    const open = graphElements(g, 10, (k) => k !== 'email_domain', true, new Set(['g:B']));
    expect(nodeIds(open).has('i:email_domain:b.example')).toBe(false);
    const later = graphElements(g, 10, (k) => k === 'email_domain', true, new Set(['g:B']));
    expect(later.find((d) => d.data.id === 'i:email_domain:b.example')!.position).toEqual({ x: 90, y: 100 });
    expect(groupMemberElements(g, 'g:B', 10, () => false, (k) => k !== 'email_domain').some((d) => d.data.id === 'i:email_domain:b.example')).toBe(false);
  });

  it('names the groups a saved selection needs open: a member’s, a folded identifier’s home unless an open group shows it', () => {
    const g = grouped();
    expect(groupsShowing(g, ['a:b1', 'i:payment_fp:pm_A', 'i:subnet:10.0.1.0/24'], new Set()).sort()).toEqual(['g:A', 'g:B']);
    // The IP is drawn while B is open: nothing more to open for it.
    expect(groupsShowing(g, ['i:ip:10.0.0.1'], new Set(['g:B']))).toEqual([]);
    expect(groupsShowing(g, ['i:ip:10.0.0.1'], new Set())).toEqual(['g:A']);
    expect(groupsShowing(g, ['a:u', 'i:nope:x'], new Set())).toEqual([]);
  });
});
