/**
 * The two event engines agree: one generated scenario ingested into SQLite and
 * into ClickHouse gives the same window features, account by account (exact,
 * map order included; the gap sums to relative 1e-9, floating point added in
 * another order), and the same detection report.
 *
 * ClickHouse runs in this process (chdb, through @clickhouse/client: the client
 * code a cluster sees). chdb binds one data directory per process, so every
 * chdb test is in this file. Against a real server too, whenever CLICKHOUSE_URL
 * is set (in a database of its own, dropped afterwards); skipped, and shown as
 * skipped, otherwise.
 */
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../db/client';
import { generateScenario, type GenerateResult } from '../../tools/scenario/generate';
import { defaultAsOf, detect, detectFrom } from '../detect/detect';
import { buildReport, type DetectionReport } from '../detect/report';
import { scanWindow, type AccountFeatures, type WindowScan } from '../features/account-features';
import { DAY_MS, dayOf, windowFor, type Window } from '../features/window';
import { pruneExpired, retentionCutoff } from '../retention/prune';
import { countDayEvents, dayStart, eventDaysFrom } from '../schedule/days';
import { ingestFiles } from '../ingest/ingest';
import { storeStats } from '../store/stats';
import { ClickHouseEvents } from './clickhouse-events';
import { parseEventsTarget, type EventsTarget } from './events-target';

const GAP_TOLERANCE = 1e-9;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let dir: string;
let scenario: GenerateResult;
let reference: Store;
let referenceReport: DetectionReport;
let asOf: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'dw-ch-equivalence-'));
  scenario = await generateScenario({ out: path.join(dir, 'scenario.ndjson'), scale: 0.03, seed: 11 });
  reference = openStore(path.join(dir, 'sqlite.db'));
  await ingestFiles(reference, [scenario.out], { showProgress: false });
  asOf = defaultAsOf(reference.sqlite);
  detect(reference.sqlite);
  referenceReport = buildReport(reference.sqlite);
});

afterAll(() => {
  reference?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A feature row as plain values, maps as their entries in order: what must be equal. */
function plain(f: AccountFeatures): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) {
    if (k === 'gapSum' || k === 'gapSumSq') continue;
    out[k] = v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v] : ArrayBuffer.isView(v) ? Array.from(v as Uint32Array) : v;
  }
  return out;
}

function expectSameScan(sqlite: WindowScan, clickhouse: WindowScan): void {
  expect(clickhouse.events).toBe(sqlite.events);
  expect(clickhouse.release).toEqual(sqlite.release);
  // Same accounts in the same order (first appearance), then each account's features.
  expect([...clickhouse.accounts.keys()]).toEqual([...sqlite.accounts.keys()]);
  for (const [account, f] of sqlite.accounts) {
    const g = clickhouse.accounts.get(account)!;
    expect(plain(g)).toEqual(plain(f));
    for (const k of ['gapSum', 'gapSumSq'] as const) {
      expect(Math.abs(g[k] - f[k])).toBeLessThanOrEqual(GAP_TOLERANCE * Math.max(1, Math.abs(f[k])));
    }
  }
}

const withoutTime = (r: DetectionReport) => ({ ...r, generated_at: undefined });

