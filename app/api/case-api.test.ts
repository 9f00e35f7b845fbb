/**
 * The JSON API's route handlers called with real Requests on a real store:
 * authentication, CSRF, validation, permissions, conflicts, and that a
 * refused request changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTransaction, type Store } from '@/db/client';
import { createApiToken } from '@/lib/auth/api-tokens';
import { ensureCase } from '@/lib/cases/ensure-case';
import { routeStore } from '@/tools/testing/route-store';

let store: Store;
let routes: {
  list: typeof import('@/app/api/cases/route');
  one: typeof import('@/app/api/cases/[id]/route');
  decision: typeof import('@/app/api/cases/[id]/decision/route');
  notes: typeof import('@/app/api/cases/[id]/notes/route');
  me: typeof import('@/app/api/me/route');
  tokens: typeof import('@/app/api/tokens/route');
  revoke: typeof import('@/app/api/tokens/[id]/route');
  signIn: typeof import('@/app/api/auth/sign-in/route');
  signOut: typeof import('@/app/api/auth/sign-out/route');
};
let sessions: Record<string, { token: string; csrf: string }>;
let caseId: string;

const HOST = 'localhost:3000';
const ORIGIN = `http://${HOST}`;

beforeAll(async () => {
  ({ store, sessions } = await routeStore('dw-api-', [['ana', 'analyst'], ['lee', 'lead'], ['root', 'admin']]));
  caseId = ensureCase(store.sqlite, { subjectKind: 'ring', subjectId: 'ring_7', score: 0.97, accounts: 12 }).caseId;
  routes = {
    list: await import('@/app/api/cases/route'),
    one: await import('@/app/api/cases/[id]/route'),
    decision: await import('@/app/api/cases/[id]/decision/route'),
    notes: await import('@/app/api/cases/[id]/notes/route'),
    me: await import('@/app/api/me/route'),
    tokens: await import('@/app/api/tokens/route'),
    revoke: await import('@/app/api/tokens/[id]/route'),
    signIn: await import('@/app/api/auth/sign-in/route'),
    signOut: await import('@/app/api/auth/sign-out/route'),
  };
});
afterAll(() => store.close());

interface Options {
  as?: string;
  csrf?: string | null;
  origin?: string | null;
  bearer?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

function request(method: string, path: string, o: Options = {}): Request {
  const headers: Record<string, string> = { host: HOST, ...o.headers };
  if (o.as) headers.cookie = `dw_session=${sessions[o.as].token}`;
  if (o.as && o.csrf !== null) headers['x-csrf-token'] = o.csrf ?? sessions[o.as].csrf;
  if (o.origin !== null && method !== 'GET') headers.origin = o.origin ?? ORIGIN;
  if (o.bearer) headers.authorization = `Bearer ${o.bearer}`;
  const body = o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  return new Request(`${ORIGIN}${path}`, { method, headers, body });
}

const params = (id?: string) => ({ params: Promise.resolve(id ? { id } : {}) });
const decide = (o: Options) => routes.decision.POST(request('POST', `/api/cases/${caseId}/decision`, o), params(caseId));
const decisions = () => (store.sqlite.prepare(`SELECT count(*) AS n FROM decisions`).get() as { n: number }).n;
const lastAudit = () => store.sqlite.prepare(`SELECT actor, action, details FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as { actor: string; action: string; details: string };

describe('reading', () => {
  it('answers 401 without a valid session', async () => {
    const res = await routes.list.GET(request('GET', '/api/cases', { headers: { cookie: 'dw_session=forged' } }), params());
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'not signed in' });
  });

  it('lists and shows cases', async () => {
    const res = await routes.list.GET(request('GET', '/api/cases?status=open&page=1', { as: 'ana' }), params());
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ total: 1, page: 1, cases: [{ case_id: caseId, status: 'open', subject: { kind: 'ring', id: 'ring_7' } }] });
    const one = await routes.one.GET(request('GET', `/api/cases/${caseId}`, { as: 'ana' }), params(caseId));
    expect((await one.json()).audit[0]).toMatchObject({ seq: expect.any(Number), action: 'case_opened' });
    expect((await routes.one.GET(request('GET', '/api/cases/nope', { as: 'ana' }), params('nope'))).status).toBe(404);
  });

  it('answers 400 to bad query parameters', async () => {
    for (const q of ['status=closed', 'page=0', 'page=x']) {
      const res = await routes.list.GET(request('GET', `/api/cases?${q}`, { as: 'ana' }), params());
      expect(res.status).toBe(400);
      expect(Object.keys(await res.json())).toEqual(['error']);
    }
  });

  it('tells a page who is signed in and its CSRF token', async () => {
    const res = await routes.me.GET(request('GET', '/api/me', { as: 'ana' }), params());
    expect(await res.json()).toMatchObject({ user: { name: 'ana', role: 'analyst' }, csrf_token: sessions.ana.csrf, via: 'session' });
  });
});

describe('changing', () => {
  it('refuses a session without the CSRF token, or from another site, and records it', async () => {
    const body = { action: 'confirm', reason: 'shared cards', expectedVersion: 1 };
    for (const o of [
      { csrf: null },
      { csrf: 'wrong' },
      { origin: 'https://evil.example' },
      // Neither Sec-Fetch-Site nor Origin: refused (a Referer does not stand in for them).
      { origin: null },
      { origin: null, headers: { referer: `${ORIGIN}/cases` } },
      { headers: { 'sec-fetch-site': 'cross-site' } },
      { headers: { 'sec-fetch-site': 'same-site' } },
      { origin: null, headers: { 'sec-fetch-site': 'cross-site' } },
    ] as Options[]) {
      const res = await decide({ as: 'ana', body, ...o });
      expect(res.status, JSON.stringify(o)).toBe(403);
    }
    expect(decisions()).toBe(0);
    expect(lastAudit()).toMatchObject({ actor: 'ana', action: 'access_denied' });
    expect(JSON.parse(lastAudit().details)).toEqual({ permission: 'csrf', via: `POST /api/cases/${caseId}/decision` });
  });

  it('answers 400 to a bad body and changes nothing', async () => {
    for (const body of [
      '{not json',
      { action: 'confirm' },
      { action: 'confirm', reason: 'no', expectedVersion: 1 },
      { action: 'delete', reason: 'gone away', expectedVersion: 1 },
      { action: 'confirm', reason: 'fine', expectedVersion: 'one' },
      // The version the decision is made on is required.
      { action: 'confirm', reason: 'shared cards' },
      // Closing a case needs its disposition; an escalation takes none.
      { action: 'confirm', reason: 'shared cards', expectedVersion: 1 },
      { action: 'confirm', reason: 'shared cards', expectedVersion: 1, disposition: 'guilty' },
      { action: 'escalate', reason: 'for legal', expectedVersion: 1, disposition: 'policy_referral' },
    ]) {
      const res = await decide({ as: 'ana', body });
      expect(res.status).toBe(400);
      expect(typeof (await res.json()).error).toBe('string');
    }
    expect(decisions()).toBe(0);
  });

  it('answers 403 to a role without the permission, and records it', async () => {
    const res = await decide({ as: 'root', body: { action: 'confirm', reason: 'admin says so', expectedVersion: 1, disposition: 'confirmed_extraction' } });
    expect(res.status).toBe(403);
    expect(lastAudit()).toMatchObject({ actor: 'root', action: 'access_denied' });
    expect(decisions()).toBe(0);
  });

  it('decides, then answers 409 to a decision on a stale version', async () => {
    const ok = await decide({ as: 'ana', body: { action: 'escalate', reason: 'needs legal', expectedVersion: 1 } });
    expect(ok.status).toBe(200);
    expect((await ok.json()).case).toMatchObject({ status: 'escalated', version: 2, assignee: 'ana' });
    const stale = await decide({ as: 'lee', body: { action: 'dismiss', reason: 'benign', expectedVersion: 1, disposition: 'false_positive' } });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error).toMatch(/^case case_000001 was decided by ana at .*; reload$/);
  });

  it('answers 403 when an analyst decides an escalated case, and records it after the rollback', async () => {
    const res = await decide({ as: 'ana', body: { action: 'confirm', reason: 'sure', expectedVersion: 2, disposition: 'confirmed_extraction' } });
    expect(res.status).toBe(403);
    expect(JSON.parse(lastAudit().details)).toEqual({ permission: 'decide_escalated', via: `POST /api/cases/${caseId}/decision` });
    expect(decisions()).toBe(1);
    expect((await decide({ as: 'lee', body: { action: 'confirm', reason: 'confirmed', expectedVersion: 2, disposition: 'confirmed_extraction' } })).status).toBe(200);
  });

  it('lets a same-origin request through on Sec-Fetch-Site alone (no Origin)', async () => {
    const res = await routes.notes.POST(request('POST', `/api/cases/${caseId}/notes`, { as: 'ana', origin: null, headers: { 'sec-fetch-site': 'same-origin' }, body: { body: 'checked the cards' } }), params(caseId));
    expect(res.status).toBe(200);
  });

  it('answers 403 when an analyst tries to reverse a lead’s decision, saying who decided', async () => {
    const other = ensureCase(store.sqlite, { subjectKind: 'account', subjectId: 'acct_42', score: 0.9, accounts: 1 }).caseId;
    const on = (o: Options) => routes.decision.POST(request('POST', `/api/cases/${other}/decision`, o), params(other));
    expect((await on({ as: 'lee', body: { action: 'confirm', reason: 'extraction account', expectedVersion: 1, disposition: 'confirmed_extraction' } })).status).toBe(200);
    const res = await on({ as: 'ana', body: { action: 'dismiss', reason: 'benign', expectedVersion: 2, disposition: 'false_positive' } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: `ana (analyst) may not decide ${other}: lee (lead) decided it, and only a lead or legal may change a lead's or legal's decision` });
    expect(store.sqlite.prepare(`SELECT count(*) FROM known_good`).pluck().get()).toBe(0);
  });

  it('adds notes', async () => {
    const res = await routes.notes.POST(request('POST', `/api/cases/${caseId}/notes`, { as: 'ana', body: { body: 'see ring 3' } }), params(caseId));
    expect(res.status).toBe(200);
    expect((await res.json()).note).toMatchObject({ author: 'ana', body: 'see ring 3' });
  });
});

describe('API tokens', () => {
  it('are created once from a session and then work without CSRF, but cannot mint more', async () => {
    const res = await routes.tokens.POST(request('POST', '/api/tokens', { as: 'lee', body: { label: 'nightly export' } }), params());
    expect(res.status).toBe(200);
    const { token } = await res.json();
    expect(token).toMatch(/^dw_/);
    const stored = store.sqlite.prepare(`SELECT token_hash FROM api_tokens`).get() as { token_hash: string };
    expect(stored.token_hash).not.toBe(token);
    const me = await routes.me.GET(request('GET', '/api/me', { bearer: token }), params());
    expect(await me.json()).toMatchObject({ user: { name: 'lee' }, via: 'token', csrf_token: null });
    const note = await routes.notes.POST(request('POST', `/api/cases/${caseId}/notes`, { bearer: token, origin: null, body: { body: 'from a script' } }), params(caseId));
    expect(note.status).toBe(200);
    const again = await routes.tokens.POST(request('POST', '/api/tokens', { bearer: token, body: { label: 'more' } }), params());
    expect(again.status).toBe(403);
    expect((await routes.me.GET(request('GET', '/api/me', { bearer: 'dw_forged' }), params())).status).toBe(401);
  });
});

describe('API token lifetimes', () => {
  it('expire after the days chosen at creation (90 by default), show their last use, and are revoked one by one', async () => {
    const res = await routes.tokens.POST(request('POST', '/api/tokens', { as: 'ana', body: { label: 'queue export', expires_in_days: 7 } }), params());
    const created = await res.json();
    expect(created).toMatchObject({ label: 'queue export', owner: 'ana', state: 'active', last_used_at: null });
    expect(Date.parse(created.expires_at) - Date.parse(created.created_at)).toBe(7 * 86_400_000);
    const other = await (await routes.tokens.POST(request('POST', '/api/tokens', { as: 'ana', body: { label: 'default lifetime' } }), params())).json();
    expect(Date.parse(other.expires_at) - Date.parse(other.created_at)).toBe(90 * 86_400_000);
    expect((await routes.tokens.POST(request('POST', '/api/tokens', { as: 'ana', body: { label: 'forever', expires_in_days: 3650 } }), params())).status).toBe(400);

    expect((await routes.me.GET(request('GET', '/api/me', { bearer: created.token }), params())).status).toBe(200);
    const listed = (await (await routes.tokens.GET(request('GET', '/api/tokens', { as: 'ana' }), params())).json()).tokens as { id: string; last_used_at: string | null }[];
    expect(listed.map((t) => t.id)).toEqual([other.id, created.id]);
    expect(listed[1].last_used_at).not.toBeNull();

    // Revoking one leaves the other working; the revoked one answers 401 from then on.
    const revoke = (id: string, o: Options) => routes.revoke.DELETE(request('DELETE', `/api/tokens/${id}`, o), params(id));
    expect((await revoke(created.id, { as: 'lee' })).status).toBe(404); // not lee's
    const revoked = await revoke(created.id, { as: 'ana' });
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).token).toMatchObject({ id: created.id, state: 'revoked' });
    expect((await revoke(created.id, { as: 'ana' })).status).toBe(409);
    expect((await routes.me.GET(request('GET', '/api/me', { bearer: created.token }), params())).status).toBe(401);
    expect((await routes.me.GET(request('GET', '/api/me', { bearer: other.token }), params())).status).toBe(200);
    // A token cannot revoke (or mint) on its own behalf without the session's CSRF… it can revoke itself, as scripts should.
    expect((await revoke(other.id, { bearer: other.token, origin: null })).status).toBe(200);
    expect(lastAudit()).toMatchObject({ actor: 'ana', action: 'api_token_revoked' });
  });

  it('answer 401 once expired', async () => {
    const ana = { id: store.sqlite.prepare(`SELECT id FROM users WHERE name = 'ana'`).pluck().get() as number, name: 'ana', role: 'analyst' as const };
    const { token } = writeTransaction(store.sqlite, () =>
      createApiToken(store.sqlite, { owner: ana, label: 'old script', days: 1, by: { user: ana, via: 'session' }, now: Date.now() - 2 * 86_400_000 }),
    );
    expect((await routes.me.GET(request('GET', '/api/me', { bearer: token }), params())).status).toBe(401);
  });
});

describe('signing in and out over HTTP', () => {
  it('signs in with a form, sets a safe cookie and redirects only within the site', async () => {
    const form = (next: string, password = 'ana-password-1') =>
      routes.signIn.POST(
        request('POST', '/api/auth/sign-in', {
          body: new URLSearchParams({ name: 'ana', password, next }).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
      );
    const ok = await form('/cases?status=open');
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/cases?status=open');
    expect(ok.headers.get('set-cookie')).toMatch(/^dw_session=[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/);
    expect((await form('https://evil.example/')).headers.get('location')).toBe('/');
    const bad = await form('/alerts', 'wrong');
    expect(bad.headers.get('location')).toBe('/sign-in?error=invalid&next=%2Falerts');
    expect(bad.headers.get('set-cookie')).toBeNull();
  });

  it('marks the cookie Secure on any host but localhost', async () => {
    const res = await routes.signIn.POST(
      request('POST', '/api/auth/sign-in', { body: { name: 'lee', password: 'lee-password-1' }, headers: { host: 'dw.example.org' }, origin: 'http://dw.example.org' }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('refuses a sign-in posted from another site', async () => {
    const res = await routes.signIn.POST(request('POST', '/api/auth/sign-in', { body: { name: 'ana', password: 'ana-password-1' }, origin: 'https://evil.example' }));
    expect(res.status).toBe(403);
  });

  it('signs out only with the CSRF token, and the session is gone', async () => {
    const forged = await routes.signOut.POST(request('POST', '/api/auth/sign-out', { as: 'ana', csrf: null, body: {} }));
    expect(forged.status).toBe(403);
    const res = await routes.signOut.POST(request('POST', '/api/auth/sign-out', { as: 'ana', body: {} }));
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^dw_session=; .*Max-Age=0/);
    expect((await routes.me.GET(request('GET', '/api/me', { as: 'ana' }), params())).status).toBe(401);
  });

  it('refuses a sign-in with neither Sec-Fetch-Site nor Origin (a script sends Origin, or uses a token)', async () => {
    const res = await routes.signIn.POST(request('POST', '/api/auth/sign-in', { body: { name: 'ana', password: 'ana-password-1' }, origin: null }));
    expect(res.status).toBe(403);
    const browser = await routes.signIn.POST(request('POST', '/api/auth/sign-in', { body: { name: 'ana', password: 'ana-password-1' }, origin: null, headers: { 'sec-fetch-site': 'same-origin' } }));
    expect(browser.status).toBe(200);
  });
});

describe('sign-in throttling over HTTP, behind distillwatch serve', () => {
  // As bin/dashboard-server.mjs sets it: the peer header is the server's own.
  beforeAll(() => void (process.env.DISTILLWATCH_PEER_HEADER = '1'));
  afterAll(() => void delete process.env.DISTILLWATCH_PEER_HEADER);
  const signInFrom = (peer: string, name: string, password: string, forwardedFor?: string) =>
    routes.signIn.POST(
      request('POST', '/api/auth/sign-in', {
        body: { name, password },
        headers: { 'x-distillwatch-peer': peer, ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
      }),
    );

  it('throttles the connection’s address, whatever X-Forwarded-For an untrusted client makes up', async () => {
    for (let i = 0; i < 20; i++) expect((await signInFrom('203.0.113.77', `guess${i}`, 'wrong', `10.0.${i}.1`)).status).toBe(401);
    const spoofed = await signInFrom('203.0.113.77', 'ana', 'ana-password-1', '10.99.99.99');
    expect(spoofed.status).toBe(429);
    expect(Number(spoofed.headers.get('retry-after'))).toBeGreaterThan(0);
    // A trusted proxy's forwarded address is believed: the client behind it is someone else.
    process.env.DISTILLWATCH_TRUSTED_PROXIES = '203.0.113.77';
    try {
      expect((await signInFrom('203.0.113.77', 'ana', 'ana-password-1', '198.51.100.23')).status).toBe(200);
    } finally {
      delete process.env.DISTILLWATCH_TRUSTED_PROXIES;
    }
  });

  it('does not let a stranger lock a user out from another address', async () => {
    for (let i = 0; i < 6; i++) await signInFrom('203.0.113.66', 'lee', `guess-${i}`);
    expect((await signInFrom('203.0.113.66', 'lee', 'lee-password-1')).status).toBe(429);
    const own = await signInFrom('192.0.2.20', 'lee', 'lee-password-1');
    expect(own.status).toBe(200);
    expect(lastAudit()).toMatchObject({ actor: 'lee', action: 'sign_in', details: '{"ip":"192.0.2.20"}' });
    // The guesses are counters, not audit entries; the onset of lee's throttling is one entry.
    expect(store.sqlite.prepare(`SELECT count(*) FROM audit_log WHERE action = 'sign_in_failed'`).pluck().get()).toBe(0);
    expect(store.sqlite.prepare(`SELECT count(*) FROM audit_log WHERE action = 'sign_in_throttled' AND actor = 'lee'`).pluck().get()).toBe(1);
  });
});
