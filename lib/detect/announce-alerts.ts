/**
 * Tells the webhooks about a detection run's new alerts: one `alerts.raised`
 * message for the day (its count and the highest-scored alerts), queued in
 * detection's write transaction.
 */
import type Database from 'better-sqlite3';
import type { SubjectKind } from '../domain';
import { TOP_ALERTS, type AlertLine } from '../webhooks/events';
import { enqueueWebhookEvent } from '../webhooks/outbox';

/** Queues the message for the alerts of `day` with ids above `afterId` (the `raised` new ones); returns messages queued. */
export function announceAlerts(sqlite: Database.Database, day: string, afterId: number, raised: number, now = Date.now()): number {
  if (raised === 0) return 0;
  const top = sqlite
    .prepare(
      `SELECT case_id, kind, subject_kind, subject_id, score, accounts, top_reason FROM alerts WHERE id > ? AND day = ? ORDER BY score DESC, id LIMIT ?`,
    )
    .all(afterId, day, TOP_ALERTS) as (Omit<AlertLine, 'subject_kind'> & { subject_kind: SubjectKind })[];
  return enqueueWebhookEvent(sqlite, 'alerts.raised', { day, alerts: raised, top }, now);
}
