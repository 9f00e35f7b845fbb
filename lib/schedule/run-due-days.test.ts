/**
 * The daily cycle on a real store with real detection, the clock set by the
 * test: due days run in order at the configured hour, missed days are caught
 * up (and too many are skipped, shown), a failing day is retried with backoff
 * and holds later days back, the lock keeps a second runner out until its
 * lease runs out, and late data is counted.
 */
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeTransaction, type Store } from '../../db/client';
import { account, event, writeNdjson } from '../../tools/testing/records';
import { tempStore } from '../../tools/testing/temp-store';
import { ingestFiles } from '../ingest/ingest';
import { createWebhook } from '../webhooks/manage';
import { scheduleConfig, type ScheduleConfig } from './config';
import { lateData } from './day-counts';
import { nextRunAt, planDays } from './days';
import { acquireLock, DETECT_LOCK, lockState } from './lock';
import { detectDay, runDueDays, type DetectDay } from './run-due-days';
import { scheduleStatus } from './status';

const DAYS = ['2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05'];
const at = (iso: string) => Date.parse(iso);
const config = (over: Partial<ScheduleConfig> = {}): ScheduleConfig => ({ ...scheduleConfig({ DISTILLWATCH_SCHEDULE_HOUR: '6' }), ...over });

let store: Store;
let n = 0;

async function ingestDayEvents(s: Store, day: string, count: number): Promise<void> {
  const file = path.join(path.dirname(s.path), `day-${day}-${n++}.ndjson`);
  const lines: object[] = [account('acct_a'), account('acct_b')];
  for (let i = 0; i < count; i++) {
    lines.push(event(i % 2 ? 'acct_a' : 'acct_b', { request_id: `req_${day}_${n}_${i}`, ts: new Date(at(`${day}T08:00:00Z`) + i * 60_000).toISOString() }));
  }
  writeNdjson(file, lines);
  await ingestFiles(s, [file]);
}

const detectedDays = () => store.sqlite.prepare(`SELECT as_of FROM detect_runs ORDER BY id`).pluck().all() as string[];
const runs = () =>
  store.sqlite.prepare(`SELECT day, status, attempt FROM scheduled_runs ORDER BY id`).all() as { day: string; status: string; attempt: number }[];

beforeEach(async () => {
  store = tempStore('dw-schedule-');
  for (const day of DAYS) await ingestDayEvents(store, day, 6);
});

