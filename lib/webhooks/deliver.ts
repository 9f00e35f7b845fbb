/**
 * Sends the outbox (lib/webhooks/outbox.ts). Each due message is claimed
 * (its next attempt pushed past the send's timeout, so a second sender
 * leaves it alone), sent once, and its attempt logged; a 2xx answer delivers
 * it, anything else schedules the next attempt with exponential backoff
 * (30 s, 1, 2, 4, 8, 16, 32 min, 1 h) until MAX_ATTEMPTS, when it is marked
 * failed. Delivery is at least once: a sender that dies after sending and
 * before logging sends again once the claim runs out, with the same
 * `X-Distillwatch-Delivery` id, by which a receiver can drop the repeat.
 */
import type Database from 'better-sqlite3';
import { writeTransaction } from '../../db/client';
import type { WebhookEvent, WebhookFormat } from './events';
import { messageBody } from './message';
import { SIGNATURE_HEADER, signatureHeader } from './signature';

export const MAX_ATTEMPTS = 8;
const FIRST_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 3_600_000;
const TIMEOUT_MS = 10_000;
/** A claimed message is not picked again before the send has surely timed out. */
const CLAIM_MS = TIMEOUT_MS + 20_000;

/** The wait before attempt `attempts + 1`, after `attempts` failed ones. */
export function backoffMs(attempts: number): number {
  return Math.min(FIRST_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

interface DueRow {
  id: number;
  webhookId: number;
  event: WebhookEvent;
  payload: string;
  createdAt: number;
  attempts: number;
  url: string;
  format: WebhookFormat;
  secret: string;
}

export interface DeliverOptions {
  now?: () => number;
  /** At most this many messages in one call. */
  limit?: number;
}

export interface DeliverResult {
  attempted: number;
  delivered: number;
  failed: number;
}

function due(sqlite: Database.Database, now: number, limit: number): DueRow[] {
  return sqlite
    .prepare(
      `SELECT o.id, o.webhook_id AS webhookId, o.event, o.payload, o.created_at AS createdAt, o.attempts, w.url, w.format, w.secret
       FROM webhook_outbox o JOIN webhooks w ON w.id = o.webhook_id
       WHERE o.status = 'pending' AND o.next_attempt_at <= ? AND w.enabled = 1
       ORDER BY o.next_attempt_at, o.id LIMIT ?`,
    )
    .all(now, limit) as DueRow[];
}

function claim(sqlite: Database.Database, id: number, now: number): boolean {
  return writeTransaction(sqlite, () =>
    sqlite.prepare(`UPDATE webhook_outbox SET next_attempt_at = ? WHERE id = ? AND status = 'pending' AND next_attempt_at <= ?`).run(now + CLAIM_MS, id, now).changes === 1,
  );
}

async function send(row: DueRow, now: number): Promise<{ ok: boolean; httpStatus: number | null; error: string | null }> {
  const body = messageBody(row.format, row);
  try {
    const response = await fetch(row.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Distillwatch-Webhook/1',
        'x-distillwatch-event': row.event,
        'x-distillwatch-delivery': `msg_${row.id}`,
        [SIGNATURE_HEADER]: signatureHeader(row.secret, body, now),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return { ok, httpStatus: response.status, error: ok ? null : `answered ${response.status}` };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    return { ok: false, httpStatus: null, error: (e.cause?.code ?? e.cause?.message ?? e.message).slice(0, 300) };
  }
}

function record(sqlite: Database.Database, row: DueRow, result: Awaited<ReturnType<typeof send>>, at: number, finished: number): 'delivered' | 'retry' | 'failed' {
  return writeTransaction(sqlite, () => {
    const attempt = row.attempts + 1;
    sqlite
      .prepare(`INSERT INTO webhook_deliveries (outbox_id, webhook_id, event, attempt, at, http_status, ok, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(row.id, row.webhookId, row.event, attempt, at, result.httpStatus, result.ok ? 1 : 0, result.error, Math.max(0, finished - at));
    if (result.ok) {
      sqlite.prepare(`UPDATE webhook_outbox SET status = 'delivered', attempts = ?, delivered_at = ?, last_error = NULL WHERE id = ?`).run(attempt, finished, row.id);
      return 'delivered';
    }
    const gaveUp = attempt >= MAX_ATTEMPTS;
    sqlite
      .prepare(`UPDATE webhook_outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?`)
      .run(gaveUp ? 'failed' : 'pending', attempt, finished + backoffMs(attempt), result.error, row.id);
    return gaveUp ? 'failed' : 'retry';
  });
}

/** Sends every message due now (one at a time, in order); resolves with what happened. */
export async function deliverDue(sqlite: Database.Database, opts: DeliverOptions = {}): Promise<DeliverResult> {
  const now = opts.now ?? Date.now;
  const out: DeliverResult = { attempted: 0, delivered: 0, failed: 0 };
  for (const row of due(sqlite, now(), opts.limit ?? 50)) {
    const at = now();
    if (!claim(sqlite, row.id, at)) continue;
    out.attempted++;
    const result = await send(row, at);
    const state = record(sqlite, row, result, at, now());
    if (state === 'delivered') out.delivered++;
    else if (state === 'failed') out.failed++;
  }
  return out;
}