/** The whole comparison, on one ClickHouse target. */
function equivalence(name: string, target: () => Promise<{ target: EventsTarget; drop?: () => Promise<void> }>) {
  describe(name, () => {
    let store: Store;
    let events: ClickHouseEvents;
    let drop: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      const t = await target();
      drop = t.drop;
      events = await ClickHouseEvents.open(t.target as Exclude<EventsTarget, { engine: 'sqlite' }>);
      store = openStore(path.join(dir, `${name.replace(/\W+/g, '-')}.db`));
      const summary = await ingestFiles(store, [scenario.out], { showProgress: false, eventSink: events });
      expect(summary).toMatchObject({ events: scenario.events, rejected: 0 });
    });

    afterAll(async () => {
      store?.close();
      await events?.close();
      await drop?.();
    });

    it('holds every event in ClickHouse and none in the SQLite case store, whose evidence sample is the same', async () => {
      expect(await events.count()).toBe(scenario.events);
      expect(store.sqlite.prepare(`SELECT count(*) FROM events`).pluck().get()).toBe(0);
      // Their response figures included: the account page and the case files read them from the prompt, never from `events`.
      const prompts = (s: Store) =>
        s.sqlite
          .prepare(`SELECT account, ts, rid, request_id, text, input_tokens, output_tokens, reasoning_tokens, max_tokens, finish, turn FROM prompts ORDER BY account, ts, rid`)
          .all();
      expect(prompts(store)).toEqual(prompts(reference));
      // …and they are the exchange's own (SQLite holds both sides to compare).
      const figures = ['input_tokens', 'output_tokens', 'reasoning_tokens', 'max_tokens', 'finish', 'turn'];
      const differing = reference.sqlite
        .prepare(`SELECT count(*) FROM prompts p JOIN events e ON e.ts = p.ts AND e.rid = p.rid WHERE ${figures.map((f) => `p.${f} IS NOT e.${f}`).join(' OR ')}`)
        .pluck()
        .get();
      expect(differing).toBe(0);
      expect(prompts(reference).length).toBeGreaterThan(100);
    });

    it.each([
      ['the 30-day window', 30],
      ['a 9-day window, with older events before it', 9],
    ])('computes the same features over %s', async (_, days) => {
      const window: Window = windowFor(asOf, days);
      expectSameScan(scanWindow(reference.sqlite, window), await events.scanWindow(window));
    });

    it('lists the same accounts with events before a window', async () => {
      const start = windowFor(asOf, 9).start;
      const sqlite = reference.sqlite.prepare(`SELECT DISTINCT account FROM events WHERE ts < ?`).pluck().all(start);
      expect(await events.accountsBefore(start)).toEqual(sqlite);
      expect(sqlite.length).toBeGreaterThan(0);
    });

    it('gives the same detection report', async () => {
      const summary = await detectFrom(store.sqlite, events);
      expect(summary.events).toBe(scenario.events);
      const report = buildReport(store.sqlite);
      expect(report.accounts.length).toBeGreaterThan(0);
      expect(report.accounts.some((a) => a.flagged)).toBe(true);
      expect(withoutTime(report)).toEqual(withoutTime(referenceReport));
    });

    it('is idempotent on the request id: the same file again adds no event, and says so', async () => {
      const again = await ingestFiles(store, [scenario.out], { showProgress: false, eventSink: events });
      // Counted as SQLite counts them: every line a duplicate, the store's count unchanged.
      expect(again).toMatchObject({ events: 0, duplicates: scenario.events });
      expect(storeStats(store.sqlite).events).toBe(scenario.events);
      expect(await events.count()).toBe(scenario.events);
      const window = windowFor(asOf, 30);
      expectSameScan(scanWindow(reference.sqlite, window), await events.scanWindow(window));
    });

    it("counts events per day as SQLite's table does (the daily cycle's day counts, one grouped query)", async () => {
      const sqlite = new Map(
        (reference.sqlite.prepare(`SELECT ts / ${DAY_MS} AS d, count(*) AS n FROM events GROUP BY d ORDER BY d`).all() as { d: number; n: number }[]).map((r) => [dayOf(r.d * DAY_MS), r.n]),
      );
      expect(sqlite.size).toBeGreaterThan(20);
      expect([...(await events.dayCounts(0)).entries()]).toEqual([...sqlite.entries()]);
      for (const day of [...sqlite.keys()].slice(-3)) expect(eventDaysFrom(await events.dayCounts(dayStart(day))).count(day)).toBe(countDayEvents(reference.sqlite, day));
      // From a later day on: only those days.
      const from = [...sqlite.keys()][10];
      expect([...(await events.dayCounts(dayStart(from))).keys()]).toEqual([...sqlite.keys()].slice(10));
    });

    // Last: it drops the older days of this store's events.
    it("retention drops the day partitions before the cut-off, and detection afterwards sees only the kept days, as SQLite's retention", async () => {
      const days = 31;
      // The cut-off ten days before the as-of day: the 30-day window straddles it.
      const now = dayStart(asOf) + (days - 10) * DAY_MS + 3_600_000;
      const cutoff = retentionCutoff(days, now);
      expect(cutoff).toBe(dayOf(dayStart(asOf) - 10 * DAY_MS));
      // SQLite's retention on a copy of the reference store, for the expected answer.
      const copyPath = path.join(dir, `${name.replace(/\W+/g, '-')}-retained.db`);
      await reference.sqlite.backup(copyPath);
      const retained = openStore(copyPath);
      try {
        const expected = await pruneExpired(retained.sqlite, { days, now });
        const kept = retained.sqlite.prepare(`SELECT count(*) FROM events`).pluck().get() as number;
        expect(expected.events).toBeGreaterThan(0);
        expect(kept).toBeGreaterThan(0);

        const r = await pruneExpired(store.sqlite, { days, now, events });
        expect(r).toEqual(expected);
        expect(await events.count()).toBe(kept);
        expect([...(await events.dayCounts(0)).keys()].every((d) => d >= cutoff)).toBe(true);
        // The ingest counters follow, as SQLite's do.
        const meta = (s: Store) => s.sqlite.prepare(`SELECT key, value FROM meta WHERE key IN ('event_count', 'first_event') ORDER BY key`).all();
        expect(meta(store)).toEqual(meta(retained));

        const window = windowFor(asOf, 30);
        const scan = await events.scanWindow(window);
        expect(scan.events).toBe(kept);
        expectSameScan(scanWindow(retained.sqlite, window), scan);
        const summary = await detectFrom(store.sqlite, events);
        expect(summary.events).toBe(kept);
        detect(retained.sqlite);
        expect(withoutTime(buildReport(store.sqlite))).toEqual(withoutTime(buildReport(retained.sqlite)));
      } finally {
        retained.close();
      }
    });
  });
}

