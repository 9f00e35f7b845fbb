/** Stored ring layouts on a real generated, ingested and detected store. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { detectedStore } from '../../tools/testing/detected-store';
import { structuralLayout } from './layout';
import { BROWSER_LAYOUT_MAX_NODES, getRingGraph, ringGraphElements } from './queries';
import { storeRingLayouts } from './store-layouts';

let store: Store;
let days: string[];
const layouts = (asOf: string) =>
  store.sqlite.prepare(`SELECT ring_id AS ringId, layout FROM rings WHERE as_of = ? ORDER BY ring_id`).all(asOf) as { ringId: string; layout: string | null }[];

beforeAll(async () => {
  ({ store, days } = await detectedStore('dw-ring-layouts-'));
});
afterAll(() => store?.close());

describe('storeRingLayouts', () => {
  it('leaves rings the browser lays out itself alone', () => {
    const small = layouts(days[1]).filter((r) => ringGraphElements(store.sqlite, r.ringId, days[1]).nodes.length <= BROWSER_LAYOUT_MAX_NODES);
    expect(small.length).toBeGreaterThan(0);
    storeRingLayouts(store.sqlite, days[1]);
    const after = new Map(layouts(days[1]).map((r) => [r.ringId, r.layout]));
    for (const r of small) expect(after.get(r.ringId)).toBeNull();
  });

  it('stores the structural layout of every large ring of the day, which the graph then serves as stored', () => {
    // This store's rings are small; a threshold of one node makes every ring "large".
    const done = storeRingLayouts(store.sqlite, days[1], 1);
    const rings = layouts(days[1]);
    expect(done.rings).toBe(rings.length);
    for (const r of rings) {
      const g = ringGraphElements(store.sqlite, r.ringId, days[1]);
      expect(r.layout).toBe(JSON.stringify(structuralLayout(g.nodes, g.edges)));
    }
    const graph = getRingGraph(store.sqlite, rings[0].ringId);
    expect(graph.layout).toBe('stored');
    for (const n of graph.nodes) expect(graph.positions![n.id]).toHaveLength(2);
    // Other days are untouched, and stored positions are kept: a second run has nothing to do.
    expect(layouts(days[0]).every((r) => r.layout === null)).toBe(true);
    expect(storeRingLayouts(store.sqlite, days[1], 1).rings).toBe(0);
  });
});
