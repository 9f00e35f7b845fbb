/**
 * Admins configure webhooks: add one (its signing secret shown once), turn
 * it on or off, change its events, rotate its secret, remove it; and read the
 * delivery log. Every change is checked here (`manage_webhooks`) and audited
 * in the caller's write transaction, for the route and any other caller alike.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { appendAudit } from '../audit/append';
import { assertCan, type Actor } from '../auth/permissions';
import { InputError, NotFoundError } from '../errors';
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS, type WebhookEvent, type WebhookFormat } from './events';
import { newWebhookSecret } from './signature';

/** An http(s) URL with no credentials in it: the receiver authenticates us by the signature. */
const webhookUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, 'the URL must be an http:// or https:// address without a user name or password');

export const webhookInputSchema = z.object({
  name: z.string().trim().min(1, 'a name is required').max(100),
  url: webhookUrl,
  format: z.enum(WEBHOOK_FORMATS),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'choose at least one event').max(WEBHOOK_EVENTS.length),
});
export type WebhookInput = z.infer<typeof webhookInputSchema>;

export const webhookChangeSchema = z
  .object({
    enabled: z.boolean().optional(),
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'choose at least one event').max(WEBHOOK_EVENTS.length).optional(),
    rotate_secret: z.literal(true).optional(),
  })
  .refine((v) => v.enabled !== undefined || v.events !== undefined || v.rotate_secret !== undefined, 'nothing to change');
export type WebhookChange = z.infer<typeof webhookChangeSchema>;

export interface WebhookInfo {
  id: number;
  name: string;
  url: string;
  format: WebhookFormat;
  events: WebhookEvent[];
  enabled: boolean;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  /** Messages waiting to be sent, and those that gave up. */
  pending: number;
  failed: number;
  lastDelivery: { at: number; ok: boolean; httpStatus: number | null } | null;
}

interface Row {
  id: number;
  name: string;
  url: string;
  format: WebhookFormat;
  events: string;
  enabled: number;
  created_by: string;
  created_at: number;
  updated_at: number;
}

function infoOf(sqlite: Database.Database, r: Row): WebhookInfo {
  const counts = sqlite
    .prepare(`SELECT sum(status = 'pending') AS pending, sum(status = 'failed') AS failed FROM webhook_outbox WHERE webhook_id = ?`)
    .get(r.id) as { pending: number | null; failed: number | null };
  const last = sqlite.prepare(`SELECT at, ok, http_status FROM webhook_deliveries WHERE webhook_id = ? ORDER BY at DESC, id DESC LIMIT 1`).get(r.id) as
    | { at: number; ok: number; http_status: number | null }
    | undefined;
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    format: r.format,
    events: JSON.parse(r.events) as WebhookEvent[],
    enabled: r.enabled === 1,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    pending: counts.pending ?? 0,
    failed: counts.failed ?? 0,
    lastDelivery: last ? { at: last.at, ok: last.ok === 1, httpStatus: last.http_status } : null,
  };
}

function rowOf(sqlite: Database.Database, id: number): Row {
  const row = sqlite.prepare(`SELECT * FROM webhooks WHERE id = ?`).get(id) as Row | undefined;
  if (!row) throw new NotFoundError(`no webhook ${id}`);
  return row;
}

/** Where the audit trail may show a URL: without its path and query, which may carry a receiver's token. */
const urlOrigin = (url: string) => new URL(url).origin;

export function listWebhooks(sqlite: Database.Database, by: Actor): WebhookInfo[] {
  assertCan(by, 'manage_webhooks', 'see webhooks');
  return (sqlite.prepare(`SELECT * FROM webhooks ORDER BY id`).all() as Row[]).map((r) => infoOf(sqlite, r));
}

/** Adds a webhook; returns it and its secret (shown once). Must run inside the caller's write transaction. */
export function createWebhook(sqlite: Database.Database, input: WebhookInput, by: Actor, now = Date.now()): { webhook: WebhookInfo; secret: string } {
  assertCan(by, 'manage_webhooks', 'add webhooks');
  const parsed = webhookInputSchema.safeParse(input);
  if (!parsed.success) throw new InputError(parsed.error.issues[0]?.message ?? 'invalid webhook');
  const w = parsed.data;
  const secret = newWebhookSecret();
  const events = [...new Set(w.events)];
  const { id } = sqlite
    .prepare(`INSERT INTO webhooks (name, url, format, secret, events, enabled, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING id`)
    .get(w.name, w.url, w.format, secret, JSON.stringify(events), by.name, now, now) as { id: number };
  appendAudit(sqlite, { actor: by.name, action: 'webhook_created', subjectKind: 'webhook', subjectId: String(id), details: { name: w.name, url: urlOrigin(w.url), format: w.format, events }, at: now });
  return { webhook: infoOf(sqlite, rowOf(sqlite, id)), secret };
}

