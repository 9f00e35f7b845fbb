import { describe, expect, it } from 'vitest';
import { fromWire, toWire } from './graph-wire';
import type { RingGraph } from './queries';

const graph: RingGraph = {
  ringId: 'ring_x',
  asOf: '2026-10-30',
  nodes: [
    { id: 'i:payment_fp:pm_1', type: 'identifier', kind: 'payment_fp', value: 'pm_1', accounts: 3, hidden: 0 },
    { id: 'a:acct_1', type: 'account', accountId: 'acct_1', score: 0.9, events: 10, inRing: true, status: null, decision: 'open', hidden: 0, group: 'g:i:payment_fp:pm_1' },
    { id: 'a:acct_|2', type: 'account', accountId: 'acct_|2', score: 0.5, events: 3, inRing: true, status: 'confirmed', decision: 'confirmed', hidden: 1 },
  ],
  edges: [
    { id: 'a:acct_1|i:payment_fp:pm_1', source: 'a:acct_1', target: 'i:payment_fp:pm_1' },
    { id: 'a:acct_|2|i:payment_fp:pm_1', source: 'a:acct_|2', target: 'i:payment_fp:pm_1' },
  ],
  positions: { 'a:acct_1': [1, 2], 'a:acct_|2': [3, 4], 'i:payment_fp:pm_1': [0, 0] },
  layout: 'stored',
  large: false,
  omittedIdentifiers: 0,
  groups: [],
};

describe('ring graph wire form', () => {
  it('sends each edge as two node indexes and gets the same graph back (an id with "|" in it too)', () => {
    const wire = toWire(graph);
    expect(wire.edgePairs).toEqual([1, 0, 2, 0]);
    expect('edges' in wire).toBe(false);
    expect(fromWire(JSON.parse(JSON.stringify(wire)))).toEqual(graph);
  });

  it('refuses an edge it could not give back as it was', () => {
    expect(() => toWire({ ...graph, edges: [{ id: 'other', source: 'a:acct_1', target: 'i:payment_fp:pm_1' }] })).toThrow(/not named/);
    expect(() => toWire({ ...graph, edges: [{ id: 'a:acct_9|i:payment_fp:pm_1', source: 'a:acct_9', target: 'i:payment_fp:pm_1' }] })).toThrow(/does not have/);
  });
});
