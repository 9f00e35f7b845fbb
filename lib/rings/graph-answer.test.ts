/** The graph API's kept answer: reused while nothing changed, fresh after any audited change or detection run. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { writeTransaction } from '../../db/client';
import { appendAudit } from '../audit/append';
import { detectedStore } from '../../tools/testing/detected-store';
import { ringGraphJson } from './graph-answer';
import { getRingGraph } from './queries';

let store: Store;
let ringId: string;

beforeAll(async () => {
  ({ store } = await detectedStore('dw-graph-answer-'));
  ringId = (store.sqlite.prepare(`SELECT ring_id FROM rings WHERE layout IS NOT NULL ORDER BY as_of DESC, size DESC LIMIT 1`).get() as { ring_id: string }).ring_id;
});
afterAll(() => store?.close());

describe('ringGraphJson', () => {
  it('answers what getRingGraph answers, the same text while nothing changes, and a fresh one after an audited change', () => {
    const first = ringGraphJson(store.sqlite, ringId);
    expect(JSON.parse(first)).toEqual(JSON.parse(JSON.stringify(getRingGraph(store.sqlite, ringId))));
    expect(ringGraphJson(store.sqlite, ringId)).toBe(first);
    // Something the answer shows changes (here the stored positions, moved by hand): the kept answer stays
    // until the store's audit trail or detection moves on, then a fresh one is built.
    const row = store.sqlite.prepare(`SELECT as_of AS asOf, layout FROM rings WHERE ring_id = ? ORDER BY as_of DESC LIMIT 1`).get(ringId) as { asOf: string; layout: string };
    const moved = Object.fromEntries(Object.entries(JSON.parse(row.layout) as Record<string, [number, number]>).map(([k, [x, y]]) => [k, [x + 1000, y]]));
    store.sqlite.prepare(`UPDATE rings SET layout = ? WHERE ring_id = ? AND as_of = ?`).run(JSON.stringify(moved), ringId, row.asOf);
    expect(ringGraphJson(store.sqlite, ringId)).toBe(first);
    writeTransaction(store.sqlite, () => appendAudit(store.sqlite, { actor: 'ana', action: 'case_decided', details: {}, at: Date.now() }));
    const after = ringGraphJson(store.sqlite, ringId);
    expect(after).not.toBe(first);
    expect(JSON.parse(after)).toEqual(JSON.parse(JSON.stringify(getRingGraph(store.sqlite, ringId))));
  });
});
