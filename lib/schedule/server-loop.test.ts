/**
 * The server's timer on a store whose events are in ClickHouse, with a stand-in
 * event store (the ClickHouse code itself is checked against SQLite on chdb in
 * lib/events/clickhouse-equivalence.test.ts): the day counts come from the event
 * store, not from SQLite's empty table; a pass starts when a day is due; the
 * event store is asked only when ingest moved the count or a day may be due;
 * retention drops its days; and without an event store the store is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { recordClickHouseEvents } from '../../db/events-engine';
import type { Store } from '../../db/client';
import { tempStore } from '../../tools/testing/temp-store';
import type { EventStore } from '../features/window-source';
import { retentionCutoff } from '../retention/prune';
import { scheduleConfig } from './config';
import { createCycle } from './server-loop';

const at = (iso: string) => Date.parse(iso);
const COUNTS = new Map([
  ['2026-10-02', 6],
  ['2026-10-03', 7],
  ['2026-10-04', 8],
  ['2026-10-05', 9],
]);

function fakeEvents() {
  const calls = { dayCounts: [] as number[], dropped: [] as number[] };
  const events: EventStore = {
    dayCounts: async (since) => {
      calls.dayCounts.push(since);
      return new Map([...COUNTS].filter(([day]) => at(`${day}T00:00:00Z`) >= since));
    },
    dropDaysBefore: async (cutoff) => {
      calls.dropped.push(cutoff);
      return { days: [], events: 0 };
    },
    firstTs: async () => at('2026-10-02T08:00:00Z'),
    scanWindow: () => Promise.reject(new Error('not in this test')),
    accountsBefore: () => Promise.reject(new Error('not in this test')),
    close: async () => {},
  };
  return { events, calls };
}

let store: Store;
const cycles: { stop(): void; store: Store }[] = [];

afterEach(() => {
  for (const c of cycles.splice(0)) {
    c.stop();
    c.store.close();
  }
  store?.close();
});

function clickHouseStore(): Store {
  const s = tempStore('dw-cycle-ch-');
  recordClickHouseEvents(s.sqlite);
  const meta = s.sqlite.prepare(`INSERT INTO meta (key, value) VALUES (?, ?)`);
  meta.run('first_event', String(at('2026-10-02T08:00:00Z')));
  meta.run('last_event', String(at('2026-10-05T09:00:00Z')));
  meta.run('event_count', '30');
  return s;
}

describe("the server's timer with the events in ClickHouse", () => {
  it('counts the days from the event store, starts a pass when a day is due, and asks the event store only when needed', async () => {
    store = clickHouseStore();
    const { events, calls } = fakeEvents();
    let passes = 0;
    const now = at('2026-10-06T07:00:00Z');
    const cycle = createCycle({
      dbPath: store.path,
      config: { ...scheduleConfig({ DISTILLWATCH_SCHEDULE_HOUR: '6' }), retentionDays: 31 },
      openEvents: async () => events,
      now: () => now,
      log: () => {},
      runPass: async () => {
        passes++;
        // What the pass would leave: the newest day run.
        store.sqlite
          .prepare(`INSERT INTO detect_runs (as_of, generated_at, threshold, model_version, window_days, accounts, flagged, rings, alerts) VALUES ('2026-10-05', ?, 0.5, 'test', 30, 0, 0, 0, 0)`)
          .run(now);
        return 0;
      },
    });
    cycles.push(cycle);
    await cycle.tick();
    const counted = store.sqlite.prepare(`SELECT day, events FROM day_counts WHERE events > 0 ORDER BY day`).all();
    expect(counted).toEqual([...COUNTS].map(([day, events]) => ({ day, events })));
    expect(passes).toBe(1);
    expect(calls.dropped).toEqual([at(`${retentionCutoff(31, now)}T00:00:00Z`)]);
    const asked = calls.dayCounts.length;
    expect(asked).toBeGreaterThan(0);

    // Nothing moved and nothing is due: no query, no pass.
    await cycle.tick();
    expect(calls.dayCounts.length).toBe(asked);
    expect(passes).toBe(1);

    // Ingest moved the count: recounted from the event store once more; still no pass.
    store.sqlite.prepare(`UPDATE meta SET value = '31' WHERE key = 'event_count'`).run();
    await cycle.tick();
    expect(calls.dayCounts.length).toBe(asked + 1);
    expect(passes).toBe(1);
  });

  it('refuses a ClickHouse-backed store when started without its event store, rather than count an empty table', async () => {
    store = clickHouseStore();
    const lines: string[] = [];
    let passes = 0;
    const cycle = createCycle({
      dbPath: store.path,
      config: scheduleConfig({ DISTILLWATCH_SCHEDULE_HOUR: '6' }),
      now: () => at('2026-10-06T07:00:00Z'),
      log: (l) => lines.push(l),
      runPass: async () => ++passes,
    });
    cycles.push(cycle);
    await cycle.tick();
    expect(lines.join('\n')).toMatch(/events are in ClickHouse/);
    expect(store.sqlite.prepare(`SELECT count(*) FROM day_counts`).pluck().get()).toBe(0);
    expect(passes).toBe(0);
  });
});
