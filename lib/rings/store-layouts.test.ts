/** Stored ring layouts on a real generated, ingested and detected store. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { detectedStore } from '../../tools/testing/detected-store';
import { ringLayout } from './layout';
import { getRingGraph, ringGraphElements } from './queries';
import { storeRingLayouts } from './store-layouts';
import { MODEL } from '../detect/model';

let store: Store;
let days: string[];
const layouts = (asOf: string, flagged = true) =>
  store.sqlite
    .prepare(`SELECT ring_id AS ringId, layout FROM rings WHERE as_of = ? AND (score >= ?) = ? ORDER BY ring_id`)
    .all(asOf, MODEL.threshold, flagged ? 1 : 0) as { ringId: string; layout: string | null }[];

beforeAll(async () => {
  ({ store, days } = await detectedStore('dw-ring-layouts-'));
});
afterAll(() => store?.close());

describe('ring layouts stored by detection', () => {
  it('are the layout of every flagged ring of each detected day, which the graph then serves as stored', () => {
    // The earlier day's were laid out from the identifiers of its time (the later run replaced them).
    expect(layouts(days[0]).every((r) => r.layout !== null)).toBe(true);
    const rings = layouts(days[1]);
    expect(rings.length).toBeGreaterThan(0);
    for (const r of rings) {
      const g = ringGraphElements(store.sqlite, r.ringId, days[1]);
      expect(r.layout).toBe(JSON.stringify(ringLayout(g.nodes, g.edges)));
    }
    const ringId = layouts(days[1])[0].ringId;
    const graph = getRingGraph(store.sqlite, ringId);
    expect(graph.layout).toBe('stored');
    for (const n of graph.nodes) expect(graph.positions[n.id]).toHaveLength(2);
    // Stored positions are kept: a second run has nothing to do.
    expect(storeRingLayouts(store.sqlite, days[1], MODEL.threshold).rings).toBe(0);
  });

  it('are left to the page for a ring below the threshold, which computes the same positions', () => {
    const quiet = layouts(days[1], false);
    expect(quiet.length).toBeGreaterThan(0);
    expect(quiet.every((r) => r.layout === null)).toBe(true);
    const graph = getRingGraph(store.sqlite, quiet[0].ringId);
    expect(graph.layout).toBe('computed');
    const g = ringGraphElements(store.sqlite, quiet[0].ringId, days[1]);
    expect(graph.positions).toEqual(ringLayout(g.nodes, g.edges));
  });

  it('are laid out again for a ring that has none, and the graph computes them meanwhile', () => {
    const ringId = layouts(days[1])[0].ringId;
    const stored = getRingGraph(store.sqlite, ringId);
    store.sqlite.prepare(`UPDATE rings SET layout = NULL WHERE ring_id = ? AND as_of = ?`).run(ringId, days[1]);
    const computed = getRingGraph(store.sqlite, ringId);
    expect(computed.layout).toBe('computed');
    expect(computed.positions).toEqual(stored.positions);
    expect(storeRingLayouts(store.sqlite, days[1], MODEL.threshold).rings).toBe(1);
    expect(getRingGraph(store.sqlite, ringId).layout).toBe('stored');
  });
});
