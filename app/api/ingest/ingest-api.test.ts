/**
 * POST /api/ingest and token scopes, through the real route handlers on a
 * real store: who may send logs, every format, gzip, idempotency, 400 naming
 * the bad lines with the store unchanged, 413 over the limit.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@/db/client';
import { fixture, mapOf } from '@/tools/testing/adapter-fixtures';
import { account, event } from '@/tools/testing/records';
import { routeStore } from '@/tools/testing/route-store';

let store: Store;
let sessions: Record<string, { token: string; csrf: string }>;
let routes: {
  ingest: typeof import('@/app/api/ingest/route');
  tokens: typeof import('@/app/api/tokens/route');
  me: typeof import('@/app/api/me/route');
  notes: typeof import('@/app/api/cases/[id]/notes/route');
  users: typeof import('@/app/api/users/route');
};
const ORIGIN = 'http://localhost:3000';
const tokens: Record<string, string> = {};

async function createToken(as: string, body: Record<string, unknown>) {
  const req = new Request(`${ORIGIN}/api/tokens`, {
    method: 'POST',
    headers: { host: 'localhost:3000', origin: ORIGIN, cookie: `dw_session=${sessions[as].token}`, 'x-csrf-token': sessions[as].csrf, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return routes.tokens.POST(req, { params: Promise.resolve({}) });
}

beforeAll(async () => {
  ({ store, sessions } = await routeStore('dw-ingest-api-', [['root', 'admin'], ['ana', 'analyst']]));
  routes = {
    ingest: await import('@/app/api/ingest/route'),
    tokens: await import('@/app/api/tokens/route'),
    me: await import('@/app/api/me/route'),
    notes: await import('@/app/api/cases/[id]/notes/route'),
    users: await import('@/app/api/users/route'),
  };
  for (const [name, as, scopes] of [['ingest', 'root', ['ingest']], ['read', 'root', ['read']], ['legacy', 'ana', undefined], ['anaRead', 'ana', ['read']]] as const) {
    const res = await createToken(as, { label: `${name} token`, ...(scopes ? { scopes } : {}) });
    expect(res.status).toBe(200);
    tokens[name] = (await res.json()).token;
  }
});
afterAll(() => store.close());

function post(body: BodyInit, o: { token?: string; query?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { host: 'localhost:3000', authorization: `Bearer ${o.token ?? tokens.ingest}`, ...o.headers };
  return routes.ingest.POST(new Request(`${ORIGIN}/api/ingest${o.query ?? ''}`, { method: 'POST', headers, body, duplex: 'half' } as RequestInit));
}

const count = (table: string) => (store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const lines = (...records: object[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';
const lastAudit = () => store.sqlite.prepare(`SELECT actor, action, details FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as { actor: string; action: string; details: string };

describe('token scopes', () => {
  it('a token may only do what its scopes say; tokens made without scopes read and write as before', async () => {
    const me = (token: string) => routes.me.GET(new Request(`${ORIGIN}/api/me`, { headers: { host: 'localhost:3000', authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });
    expect((await me(tokens.read)).status).toBe(200);
    const ingestOnly = await me(tokens.ingest);
    expect(ingestOnly.status).toBe(403);
    expect(await ingestOnly.json()).toEqual({ error: 'this API token lacks the "read" scope' });
    expect(lastAudit()).toMatchObject({ actor: 'root', action: 'access_denied' });
    expect(JSON.parse(lastAudit().details)).toMatchObject({ permission: 'scope:read' });
    // A read-only token cannot change anything, even what its user's role may.
    const note = await routes.notes.POST(
      new Request(`${ORIGIN}/api/cases/case_x/notes`, { method: 'POST', headers: { host: 'localhost:3000', authorization: `Bearer ${tokens.anaRead}`, 'content-type': 'application/json' }, body: JSON.stringify({ body: 'x' }) }),
      { params: Promise.resolve({ id: 'case_x' }) },
    );
    expect(note.status).toBe(403);
    expect(await note.json()).toEqual({ error: 'this API token lacks the "write" scope' });
    // Nor through the door of changes with a slow part (adding a user hashes a password): an admin's read-only token adds no one.
    const users = count('users');
    const added = await routes.users.POST(
      new Request(`${ORIGIN}/api/users`, { method: 'POST', headers: { host: 'localhost:3000', authorization: `Bearer ${tokens.read}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'mallory', role: 'admin' }) }),
      { params: Promise.resolve({}) },
    );
    expect(added.status).toBe(403);
    expect(await added.json()).toEqual({ error: 'this API token lacks the "write" scope' });
    expect(count('users')).toBe(users);
    expect(store.sqlite.prepare(`SELECT scopes FROM api_tokens ORDER BY created_at`).pluck().all()).toEqual(['ingest', 'read', 'read write', 'read']);
  });

  it('only a role that may ingest gets the ingest scope; creation is audited with the scopes', async () => {
    const refused = await createToken('ana', { label: 'shipper', scopes: ['ingest'] });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatch(/a token of ana \(analyst\) may not have the scope ingest/);
    expect((await createToken('ana', { label: 'nothing', scopes: [] })).status).toBe(400);
    expect((await createToken('ana', { label: 'odd', scopes: ['admin'] })).status).toBe(400);
    const ok = await createToken('root', { label: 'log shipper', scopes: ['ingest', 'read'] });
    expect(await ok.json()).toMatchObject({ scopes: ['read', 'ingest'], state: 'active' });
    expect(lastAudit()).toMatchObject({ actor: 'root', action: 'api_token_created' });
    expect(JSON.parse(lastAudit().details)).toMatchObject({ label: 'log shipper', scopes: ['read', 'ingest'] });
  });
});

describe('POST /api/ingest', () => {
  it('needs a token with the ingest scope: none is 401, a read token or an analyst\'s token 403', async () => {
    const body = lines(account('acct_nobody'));
    expect((await post(body, { token: 'dw_forged' })).status).toBe(401);
    expect((await post(body, { token: tokens.read })).status).toBe(403);
    const analyst = await post(body, { token: tokens.legacy });
    expect(analyst.status).toBe(403);
    expect(await analyst.json()).toEqual({ error: 'your role (analyst) may not do this' });
    expect(count('accounts')).toBe(0);
  });

  it('ingests the contract, and again adds nothing (idempotent on the request id)', async () => {
    const body = lines(account('acct_api_1'), event('acct_api_1', { request_id: 'api-r1' }), event('acct_api_1', { request_id: 'api-r2' }));
    const first = await post(body);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ accounts: 1, events: 2, duplicates: 0, rejected: 0 });
    const again = await post(body);
    expect(await again.json()).toEqual({ accounts: 1, events: 0, duplicates: 2, rejected: 0 });
    expect(count('events')).toBe(2);
  });

  it('takes every format, gzipped (Content-Encoding or not), with a map in the query', async () => {
    const before = count('events');
    const otel = await post(gzipSync(readFileSync(fixture('otel', 'spans.jsonl'))), { headers: { 'content-encoding': 'gzip' } });
    expect(await otel.json()).toEqual({ accounts: 0, events: 2, duplicates: 0, rejected: 0 });
    const litellm = await post(gzipSync(readFileSync(fixture('litellm', 'spend-logs.csv'))), { query: '?format=litellm' });
    expect(await litellm.json()).toMatchObject({ events: 3 });
    const map = encodeURIComponent(JSON.stringify(mapOf('gateway', 'map.json')));
    const gateway = await post(readFileSync(fixture('gateway', 'exchanges.jsonl')), { query: `?format=gateway&map=${map}` });
    expect(await gateway.json()).toMatchObject({ events: 5 });
    const accounts = await post(readFileSync(fixture('accounts', 'crm-export.csv')), { query: `?map=${encodeURIComponent(JSON.stringify(mapOf('accounts', 'crm-map.json')))}` });
    expect(await accounts.json()).toMatchObject({ accounts: 3 });
    expect(count('events')).toBe(before + 10);
  });

  it('answers 400 naming the bad lines and leaves the store exactly as it was', async () => {
    const snapshot = () => ({ events: count('events'), accounts: count('accounts'), prompts: count('prompts'), runs: count('ingest_runs') });
    const before = snapshot();
    const body = lines(account('acct_half'), event('acct_half', { request_id: 'half-1' }), { type: 'event', request_id: 'half-2' }, event('acct_half', { request_id: 'half-3', ip: 'no' }));
    const res = await post(body);
    expect(res.status).toBe(400);
    const answer = await res.json();
    expect(answer).toMatchObject({ rejected: 2, rejects: [{ line: 3, reason: expect.stringMatching(/missing field "ts"/) }, { line: 4, reason: 'field "ip" is not an IPv4 or IPv6 address' }] });
    expect(answer.error).toMatch(/^2 bad lines, nothing ingested: line 3: .*; line 4: /);
    expect(snapshot()).toEqual(before);
    // A body that is not what it says, a bad map, a bad format: 400, nothing changed.
    expect((await post('{"type":"account"}\n', { headers: { 'content-encoding': 'gzip' } })).status).toBe(400);
    expect((await post(gzipSync('x').subarray(0, 8))).status).toBe(400);
    expect((await post('{}', { query: '?format=gateway&map={"time":1}' })).status).toBe(400);
    expect((await post('{}', { query: '?format=xml' })).status).toBe(400);
    expect(snapshot()).toEqual(before);
  });

  it('answers 413 over DISTILLWATCH_INGEST_MAX_BYTES, declared or streamed, and changes nothing', async () => {
    const before = count('events');
    process.env.DISTILLWATCH_INGEST_MAX_BYTES = '2048';
    try {
      const big = lines(...Array.from({ length: 40 }, (_, i) => event('acct_big', { request_id: `big-${i}` })));
      expect(Buffer.byteLength(big)).toBeGreaterThan(2048);
      const declared = await post(big, { headers: { 'content-length': String(Buffer.byteLength(big)) } });
      expect(declared.status).toBe(413);
      expect((await declared.json()).error).toMatch(/over the 0 MiB limit|over the .* limit \(DISTILLWATCH_INGEST_MAX_BYTES\)/);
      // Streamed with no length, and gzipped small: counted as it is decoded.
      const streamed = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(big)); c.close(); } });
      expect((await post(streamed)).status).toBe(413);
      expect((await post(gzipSync(big), { headers: { 'content-encoding': 'gzip' } })).status).toBe(413);
    } finally {
      delete process.env.DISTILLWATCH_INGEST_MAX_BYTES;
    }
    expect(count('events')).toBe(before);
  });
});