equivalence('chdb (in process)', async () => ({ target: { engine: 'chdb', path: path.join(dir, 'chdb') } }));

/** The command line a deployment runs: `ingest --events`, `detect` with DISTILLWATCH_CLICKHOUSE_URL, `report --json`. */
describe('the CLI on ClickHouse (chdb, in the CLI\'s own process)', () => {
  const cli = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'distillwatch.mjs'), ...args], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env },
    });
    if (r.status !== 0) throw new Error(`distillwatch ${args[0]} exited ${r.status}: ${r.stderr.trim().split('\n').pop()}`);
    return r.stdout;
  };

  it('writes the same report as SQLite from the same file', () => {
    const db = path.join(dir, 'cli.db');
    const data = `chdb:${path.join(dir, 'chdb-cli')}`;
    expect(JSON.parse(cli(['ingest', scenario.out, '--db', db, '--events', data, '--json']))).toMatchObject({ events: scenario.events, duplicates: 0 });
    const detected = JSON.parse(cli(['detect', '--db', db, '--json'], { DISTILLWATCH_CLICKHOUSE_URL: data }));
    expect(detected).toMatchObject({ as_of: asOf, events: scenario.events });
    const out = path.join(dir, 'cli-report.json');
    cli(['report', '--json', out, '--db', db]);
    expect(withoutTime(JSON.parse(readFileSync(out, 'utf8')))).toEqual(withoutTime(referenceReport));
  });

  it('runs the daily cycle (`schedule --once`, `schedule --status`) as on SQLite from the same file: the due days in order, the same runs, alerts and day counts', () => {
    const next = dayOf(dayStart(asOf) + DAY_MS);
    // The day after the newest, at the configured hour: the newest two days with events are caught up, the older ones listed as skipped.
    const once = ['schedule', '--once', '--now', `${next}T06:30:00Z`, '--hour', '6', '--json'];
    const env = { DISTILLWATCH_SCHEDULE_CATCH_UP_DAYS: '2' };
    const sqliteDb = path.join(dir, 'cycle-sqlite.db');
    const chDb = path.join(dir, 'cycle-ch.db');
    const data = `chdb:${path.join(dir, 'chdb-cycle')}`;
    cli(['ingest', scenario.out, '--db', sqliteDb, '--json']);
    cli(['ingest', scenario.out, '--db', chDb, '--events', data, '--json']);
    const chEnv = { ...env, DISTILLWATCH_CLICKHOUSE_URL: data };
    const expected = JSON.parse(cli([...once, '--db', sqliteDb], env));
    const got = JSON.parse(cli([...once, '--db', chDb], chEnv));
    const days = (r: { ran: { day: string; status: string }[] }) => r.ran.map((d) => [d.day, d.status]);
    expect(days(expected)).toEqual([[dayOf(dayStart(asOf) - DAY_MS), 'succeeded'], [asOf, 'succeeded']]);
    expect(days(got)).toEqual(days(expected));
    expect(got.ran).toEqual(expected.ran);
    expect(got.skipped).toEqual(expected.skipped);
    expect(got.skipped.length).toBeGreaterThan(0);

    const rows = (db: string, sql: string) => {
      const s = openStore(db);
      try {
        return s.sqlite.prepare(sql).all();
      } finally {
        s.close();
      }
    };
    const same = (sql: string) => {
      const want = rows(sqliteDb, sql);
      expect(want.length).toBeGreaterThan(0);
      expect(rows(chDb, sql)).toEqual(want);
    };
    same(`SELECT day, status, attempt, trigger, events_at_run, alerts, error FROM scheduled_runs ORDER BY id`);
    same(`SELECT as_of, window_days, threshold, model_version, accounts, flagged, rings, alerts FROM detect_runs ORDER BY id`);
    same(`SELECT day, kind, subject_kind, subject_id, case_id, score, reasons, top_reason, ring_id, plan, accounts FROM alerts ORDER BY id`);
    same(`SELECT day, events FROM day_counts ORDER BY day`);
    // The day counts are the day's events, as SQLite counts them.
    const sqliteCounts = rows(sqliteDb, `SELECT date(ts / 1000, 'unixepoch') AS day, count(*) AS events FROM events GROUP BY day ORDER BY day`) as { day: string; events: number }[];
    const counted = rows(chDb, `SELECT day, events FROM day_counts ORDER BY day`) as { day: string; events: number }[];
    for (const c of counted) expect(c.events).toBe(sqliteCounts.find((d) => d.day === c.day)?.events ?? 0);

    // --status: the same days, counts, runs and next run.
    const status = ['schedule', '--status', '--now', `${next}T07:00:00Z`, '--hour', '6', '--json'];
    const strip = (st: { days: unknown; nextRunAt: unknown; lastRun: unknown; problems: unknown }) => ({ days: st.days, nextRunAt: st.nextRunAt, lastRun: st.lastRun, problems: st.problems });
    const wantStatus = strip(JSON.parse(cli([...status, '--db', sqliteDb], { DISTILLWATCH_SCHEDULE_HOUR: '6' })));
    expect(strip(JSON.parse(cli([...status, '--db', chDb], { DISTILLWATCH_SCHEDULE_HOUR: '6', DISTILLWATCH_CLICKHOUSE_URL: data })))).toEqual(wantStatus);
    expect(wantStatus.nextRunAt).toBe(dayStart(next) + DAY_MS + 6 * 3_600_000);

    // A second pass at the same time has nothing due, on both.
    expect(JSON.parse(cli([...once, '--db', chDb], chEnv)).ran).toEqual([]);
  });
});

const server = process.env.CLICKHOUSE_URL;
describe.skipIf(!server)('against a ClickHouse server (CLICKHOUSE_URL)', () => {
  equivalence('server', async () => {
    const base = parseEventsTarget(server, 'CLICKHOUSE_URL');
    if (base.engine !== 'clickhouse') throw new Error('CLICKHOUSE_URL must be a clickhouse:// or http(s):// URL');
    const database = `dw_test_${randomBytes(4).toString('hex')}`;
    const admin = createClient({ url: base.url, username: base.username, password: base.password });
    await admin.command({ query: `CREATE DATABASE ${database}` });
    return {
      target: { ...base, database },
      drop: async () => {
        await admin.command({ query: `DROP DATABASE IF EXISTS ${database}` });
        await admin.close();
      },
    };
  });
});
