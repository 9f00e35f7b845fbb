/** The graph API's kept answer: the structure kept until detection runs again, the members' statuses read again after any audited change. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { writeTransaction } from '../../db/client';
import { appendAudit } from '../audit/append';
import { detectedStore } from '../../tools/testing/detected-store';
import { keptRings, ringGraphJson, startRingGraphWarmer, warmRingGraphs } from './graph-answer';
import { fromWire } from './graph-wire';
import { getRingGraph, type RingGraph } from './queries';

let store: Store;
let ringId: string;

beforeAll(async () => {
  ({ store } = await detectedStore('dw-graph-answer-'));
  ringId = (store.sqlite.prepare(`SELECT ring_id FROM rings WHERE layout IS NOT NULL ORDER BY as_of DESC, size DESC LIMIT 1`).get() as { ring_id: string }).ring_id;
});
afterAll(() => store?.close());

const fresh = () => JSON.parse(JSON.stringify(getRingGraph(store.sqlite, ringId))) as RingGraph;
const decisions = (g: RingGraph) => g.nodes.flatMap((n) => (n.type === 'account' ? [`${n.id}:${n.status}:${n.decision}`] : []));

describe('ringGraphJson', () => {
  it('answers what getRingGraph answers, the same text while nothing changes', () => {
    const first = ringGraphJson(store.sqlite, ringId);
    expect(fromWire(JSON.parse(first))).toEqual(fresh());
    expect(ringGraphJson(store.sqlite, ringId)).toBe(first);
  });

  it('after a decision: the new statuses over the kept structure; after a detection run: everything built again', () => {
    const before = ringGraphJson(store.sqlite, ringId);
    // The structure moves (the stored positions, by hand) but no detection ran: it is kept.
    const row = store.sqlite.prepare(`SELECT as_of AS asOf, layout FROM rings WHERE ring_id = ? ORDER BY as_of DESC LIMIT 1`).get(ringId) as { asOf: string; layout: string };
    const moved = Object.fromEntries(Object.entries(JSON.parse(row.layout) as Record<string, [number, number]>).map(([k, [x, y]]) => [k, [x + 1000, y]]));
    store.sqlite.prepare(`UPDATE rings SET layout = ? WHERE ring_id = ? AND as_of = ?`).run(JSON.stringify(moved), ringId, row.asOf);
    // The ring's case is confirmed (as the decision route would, with its audit entry).
    writeTransaction(store.sqlite, () => {
      store.sqlite.prepare(`UPDATE cases SET status = 'confirmed' WHERE subject_kind = 'ring' AND subject_id = ?`).run(ringId);
      appendAudit(store.sqlite, { actor: 'ana', action: 'case_decided', details: {}, at: Date.now() });
    });
    const after = fromWire(JSON.parse(ringGraphJson(store.sqlite, ringId)));
    const old = fromWire(JSON.parse(before));
    expect(decisions(after)).toEqual(decisions(fresh()));
    expect(decisions(after)).not.toEqual(decisions(old));
    for (const n of after.nodes) if (n.type === 'account') expect(n.decision).toBe(n.status ?? 'confirmed');
    expect(after.positions).toEqual(old.positions);
    // A detection run lands: the moved positions are in the next answer.
    store.sqlite
      .prepare(`INSERT INTO detect_runs (as_of, generated_at, threshold, model_version, window_days, accounts, flagged, rings, alerts) VALUES (?, ?, 0.8, 'test', 30, 0, 0, 0, 0)`)
      .run(row.asOf, Date.now());
    const rebuilt = fromWire(JSON.parse(ringGraphJson(store.sqlite, ringId)));
    expect(rebuilt).toEqual(fresh());
    expect(rebuilt.positions).not.toEqual(old.positions);
  });

  it('warms the latest day\'s rings of a size drawn as groups, and answers them from what it kept', async () => {
    const sizes = store.sqlite.prepare(`SELECT ring_id AS ringId, size FROM rings WHERE as_of = (SELECT max(as_of) FROM rings) ORDER BY size DESC`).all() as { ringId: string; size: number }[];
    const warmed = await warmRingGraphs(store.sqlite, 4, 2);
    expect(warmed).toEqual(sizes.filter((r) => r.size >= 2).slice(0, 4).map((r) => r.ringId));
    expect(warmed.length).toBeGreaterThan(0);
    for (const id of warmed) expect(fromWire(JSON.parse(ringGraphJson(store.sqlite, id)))).toEqual(JSON.parse(JSON.stringify(getRingGraph(store.sqlite, id))));
  });

  it('the server\'s warmer warms at start and again once a detection run lands, and says a failure once', async () => {
    const lines: string[] = [];
    let broken = true;
    startRingGraphWarmer(
      () => {
        if (broken) throw new Error('store not ready');
        return store.sqlite;
      },
      { everyMs: 40, minMembers: 2, log: (l) => lines.push(l) },
    );
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 20));
      expect(ok()).toBe(true);
    };
    await until(() => lines.length > 0);
    await new Promise((r) => setTimeout(r, 150));
    expect(lines).toEqual(["ring graphs: could not warm the largest rings' graphs: store not ready"]);
    broken = false;
    const run = () => String((store.sqlite.prepare(`SELECT max(id) AS id FROM detect_runs`).get() as { id: number }).id);
    await until(() => keptRings().some((k) => k.run === run()));
    const asOf = (store.sqlite.prepare(`SELECT max(as_of) AS d FROM rings`).get() as { d: string }).d;
    store.sqlite
      .prepare(`INSERT INTO detect_runs (as_of, generated_at, threshold, model_version, window_days, accounts, flagged, rings, alerts) VALUES (?, ?, 0.8, 'test', 30, 0, 0, 0, 0)`)
      .run(asOf, Date.now());
    await until(() => keptRings().some((k) => k.run === run()));
  });
});
