/**
 * `distillwatch schedule --once [--now ISO] [--json]`: one pass of the daily
 * cycle, exactly as the server's timer runs it (lib/schedule/run-due-days.ts):
 * the due days in order under the store's lock, then retention when
 * configured, then the webhook messages that are due. For cron, and for
 * tests, which set the time with --now (the days it decides are due; records
 * and signatures keep the real time). `schedule --status [--json]` shows the
 * last run, the next one, events and alerts per day and late data.
 */
import { openStore } from '../../../db/client';
import { scheduleConfig } from '../../schedule/config';
import type { ClickHouseEvents } from '../../events/clickhouse-events';
import { openEvents } from '../../events/open-events';
import { loadEventDays } from '../../schedule/event-days';
import { runDueDaysFrom } from '../../schedule/run-due-days';
import { scheduleStatus } from '../../schedule/status';
import { pruneExpired } from '../../retention/prune';
import { deliverDue } from '../../webhooks/deliver';
import { eventsFlag, EVENTS_OPTION, parse, storePath, UsageError } from '../args';

export async function scheduleCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { once: { type: 'boolean' }, status: { type: 'boolean' }, now: { type: 'string' }, hour: { type: 'string' }, trigger: { type: 'string' }, ...EVENTS_OPTION });
  const trigger = typeof values.trigger === 'string' ? values.trigger : 'cli';
  if (!/^[a-z][a-z-]{0,19}$/.test(trigger)) throw new UsageError('--trigger must be a short lower-case name');
  if (positionals.length > 0 || values.once === values.status) throw new UsageError('usage: distillwatch schedule --once [--now ISO-TIME] [--hour H] | schedule --status [--json]');
  let now = Date.now();
  if (typeof values.now === 'string') {
    now = Date.parse(values.now);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(values.now) || Number.isNaN(now)) throw new UsageError(`--now must be an ISO time (2026-11-22T06:00:00Z), got ${JSON.stringify(values.now)}`);
  }
  const config = scheduleConfig({ ...process.env, ...(typeof values.hour === 'string' ? { DISTILLWATCH_SCHEDULE_HOUR: values.hour } : {}) });
  const store = openStore(storePath(values), { cacheMiB: 256 });
  let events: ClickHouseEvents | null = null;
  try {
    // Where the events are: --events, else DISTILLWATCH_CLICKHOUSE_URL, else SQLite's table (as every command).
    events = await openEvents(store.sqlite, eventsFlag(values));
    if (values.status) {
      const status = scheduleStatus(store.sqlite, config, now, events ? await loadEventDays(store.sqlite, events, now) : undefined);
      process.stdout.write(values.json ? JSON.stringify(status) + '\n' : describeStatus(status));
      return 0;
    }
    // With no hour configured, --once still runs the days due at midnight UTC: cron decides when.
    const runConfig = config.hour === null ? { ...config, hour: 0 } : config;
    const result = await runDueDaysFrom(store.sqlite, events, { config: runConfig, trigger, now: () => now, log: (l) => process.stderr.write(`${l}\n`) });
    if (result.lockedBy) {
      process.stderr.write(`distillwatch: another run holds the detection lock (${result.lockedBy})\n`);
      return 3;
    }
    const pruned = config.retentionDays === null ? null : await pruneExpired(store.sqlite, { days: config.retentionDays, now: Date.now(), events });
    const delivered = await deliverDue(store.sqlite);
    const summary = { ran: result.ran, skipped: result.skipped, retry_at: result.retryAt ? new Date(result.retryAt).toISOString() : null, pruned, webhooks: delivered };
    if (values.json) process.stdout.write(JSON.stringify(summary) + '\n');
    else {
      const lines = result.ran.map((r) => `${r.day}: ${r.status}${r.alerts !== null ? `, ${r.alerts} new alerts` : ''}${r.error ? ` (${r.error})` : ''}`);
      if (lines.length === 0) lines.push(result.retryAt ? `waiting to retry until ${new Date(result.retryAt).toISOString()}` : 'no day is due');
      if (result.skipped.length) lines.push(`skipped (too far behind): ${result.skipped.join(', ')}`);
      if (pruned) lines.push(`retention: ${pruned.events} events, ${pruned.prompts} prompts older than ${pruned.cutoff} deleted`);
      lines.push(`webhooks: ${delivered.delivered} delivered, ${delivered.attempted - delivered.delivered} not (yet)`);
      process.stdout.write(lines.map((l) => `schedule: ${l}`).join('\n') + '\n');
    }
    return result.ran.some((r) => r.status !== 'succeeded') ? 1 : 0;
  } finally {
    await events?.close();
    store.close();
  }
}

function describeStatus(s: ReturnType<typeof scheduleStatus>): string {
  const iso = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));
  const lines = [
    s.enabled ? `scheduler: daily at ${String(s.hour).padStart(2, '0')}:00 UTC` : 'scheduler: off (set DISTILLWATCH_SCHEDULE_HOUR)',
    `last run: ${s.lastRun ? `${s.lastRun.day} ${s.lastRun.status} (attempt ${s.lastRun.attempt}, ${s.lastRun.trigger}) at ${iso(s.lastRun.startedAt)}` : '—'}`,
    `next run: ${iso(s.nextRunAt)}`,
    ...s.days.map((d) => `${d.day}  events ${d.events ?? '—'}  alerts ${d.alerts}  ${d.run ?? ''}${d.late ? `  late ${d.late}` : ''}`),
  ];
  return lines.join('\n') + '\n';
}
