/**
 * Webhooks end to end on a real store and a real HTTP receiver (node:http in
 * this process): messages written with the change that causes them, signed,
 * retried with backoff, logged, given up after the last attempt, and still
 * there after the store is closed and opened again.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore, writeTransaction, type Store } from '../../db/client';
import { tempStore } from '../../tools/testing/temp-store';
import { decideCase } from '../cases/decide-case';
import { ensureCase } from '../cases/ensure-case';
import { ForbiddenError } from '../errors';
import { backoffMs, deliverDue, MAX_ATTEMPTS } from './deliver';
import { changeWebhook, createWebhook, deliveryLog, listWebhooks } from './manage';
import { enqueueWebhookEvent } from './outbox';
import { verifySignature } from './signature';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let url: string;
const received: Received[] = [];
/** Statuses the receiver answers with, in turn (200 when empty). */
let answers: number[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = answers.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/distillwatch?token=receiver-side`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let store: Store;
const admin = { name: 'root', role: 'admin' as const };
const analyst = { name: 'ana', role: 'analyst' as const };
const T0 = Date.parse('2026-11-22T06:00:00Z');

beforeEach(() => {
  store = tempStore('dw-webhooks-');
  received.length = 0;
  answers = [];
});

/** Checks the signature the way a receiver would, with nothing of ours: HMAC-SHA256 over "<t>.<raw body>". */
function independentlySigned(r: Received, secret: string): boolean {
  const header = String(r.headers['x-distillwatch-signature']);
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  return createHmac('sha256', secret).update(`${m[1]}.${r.body}`).digest('hex') === m[2];
}

function addHook(events: Parameters<typeof createWebhook>[1]['events'], format: 'json' | 'slack' = 'json') {
  return writeTransaction(store.sqlite, () => createWebhook(store.sqlite, { name: `hook ${format}`, url, format, events }, admin, T0));
}

describe('webhooks', () => {
  it('sends a decision, written in the decision’s transaction, signed so a receiver can check it', async () => {
    const { webhook, secret } = addHook(['case.decided', 'case.escalated']);
    expect(secret).toMatch(/^whsec_/);
    const c = ensureCase(store.sqlite, { subjectKind: 'account', subjectId: 'acct_<b>evil</b>', score: 0.93, accounts: 1, now: T0 });
    decideCase(store.sqlite, { caseId: c.caseId, action: 'escalate', reason: 'shared cards with a known ring', user: analyst, expectedVersion: 1, now: T0 + 1000 });
    // A decision that is refused (stale version) queues nothing.
    expect(() => decideCase(store.sqlite, { caseId: c.caseId, action: 'confirm', reason: 'late click', user: { name: 'lee', role: 'lead' }, expectedVersion: 1, now: T0 + 2000 })).toThrow();
    expect(store.sqlite.prepare(`SELECT count(*) FROM webhook_outbox`).pluck().get()).toBe(1);

    const result = await deliverDue(store.sqlite);
    expect(result).toEqual({ attempted: 1, delivered: 1, failed: 0 });
    expect(received).toHaveLength(1);
    const [r] = received;
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers['x-distillwatch-event']).toBe('case.escalated');
    expect(r.headers['x-distillwatch-delivery']).toMatch(/^msg_\d+$/);
    expect(independentlySigned(r, secret)).toBe(true);
    expect(independentlySigned(r, 'whsec_someone-else')).toBe(false);
    expect(verifySignature(secret, String(r.headers['x-distillwatch-signature']), r.body, Date.now())).toBe(true);
    expect(verifySignature(secret, String(r.headers['x-distillwatch-signature']), r.body.replace('escalate', 'dismiss'), Date.now())).toBe(false);
    // A captured message replayed an hour later is refused.
    expect(verifySignature(secret, String(r.headers['x-distillwatch-signature']), r.body, Date.now() + 3_600_000)).toBe(false);
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({
      event: 'case.escalated',
      data: { case_id: c.caseId, subject_id: 'acct_<b>evil</b>', action: 'escalate', from: 'open', to: 'escalated', by: 'ana', role: 'analyst' },
    });
    const log = deliveryLog(store.sqlite, admin, { webhookId: webhook.id });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ ok: true, httpStatus: 200, attempt: 1, event: 'case.escalated', messageStatus: 'delivered' });
  });

  it('writes Slack messages with outside text escaped', async () => {
    addHook(['case.escalated'], 'slack');
    const c = ensureCase(store.sqlite, { subjectKind: 'account', subjectId: 'acct_<!channel>\u202e', score: 0.9, accounts: 1, now: T0 });
    decideCase(store.sqlite, { caseId: c.caseId, action: 'escalate', reason: 'see <http://x|here>', user: analyst, expectedVersion: 1, now: T0 });
    await deliverDue(store.sqlite);
    const text = JSON.parse(received[0].body).text as string;
    expect(text).toContain('acct_&lt;!channel&gt;⟨U+202E⟩');
    expect(text).toContain('see &lt;http://x|here&gt;');
    expect(text).not.toContain('<!channel>');
  });

  it('retries a failed delivery with backoff, logs every attempt, and gives up after the last', async () => {
    const { webhook } = addHook(['digest.daily']);
    writeTransaction(store.sqlite, () =>
      enqueueWebhookEvent(store.sqlite, 'digest.daily', { day: '2026-11-21', alerts_raised: 3, open_cases: 2, escalated_cases: 0, decisions: { confirm: 0, dismiss: 0, escalate: 0 }, late_events: [] }, T0),
    );
    let clock = T0;
    const now = () => clock;
    answers = [500, 503];
    expect(await deliverDue(store.sqlite, { now })).toEqual({ attempted: 1, delivered: 0, failed: 0 });
    // Not due again before the backoff has passed.
    clock += backoffMs(1) - 1;
    expect((await deliverDue(store.sqlite, { now })).attempted).toBe(0);
    clock += 1;
    expect((await deliverDue(store.sqlite, { now })).attempted).toBe(1);
    clock += backoffMs(2);
    expect(await deliverDue(store.sqlite, { now })).toEqual({ attempted: 1, delivered: 1, failed: 0 });
    expect(received).toHaveLength(3);
    // The same delivery id on every attempt: a receiver drops repeats by it.
    expect(new Set(received.map((r) => r.headers['x-distillwatch-delivery'])).size).toBe(1);
    expect(deliveryLog(store.sqlite, admin).map((d) => [d.attempt, d.httpStatus, d.ok])).toEqual([
      [3, 200, true],
      [2, 503, false],
      [1, 500, false],
    ]);

    // Always failing: after MAX_ATTEMPTS it is marked failed and never sent again.
    writeTransaction(store.sqlite, () =>
      enqueueWebhookEvent(store.sqlite, 'digest.daily', { day: '2026-11-22', alerts_raised: 0, open_cases: 2, escalated_cases: 0, decisions: { confirm: 0, dismiss: 0, escalate: 0 }, late_events: [] }, clock),
    );
    received.length = 0;
    answers = new Array(MAX_ATTEMPTS + 2).fill(500);
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      const r = await deliverDue(store.sqlite, { now });
      expect(r.attempted).toBe(1);
      expect(r.failed).toBe(i === MAX_ATTEMPTS ? 1 : 0);
      clock += backoffMs(i);
    }
    clock += 10 * 3_600_000;
    expect((await deliverDue(store.sqlite, { now })).attempted).toBe(0);
    expect(received).toHaveLength(MAX_ATTEMPTS);
    expect(listWebhooks(store.sqlite, admin)[0]).toMatchObject({ id: webhook.id, failed: 1, pending: 0 });
  });

  it('keeps undelivered messages across a restart', async () => {
    addHook(['digest.daily']);
    writeTransaction(store.sqlite, () =>
      enqueueWebhookEvent(store.sqlite, 'digest.daily', { day: '2026-11-21', alerts_raised: 1, open_cases: 1, escalated_cases: 0, decisions: { confirm: 0, dismiss: 0, escalate: 0 }, late_events: [] }, T0),
    );
    const file = store.path;
    store.close();
    store = openStore(file);
    expect(await deliverDue(store.sqlite)).toMatchObject({ delivered: 1 });
    expect(JSON.parse(received[0].body).data).toMatchObject({ day: '2026-11-21', alerts_raised: 1 });
  });

  it('sends nothing to a disabled webhook, and lets only admins configure them (audited)', async () => {
    const { webhook } = addHook(['case.decided']);
    writeTransaction(store.sqlite, () => changeWebhook(store.sqlite, webhook.id, { enabled: false }, admin, T0));
    const c = ensureCase(store.sqlite, { subjectKind: 'account', subjectId: 'acct_1', score: 0.9, accounts: 1, now: T0 });
    decideCase(store.sqlite, { caseId: c.caseId, action: 'confirm', reason: 'clear extraction', user: analyst, expectedVersion: 1, now: T0 });
    expect(store.sqlite.prepare(`SELECT count(*) FROM webhook_outbox`).pluck().get()).toBe(0);
    expect(() => writeTransaction(store.sqlite, () => createWebhook(store.sqlite, { name: 'x', url, format: 'json', events: ['case.decided'] }, analyst))).toThrow(ForbiddenError);
    expect(() => writeTransaction(store.sqlite, () => createWebhook(store.sqlite, { name: 'x', url: 'file:///etc/passwd', format: 'json', events: ['case.decided'] }, admin))).toThrow(/http/);
    const audit = store.sqlite.prepare(`SELECT action, details FROM audit_log WHERE action LIKE 'webhook_%' ORDER BY seq`).all() as { action: string; details: string }[];
    expect(audit.map((a) => a.action)).toEqual(['webhook_created', 'webhook_updated']);
    // The audit trail names the receiver's origin, never its path (which may hold a token) or our secret.
    expect(audit[0].details).toContain('127.0.0.1');
    expect(audit[0].details).not.toContain('receiver-side');
    expect(audit[0].details).not.toContain('whsec_');
  });
});