/** Turns a webhook on or off, changes its events, or rotates its secret (returned when rotated). */
export function changeWebhook(sqlite: Database.Database, id: number, change: WebhookChange, by: Actor, now = Date.now()): { webhook: WebhookInfo; secret: string | null } {
  assertCan(by, 'manage_webhooks', 'change webhooks');
  const parsed = webhookChangeSchema.safeParse(change);
  if (!parsed.success) throw new InputError(parsed.error.issues[0]?.message ?? 'invalid change');
  const c = parsed.data;
  const row = rowOf(sqlite, id);
  const events = c.events ? [...new Set(c.events)] : null;
  const secret = c.rotate_secret ? newWebhookSecret() : null;
  sqlite
    .prepare(`UPDATE webhooks SET enabled = coalesce(?, enabled), events = coalesce(?, events), secret = coalesce(?, secret), updated_at = ? WHERE id = ?`)
    .run(c.enabled === undefined ? null : c.enabled ? 1 : 0, events ? JSON.stringify(events) : null, secret, now, id);
  appendAudit(sqlite, {
    actor: by.name,
    action: 'webhook_updated',
    subjectKind: 'webhook',
    subjectId: String(id),
    details: { name: row.name, ...(c.enabled !== undefined ? { enabled: c.enabled } : {}), ...(events ? { events } : {}), ...(secret ? { secret_rotated: true } : {}) },
    at: now,
  });
  return { webhook: infoOf(sqlite, rowOf(sqlite, id)), secret };
}

/** Removes a webhook; its waiting messages are marked failed, its delivery log kept. */
export function deleteWebhook(sqlite: Database.Database, id: number, by: Actor, now = Date.now()): void {
  assertCan(by, 'manage_webhooks', 'remove webhooks');
  const row = rowOf(sqlite, id);
  sqlite.prepare(`DELETE FROM webhooks WHERE id = ?`).run(id);
  sqlite.prepare(`UPDATE webhook_outbox SET status = 'failed', last_error = 'webhook removed' WHERE webhook_id = ? AND status = 'pending'`).run(id);
  appendAudit(sqlite, { actor: by.name, action: 'webhook_deleted', subjectKind: 'webhook', subjectId: String(id), details: { name: row.name, url: urlOrigin(row.url) }, at: now });
}

export interface DeliveryLogEntry {
  id: number;
  webhookId: number;
  webhook: string | null;
  messageId: string;
  event: string;
  attempt: number;
  at: number;
  httpStatus: number | null;
  ok: boolean;
  error: string | null;
  durationMs: number;
  /** The message's state now: delivered, pending (another attempt will come) or failed (gave up). */
  messageStatus: string;
}

/** The newest delivery attempts, of one webhook or all. */
export function deliveryLog(sqlite: Database.Database, by: Actor, opts: { webhookId?: number; limit?: number } = {}): DeliveryLogEntry[] {
  assertCan(by, 'manage_webhooks', 'read the webhook delivery log');
  const rows = sqlite
    .prepare(
      `SELECT d.id, d.webhook_id AS webhookId, w.name AS webhook, d.outbox_id AS outboxId, d.event, d.attempt, d.at, d.http_status AS httpStatus, d.ok, d.error,
              d.duration_ms AS durationMs, o.status AS messageStatus
       FROM webhook_deliveries d LEFT JOIN webhooks w ON w.id = d.webhook_id LEFT JOIN webhook_outbox o ON o.id = d.outbox_id
       WHERE (? IS NULL OR d.webhook_id = ?) ORDER BY d.at DESC, d.id DESC LIMIT ?`,
    )
    .all(opts.webhookId ?? null, opts.webhookId ?? null, opts.limit ?? 100) as (Omit<DeliveryLogEntry, 'ok' | 'messageId'> & { ok: number; outboxId: number })[];
  return rows.map(({ outboxId, ...r }) => ({ ...r, messageId: `msg_${outboxId}`, ok: r.ok === 1, messageStatus: r.messageStatus ?? 'unknown' }));
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A webhook as the API shows it (never its secret). */
export function webhookJson(w: WebhookInfo) {
  return {
    id: w.id,
    name: w.name,
    url: w.url,
    format: w.format,
    events: w.events,
    enabled: w.enabled,
    created_by: w.createdBy,
    created_at: iso(w.createdAt),
    pending: w.pending,
    failed: w.failed,
    last_delivery: w.lastDelivery ? { at: iso(w.lastDelivery.at), ok: w.lastDelivery.ok, http_status: w.lastDelivery.httpStatus } : null,
  };
}

export function deliveryJson(d: DeliveryLogEntry) {
  return {
    id: d.id,
    webhook_id: d.webhookId,
    webhook: d.webhook,
    message_id: d.messageId,
    event: d.event,
    attempt: d.attempt,
    at: iso(d.at),
    http_status: d.httpStatus,
    ok: d.ok,
    error: d.error,
    duration_ms: d.durationMs,
    message_status: d.messageStatus,
  };
}

/** A webhook id from a URL segment. */
export function webhookIdOf(param: string | undefined): number {
  const id = Number(param);
  if (!param || !/^\d{1,12}$/.test(param) || !Number.isSafeInteger(id)) throw new InputError('a webhook id is a positive integer');
  return id;
}
