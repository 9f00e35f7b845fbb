/**
 * The triage routes (snooze, disposition, split, merge, saved views) called
 * with real Requests on a real store: a bad body answers 400 and changes
 * nothing, roles are checked, a read-only token is refused, and the
 * decision route requires a disposition on close.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTransaction, type Store } from '@/db/client';
import { createApiToken } from '@/lib/auth/api-tokens';
import { findUser } from '@/lib/auth/users';
import { seedRingCase } from '@/tools/testing/case-fixtures';
import { routeStore } from '@/tools/testing/route-store';

let store: Store;
let sessions: Record<string, { token: string; csrf: string }>;
let readOnly: string;
let ringA: string;
let ringB: string;
let routes: {
  snooze: typeof import('@/app/api/cases/[id]/snooze/route');
  disposition: typeof import('@/app/api/cases/[id]/disposition/route');
  decision: typeof import('@/app/api/cases/[id]/decision/route');
  split: typeof import('@/app/api/cases/[id]/split/route');
  merge: typeof import('@/app/api/cases/[id]/merge/route');
  views: typeof import('@/app/api/views/route');
  view: typeof import('@/app/api/views/[id]/route');
};

const ORIGIN = 'http://localhost:3000';

const ring = (id: string, members: string[]) => seedRingCase(store.sqlite, id, members);

beforeAll(async () => {
  ({ store, sessions } = await routeStore('dw-triage-api-', [['ana', 'analyst'], ['lee', 'lead'], ['root', 'admin']]));
  ringA = ring('ring_a', ['a1', 'a2', 'a3']);
  ringB = ring('ring_b', ['b1', 'b2']);
  const lee = findUser(store.sqlite, 'lee')!;
  readOnly = writeTransaction(store.sqlite, () =>
    createApiToken(store.sqlite, { owner: { id: lee.id, name: lee.name, role: lee.role }, label: 'reader', scopes: ['read'], by: { operator: 'test' } }),
  ).token;
  routes = {
    snooze: await import('@/app/api/cases/[id]/snooze/route'),
    disposition: await import('@/app/api/cases/[id]/disposition/route'),
    decision: await import('@/app/api/cases/[id]/decision/route'),
    split: await import('@/app/api/cases/[id]/split/route'),
    merge: await import('@/app/api/cases/[id]/merge/route'),
    views: await import('@/app/api/views/route'),
    view: await import('@/app/api/views/[id]/route'),
  };
});
afterAll(() => store.close());

function request(method: string, path: string, o: { as?: string; bearer?: string; body?: unknown }): Request {
  const headers: Record<string, string> = { host: 'localhost:3000', 'content-type': 'application/json' };
  if (o.as) {
    headers.cookie = `dw_session=${sessions[o.as].token}`;
    headers['x-csrf-token'] = sessions[o.as].csrf;
  }
  if (method !== 'GET') headers.origin = ORIGIN;
  if (o.bearer) headers.authorization = `Bearer ${o.bearer}`;
  return new Request(`${ORIGIN}${path}`, { method, headers, body: o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body) });
}
const params = (id?: string) => ({ params: Promise.resolve(id ? { id } : {}) });
const version = (id: string) => (store.sqlite.prepare(`SELECT version FROM cases WHERE id = ?`).get(id) as { version: number }).version;
const countOf = (table: string) => (store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const post = (route: { POST: (r: Request, c: ReturnType<typeof params>) => Promise<Response> }, path: string, id: string | undefined, o: Parameters<typeof request>[2]) =>
  route.POST(request('POST', path, o), params(id));

describe('bad input answers 400 with a sentence and changes nothing', () => {
  it('on every triage route', async () => {
    const before = { snoozes: countOf('case_snoozes'), lineage: countOf('case_lineage'), views: countOf('saved_views'), cases: countOf('cases'), audit: countOf('audit_log'), v: version(ringA) };
    const cases: [typeof routes.snooze | typeof routes.split | typeof routes.merge | typeof routes.views | typeof routes.disposition | typeof routes.decision, string, string | undefined, unknown][] = [
      [routes.snooze, `/api/cases/${ringA}/snooze`, ringA, { until: 'tomorrow', reason: 'later please' }],
      [routes.snooze, `/api/cases/${ringA}/snooze`, ringA, { until: '2099-01-01' }],
      [routes.snooze, `/api/cases/${ringA}/snooze`, ringA, { until: '2027-02-31', reason: 'not a calendar day' }],
      [routes.snooze, `/api/cases/${ringA}/snooze`, ringA, '{oops'],
      [routes.split, `/api/cases/${ringA}/split`, ringA, { accountIds: [], reason: 'a reseller', expectedVersion: 1 }],
      [routes.split, `/api/cases/${ringA}/split`, ringA, { accountIds: ['a1'], reason: 'a reseller' }],
      [routes.split, `/api/cases/${ringA}/split`, ringA, { accountIds: ['b1'], reason: 'not a member', expectedVersion: 1 }],
      [routes.merge, `/api/cases/${ringA}/merge`, ringA, { absorbedCaseId: 'ring_b', reason: 'same pool', expectedVersion: 1, absorbedVersion: 1 }],
      [routes.merge, `/api/cases/${ringA}/merge`, ringA, { absorbedCaseId: ringB, reason: 'x', expectedVersion: 1, absorbedVersion: 1 }],
      [routes.views, '/api/views', undefined, { name: 'Bad', filters: { min_score: 3 } }],
      [routes.views, '/api/views', undefined, { name: '', filters: {} }],
      [routes.views, '/api/views', undefined, { name: 'No filters' }],
      [routes.disposition, `/api/cases/${ringA}/disposition`, ringA, { disposition: 'guilty', note: 'why not', expectedVersion: 1 }],
      [routes.decision, `/api/cases/${ringA}/decision`, ringA, { action: 'confirm', reason: 'extraction ring', expectedVersion: 1 }],
    ];
    for (const [route, path, id, body] of cases) {
      const res = await post(route as typeof routes.snooze, path, id, { as: 'ana', body });
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      const answer = await res.json();
      expect(Object.keys(answer)).toEqual(['error']);
      expect(answer.error.length).toBeGreaterThan(5);
    }
    expect({ snoozes: countOf('case_snoozes'), lineage: countOf('case_lineage'), views: countOf('saved_views'), cases: countOf('cases'), audit: countOf('audit_log'), v: version(ringA) }).toEqual(before);
    const bad = await (await post(routes.views, '/api/views', undefined, { as: 'ana', body: { name: 'Bad', filters: { reason: 'NOPE' } } })).json();
    expect(bad.error).toMatch(/^filters: reason/);
    const close = await (await post(routes.decision, `/api/cases/${ringA}/decision`, ringA, { as: 'ana', body: { action: 'dismiss', reason: 'benign batch', expectedVersion: 1 } })).json();
    expect(close.error).toMatch(/requires a disposition/);
  });
});

describe('permissions', () => {
  it('refuses admins (who do not work cases) and a read-only token, recording the refusal', async () => {
    for (const [route, path, body] of [
      [routes.snooze, `/api/cases/${ringA}/snooze`, { until: '2099-01-01', reason: 'later please' }],
      [routes.split, `/api/cases/${ringA}/split`, { accountIds: ['a1'], reason: 'a reseller', expectedVersion: version(ringA) }],
      [routes.merge, `/api/cases/${ringA}/merge`, { absorbedCaseId: ringB, reason: 'same pool', expectedVersion: version(ringA), absorbedVersion: version(ringB) }],
    ] as const) {
      const byAdmin = await post(route as typeof routes.snooze, path, ringA, { as: 'root', body });
      expect(byAdmin.status, path).toBe(403);
      const byToken = await post(route as typeof routes.snooze, path, ringA, { bearer: readOnly, body });
      expect(byToken.status, path).toBe(403);
      expect((await byToken.json()).error).toMatch(/write/);
    }
    const viewByToken = await post(routes.views, '/api/views', undefined, { bearer: readOnly, body: { name: 'Token view', filters: {} } });
    expect(viewByToken.status).toBe(403);
    expect(countOf('case_lineage') + countOf('case_snoozes') + countOf('saved_views')).toBe(0);
    expect((store.sqlite.prepare(`SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as { action: string }).action).toBe('access_denied');
  });
});

describe('the triage routes work', () => {
  it('snooze, split, merge, close with a disposition and change it; views are shared and only their owner deletes them', async () => {
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const snoozed = await post(routes.snooze, `/api/cases/${ringA}/snooze`, ringA, { as: 'ana', body: { until, reason: 'waiting on billing' } });
    expect(snoozed.status).toBe(200);
    expect((await snoozed.json()).snoozed_until).toBe(`${until}T00:00:00.000Z`);
    const tooFar = await post(routes.snooze, `/api/cases/${ringA}/snooze`, ringA, { as: 'ana', body: { until: '2099-01-01', reason: 'waiting on billing' } });
    expect(tooFar.status).toBe(400);
    expect((await tooFar.json()).error).toBe('snooze for at most a year');

    const split = await post(routes.split, `/api/cases/${ringA}/split`, ringA, { as: 'ana', body: { accountIds: ['a3'], reason: 'a separate reseller', expectedVersion: version(ringA) } });
    expect(split.status).toBe(200);
    const { new_case } = await split.json();
    expect(new_case).toMatchObject({ subject: { kind: 'ring', id: 'ring_a.s1' }, accounts: 1, status: 'open' });

    const merged = await post(routes.merge, `/api/cases/${ringA}/merge`, ringA, { as: 'ana', body: { absorbedCaseId: ringB, reason: 'one card pool', expectedVersion: version(ringA), absorbedVersion: version(ringB) } });
    expect(merged.status).toBe(200);
    expect((await merged.json()).absorbed).toMatchObject({ case_id: ringB, status: 'merged' });

    const closed = await post(routes.decision, `/api/cases/${ringA}/decision`, ringA, { as: 'ana', body: { action: 'confirm', reason: 'extraction ring', expectedVersion: version(ringA), disposition: 'policy_referral' } });
    expect(closed.status).toBe(200);
    expect((await closed.json()).disposition).toBe('policy_referral');
    const changed = await post(routes.disposition, `/api/cases/${ringA}/disposition`, ringA, { as: 'lee', body: { disposition: 'confirmed_extraction', note: 'legal agrees', expectedVersion: version(ringA) } });
    expect(changed.status).toBe(200);
    const list = await (await routes.disposition.GET(request('GET', `/api/cases/${ringA}/disposition`, { as: 'ana' }), params(ringA))).json();
    expect(list.dispositions.map((d: { disposition: string }) => d.disposition)).toEqual(['policy_referral', 'confirmed_extraction']);

    const saved = await post(routes.views, '/api/views', undefined, { as: 'ana', body: { name: 'Snoozed rings', shared: true, filters: { kind: 'ring', snoozed: 'only' } } });
    expect(saved.status).toBe(200);
    const { view } = await saved.json();
    expect(view.query).toBe('kind=ring&snoozed=only');
    const seen = await (await routes.views.GET(request('GET', '/api/views', { as: 'lee' }), params())).json();
    expect(seen.views.map((v: { name: string }) => v.name)).toEqual(['Snoozed rings']);
    const del = (as: string) => routes.view.DELETE(request('DELETE', `/api/views/${view.id}`, { as }), params(String(view.id)));
    expect((await del('lee')).status).toBe(403);
    expect((await del('ana')).status).toBe(200);
    expect(countOf('saved_views')).toBe(0);
  });
});
