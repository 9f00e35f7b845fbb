/**
 * The webhook outbox: `enqueueWebhookEvent` writes one message per enabled
 * webhook subscribed to the event, inside the caller's write transaction, so
 * that a message exists exactly when what caused it was committed (the
 * alerts, the decision, the scheduled run) and survives a restart until
 * lib/webhooks/deliver.ts has sent it or given up.
 */
import type Database from 'better-sqlite3';
import type { EventData, WebhookEvent } from './events';

/** Enabled webhooks subscribed to `event`: their ids. */
function subscribers(sqlite: Database.Database, event: WebhookEvent): number[] {
  return sqlite
    .prepare(`SELECT id FROM webhooks WHERE enabled = 1 AND EXISTS (SELECT 1 FROM json_each(webhooks.events) WHERE value = ?) ORDER BY id`)
    .pluck()
    .all(event) as number[];
}

/** Queues `data` for every webhook subscribed to `event`; returns how many messages were queued. */
export function enqueueWebhookEvent<E extends WebhookEvent>(sqlite: Database.Database, event: E, data: EventData[E], now: number): number {
  if (!sqlite.inTransaction) throw new Error('enqueueWebhookEvent must run inside the write transaction of the change it reports');
  const hooks = subscribers(sqlite, event);
  if (hooks.length === 0) return 0;
  const insert = sqlite.prepare(
    `INSERT INTO webhook_outbox (webhook_id, event, payload, created_at, status, attempts, next_attempt_at) VALUES (?, ?, ?, ?, 'pending', 0, ?)`,
  );
  const payload = JSON.stringify(data);
  for (const id of hooks) insert.run(id, event, payload, now, now);
  return hooks.length;
}
