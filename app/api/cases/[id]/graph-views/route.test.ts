/**
 * Saving a view of the ring's graph into its case, through the route handler
 * on a real store: validation (400, nothing saved), roles and read-only tokens
 * (403), the case's version (409), the audit entry and the version bump.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTransaction, type Store } from '@/db/client';
import { createApiToken } from '@/lib/auth/api-tokens';
import { ensureCase } from '@/lib/cases/ensure-case';
import { seedRing } from '@/tools/testing/case-fixtures';
import { routeStore } from '@/tools/testing/route-store';

let store: Store;
let sessions: Record<string, { token: string; csrf: string }>;
let route: typeof import('./route');
let caseId: string;
const ORIGIN = 'http://localhost:3000';

beforeAll(async () => {
  ({ store, sessions } = await routeStore('dw-graph-views-', [['ana', 'analyst'], ['root', 'admin']]));
  seedRing(store.sqlite, 'ring_7', '2026-10-30', [{ kind: 'payment_fp', value: 'pm_1', accounts: 12 }]);
  caseId = ensureCase(store.sqlite, { subjectKind: 'ring', subjectId: 'ring_7', score: 0.97, accounts: 12 }).caseId;
  route = await import('./route');
});
afterAll(() => store.close());

function request(method: string, o: { as?: string; bearer?: string; body?: unknown } = {}): Request {
  const headers: Record<string, string> = { host: 'localhost:3000' };
  if (o.as) {
    headers.cookie = `dw_session=${sessions[o.as].token}`;
    headers['x-csrf-token'] = sessions[o.as].csrf;
  }
  if (o.bearer) headers.authorization = `Bearer ${o.bearer}`;
  if (method !== 'GET') headers.origin = ORIGIN;
  const body = o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  return new Request(`${ORIGIN}/api/cases/${caseId}/graph-views`, { method, headers, body });
}
const params = () => ({ params: Promise.resolve({ id: caseId }) });
const saved = () => (store.sqlite.prepare(`SELECT count(*) AS n FROM case_graph_views`).get() as { n: number }).n;
const version = () => (store.sqlite.prepare(`SELECT version FROM cases WHERE id = ?`).get(caseId) as { version: number }).version;

const VIEW = {
  expanded: ['g:i:payment_fp:pm_1'],
  window: { from: '2026-10-01', to: '2026-10-14', axis: 'signup', mode: 'dim' },
  colourBy: 'decision',
  hiddenKinds: ['ip'],
  selected: ['a:acct_1'],
  viewport: { zoom: 0.8, pan: { x: 10, y: -20 } },
};

describe('POST /api/cases/[id]/graph-views', () => {
  it('answers 400 to a bad view and saves nothing', async () => {
    for (const body of [
      '{not json',
      {},
      { ringId: 'ring_7' },
      { ringId: 'ring_7', view: { ...VIEW, colourBy: 'rainbow' } },
      { ringId: 'ring_7', view: { ...VIEW, window: { ...VIEW.window, from: '2026-10-20' } } },
      { ringId: 'ring_7', view: { ...VIEW, window: { ...VIEW.window, to: 'tomorrow' } } },
      { ringId: 'ring_7', view: { ...VIEW, viewport: { zoom: -1, pan: { x: 0, y: 0 } } } },
      { ringId: 'ring_7', view: { ...VIEW, expanded: Array.from({ length: 501 }, (_, i) => `g:${i}`) } },
      { ringId: 'ring_7', view: { ...VIEW, script: '<img onerror=alert(1)>' } },
      { ringId: 'ring_7', name: 'x'.repeat(121), view: VIEW },
    ]) {
      const res = await route.POST(request('POST', { as: 'ana', body }), params());
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(Object.keys(await res.json())).toEqual(['error']);
    }
    expect(saved()).toBe(0);
    expect(version()).toBe(1);
  });

  it('refuses a read-only token and a role without work on cases, and saves nothing', async () => {
    const ana = { id: store.sqlite.prepare(`SELECT id FROM users WHERE name = 'ana'`).pluck().get() as number, name: 'ana', role: 'analyst' as const };
    const { token } = writeTransaction(store.sqlite, () => createApiToken(store.sqlite, { owner: ana, label: 'reader', scopes: ['read'], by: { user: ana, via: 'session' } }));
    const res = await route.POST(request('POST', { bearer: token, body: { ringId: 'ring_7', view: VIEW } }), params());
    expect(res.status).toBe(403);
    expect((await route.POST(request('POST', { as: 'root', body: { ringId: 'ring_7', view: VIEW } }), params())).status).toBe(403);
    // Reading stays open to the read-only token.
    expect((await route.GET(request('GET', { bearer: token }), params())).status).toBe(200);
    expect(saved()).toBe(0);
  });

  it('refuses another ring and a stale version', async () => {
    expect((await route.POST(request('POST', { as: 'ana', body: { ringId: 'ring_8', view: VIEW } }), params())).status).toBe(400);
    expect((await route.POST(request('POST', { as: 'ana', body: { ringId: 'ring_7', view: VIEW, expectedVersion: 7 } }), params())).status).toBe(409);
    expect(saved()).toBe(0);
  });

  it('saves the view, audited, bumping the case version; the list shows who and when, newest first', async () => {
    const res = await route.POST(request('POST', { as: 'ana', body: { ringId: 'ring_7', name: 'Cards only', view: VIEW, expectedVersion: 1 } }), params());
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.view).toMatchObject({ name: 'Cards only', author: 'ana', role: 'analyst', ringId: 'ring_7', asOf: '2026-10-30', caseVersion: 2, view: VIEW });
    expect(body.view.summary).toContain('1 group expanded');
    expect(version()).toBe(2);
    const audit = store.sqlite.prepare(`SELECT actor, action, details FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as { actor: string; action: string; details: string };
    expect(audit).toMatchObject({ actor: 'ana', action: 'graph_view_saved' });
    expect(JSON.parse(audit.details)).toMatchObject({ view_id: body.view.id, name: 'Cards only', version: 2 });
    // Defaults fill a minimal view; the name defaults to the time.
    const second = await route.POST(request('POST', { as: 'ana', body: { ringId: 'ring_7', view: {} } }), params());
    expect(second.status).toBe(200);
    const list = await (await route.GET(request('GET', { as: 'ana' }), params())).json();
    expect(list.views.map((v: { name: string }) => v.name)).toEqual([expect.stringMatching(/^View of /), 'Cards only']);
    expect(list.views[0].view).toEqual({ expanded: [], window: null, colourBy: 'score', hiddenKinds: [], selected: [], viewport: null });
  });

  it('is append-only in the store', () => {
    expect(() => store.sqlite.prepare(`UPDATE case_graph_views SET name = 'x'`).run()).toThrow(/append-only/);
    expect(() => store.sqlite.prepare(`DELETE FROM case_graph_views`).run()).toThrow(/append-only/);
  });
});