describe('the daily cycle', () => {
  it('runs every due day in order once the configured hour has come, and nothing twice', () => {
    // 05:59 on the 6th: the 5th is not due until 06:00.
    let r = runDueDays(store.sqlite, { config: config(), trigger: 'test', now: () => at('2026-10-06T05:59:00Z') });
    expect(r.ran.map((d) => [d.day, d.status])).toEqual([
      ['2026-10-02', 'succeeded'],
      ['2026-10-03', 'succeeded'],
      ['2026-10-04', 'succeeded'],
    ]);
    expect(nextRunAt(store.sqlite, config(), at('2026-10-06T05:59:00Z'))).toBe(at('2026-10-06T06:00:00Z'));
    r = runDueDays(store.sqlite, { config: config(), trigger: 'test', now: () => at('2026-10-06T06:00:00Z') });
    expect(r.ran.map((d) => d.day)).toEqual(['2026-10-05']);
    r = runDueDays(store.sqlite, { config: config(), trigger: 'test', now: () => at('2026-10-06T07:00:00Z') });
    expect(r.ran).toEqual([]);
    expect(detectedDays()).toEqual(DAYS);
    // Nothing more is due until there is a day with events: tomorrow at 06:00 is only when it would look.
    expect(nextRunAt(store.sqlite, config(), at('2026-10-06T07:00:00Z'))).toBe(at('2026-10-07T06:00:00Z'));
    const status = scheduleStatus(store.sqlite, config(), at('2026-10-06T07:00:00Z'));
    expect(status.lastRun).toMatchObject({ day: '2026-10-05', status: 'succeeded', attempt: 1, trigger: 'test' });
    expect(status.days.filter((d) => d.run === 'succeeded').map((d) => [d.day, d.events])).toEqual(DAYS.map((d) => [d, 6]));
    // Every run is in the audit trail.
    expect(store.sqlite.prepare(`SELECT count(*) FROM audit_log WHERE action = 'scheduled_run'`).pluck().get()).toBe(4);
  });

  it('catches up after downtime from the day after the last run, skipping (and showing) days beyond the catch-up', () => {
    detectDay(store.sqlite, '2026-10-02');
    const r = runDueDays(store.sqlite, { config: config({ catchUpDays: 2 }), trigger: 'test', now: () => at('2026-10-20T12:00:00Z') });
    expect(r.skipped).toEqual(['2026-10-03']);
    expect(r.ran.map((d) => d.day)).toEqual(['2026-10-04', '2026-10-05']);
    expect(detectedDays()).toEqual(['2026-10-02', '2026-10-04', '2026-10-05']);
    expect(runs()).toContainEqual({ day: '2026-10-03', status: 'gave_up', attempt: 0 });
    const status = scheduleStatus(store.sqlite, config(), at('2026-10-20T12:00:00Z'));
    expect(status.problems.map((p) => [p.day, p.status])).toEqual([['2026-10-03', 'gave_up']]);
    expect(status.days.find((d) => d.day === '2026-10-02')?.run).toBe('manual');
  });

  it('retries a failed day with backoff, holding later days back, and gives up after the last attempt', () => {
    let failures = 2;
    const flaky: DetectDay = (sqlite, day) => {
      if (failures-- > 0) throw new Error(`disk full while running ${day}`);
      return detectDay(sqlite, day);
    };
    const cfg = config({ retryMs: 600_000, maxAttempts: 3 });
    let clock = at('2026-10-03T06:30:00Z');
    let r = runDueDays(store.sqlite, { config: cfg, trigger: 'test', now: () => clock, run: flaky });
    expect(r.ran).toEqual([{ day: '2026-10-02', status: 'failed', attempt: 1, alerts: null, error: 'disk full while running 2026-10-02', retryAt: clock + 600_000 }]);
    expect(scheduleStatus(store.sqlite, cfg, clock).problems[0]).toMatchObject({ day: '2026-10-02', status: 'failed', error: 'disk full while running 2026-10-02' });
    clock = at('2026-10-04T06:01:00Z');
    // A day later the 3rd is due too, but the 2nd comes first: its retry is due, fails again, and the 3rd waits.
    r = runDueDays(store.sqlite, { config: cfg, trigger: 'test', now: () => clock, run: flaky });
    expect(r.ran.map((d) => [d.day, d.status, d.attempt])).toEqual([['2026-10-02', 'failed', 2]]);
    expect(nextRunAt(store.sqlite, cfg, clock)).toBe(clock + 1_200_000);
    clock += 1_199_999;
    expect(runDueDays(store.sqlite, { config: cfg, trigger: 'test', now: () => clock, run: flaky }).ran).toEqual([]);
    clock += 1;
    r = runDueDays(store.sqlite, { config: cfg, trigger: 'test', now: () => clock, run: flaky });
    expect(r.ran.map((d) => [d.day, d.status, d.attempt])).toEqual([
      ['2026-10-02', 'succeeded', 3],
      ['2026-10-03', 'succeeded', 1],
    ]);

    // Always failing, one attempt allowed: the day is given up and the cycle moves on.
    const broken: DetectDay = (sqlite, day) => {
      if (day === '2026-10-04') throw new Error('corrupt window');
      return detectDay(sqlite, day);
    };
    r = runDueDays(store.sqlite, { config: config({ maxAttempts: 1 }), trigger: 'test', now: () => at('2026-10-06T06:00:00Z'), run: broken });
    expect(r.ran.map((d) => [d.day, d.status])).toEqual([
      ['2026-10-04', 'gave_up'],
      ['2026-10-05', 'succeeded'],
    ]);
  });

  it('runs one at a time: a held lock keeps a second runner out until its lease runs out or its holder is gone', () => {
    const now = at('2026-10-06T07:00:00Z');
    expect(acquireLock(store.sqlite, DETECT_LOCK, 'otherhost:4242:ab', 60_000, now).acquired).toBe(true);
    // A pass "as of" a later time still respects the lease in real time (schedule --once --now).
    expect(runDueDays(store.sqlite, { config: config(), trigger: 'test', now: () => now + 86_400_000, leaseClock: () => now + 1 }).lockedBy).toBe('otherhost:4242:ab');
    let r = runDueDays(store.sqlite, { config: config(), trigger: 'test', now: () => now + 59_999, leaseClock: () => now + 59_999 });
    expect(r).toMatchObject({ lockedBy: 'otherhost:4242:ab', ran: [] });
    expect(detectedDays()).toEqual([]);
    // The holder crashed mid-run: its run row says running, its lease runs out.
    writeTransaction(store.sqlite, () =>
      store.sqlite.prepare(`INSERT INTO scheduled_runs (day, status, attempt, trigger, started_at) VALUES ('2026-10-02', 'running', 1, 'server', ?)`).run(now),
    );
    r = runDueDays(store.sqlite, { config: config(), trigger: 'test', now: () => now + 60_000, leaseClock: () => now + 60_000 });
    expect(r.lockedBy).toBeNull();
    expect(r.ran[0]).toMatchObject({ day: '2026-10-02', status: 'succeeded', attempt: 2 });
    expect(runs()[0]).toMatchObject({ day: '2026-10-02', status: 'failed' });
    expect(lockState(store.sqlite, DETECT_LOCK)).toBeNull();

    // A holder on this host whose process has exited is not waited for.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    expect(acquireLock(store.sqlite, DETECT_LOCK, `${hostname()}:${gone}:cd`, 3_600_000, now).acquired).toBe(true);
    expect(acquireLock(store.sqlite, DETECT_LOCK, 'me:1:ef', 60_000, now + 1).acquired).toBe(true);
    // A live one is.
    expect(acquireLock(store.sqlite, DETECT_LOCK, `${hostname()}:${process.pid}:gh`, 3_600_000, now + 120_000).acquired).toBe(true);
    expect(acquireLock(store.sqlite, DETECT_LOCK, 'me:1:ef', 60_000, now + 120_001)).toMatchObject({ acquired: false, holder: `${hostname()}:${process.pid}:gh` });
  });

  it('counts data that arrives late for a day already run, and queues the daily digest with the run', async () => {
    writeTransaction(store.sqlite, () =>
      createWebhook(store.sqlite, { name: 'digest', url: 'http://127.0.0.1:9/never', format: 'json', events: ['digest.daily'] }, { name: 'root', role: 'admin' }),
    );
    runDueDays(store.sqlite, { config: config(), trigger: 'test', now: () => at('2026-10-06T06:00:00Z') });
    expect(lateData(store.sqlite)).toEqual([]);
    await ingestDayEvents(store, '2026-10-04', 3);
    // The next pass recounts (ingest moved the store's event count) and finds them.
    runDueDays(store.sqlite, { config: config(), trigger: 'test', now: () => at('2026-10-06T07:00:00Z') });
    expect(lateData(store.sqlite).map((l) => [l.day, l.late, l.eventsAtRun])).toEqual([['2026-10-04', 3, 6]]);
    expect(scheduleStatus(store.sqlite, config(), at('2026-10-06T07:00:00Z')).days.find((d) => d.day === '2026-10-04')).toMatchObject({ events: 9, late: 3 });
    const digests = store.sqlite.prepare(`SELECT payload FROM webhook_outbox WHERE event = 'digest.daily' ORDER BY id`).pluck().all() as string[];
    expect(digests.map((p) => JSON.parse(p).day)).toEqual(DAYS);
    expect(planDays(store.sqlite, config(), at('2026-10-06T07:00:00Z')).due).toEqual([]);
  });

  it('reads its settings from the environment and refuses bad ones', () => {
    expect(scheduleConfig({})).toMatchObject({ hour: null, retentionDays: null, catchUpDays: 7 });
    expect(scheduleConfig({ DISTILLWATCH_SCHEDULE_HOUR: '0', DISTILLWATCH_RETENTION_DAYS: '90' })).toMatchObject({ hour: 0, retentionDays: 90 });
    expect(() => scheduleConfig({ DISTILLWATCH_SCHEDULE_HOUR: '24' })).toThrow(/DISTILLWATCH_SCHEDULE_HOUR/);
    expect(() => scheduleConfig({ DISTILLWATCH_RETENTION_DAYS: '7' })).toThrow(/DISTILLWATCH_RETENTION_DAYS/);
  });
});
