/** The Intel API's route handlers on a real store: who may export and import, downloads, refusals. */
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@/db/client';
import { ensureCase } from '@/lib/cases/ensure-case';
import { importIntel } from '@/lib/intel/import';
import { MAX_BUNDLE_BYTES } from '@/lib/intel/limits';
import { decideLatest } from '@/tools/testing/decide-latest';
import { syntheticBundle } from '@/tools/testing/intel-bundle';
import { routeStore } from '@/tools/testing/route-store';

const KEY = 'api-sharing-key-0123456789';
const HOST = 'localhost:3000';
const ORIGIN = `http://${HOST}`;
let store: Store;
let sessions: Record<string, { token: string; csrf: string }>;
let routes: {
  exp: typeof import('@/app/api/intel/export/route');
  imp: typeof import('@/app/api/intel/import/route');
  bundles: typeof import('@/app/api/intel/bundles/route');
  indicators: typeof import('@/app/api/intel/indicators/route');
  account: typeof import('@/app/api/intel/accounts/[id]/route');
};
const savedKey = process.env.DISTILLWATCH_SHARING_KEY;

function request(method: string, path: string, as?: string, body?: unknown): Request {
  const headers: Record<string, string> = { host: HOST };
  if (as) {
    headers.cookie = `dw_session=${sessions[as].token}`;
    headers['x-csrf-token'] = sessions[as].csrf;
  }
  if (method !== 'GET') headers.origin = ORIGIN;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return new Request(`${ORIGIN}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}
const params = (id?: string) => ({ params: Promise.resolve(id ? { id } : {}) });
const count = (t: string) => (store.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;

beforeAll(async () => {
  ({ store, sessions } = await routeStore('dw-intel-api-', [['ana', 'analyst'], ['lee', 'lead']]));
  // Two confirmed extraction accounts sharing a card, and one of ours elsewhere that shares it too.
  const insert = store.sqlite.prepare(`INSERT INTO accounts (account_id, email, email_domain, payment_fp, has_record, updated_at) VALUES (?, ?, ?, ?, 1, 0)`);
  insert.run('acct_x1', 'x1@dropmail.me', 'dropmail.me', 'pm_card_1');
  insert.run('acct_x2', 'x2@dropmail.me', 'dropmail.me', 'pm_card_1');
  for (const a of ['acct_x1', 'acct_x2']) {
    const { caseId } = ensureCase(store.sqlite, { subjectKind: 'account', subjectId: a, score: 0.95, accounts: 1 });
    decideLatest(store.sqlite, { caseId, action: 'confirm', reason: 'extraction account', user: { name: 'lee', role: 'lead' } });
  }
  routes = {
    exp: await import('@/app/api/intel/export/route'),
    imp: await import('@/app/api/intel/import/route'),
    bundles: await import('@/app/api/intel/bundles/route'),
    indicators: await import('@/app/api/intel/indicators/route'),
    account: await import('@/app/api/intel/accounts/[id]/route'),
  };
});
afterAll(() => {
  if (savedKey === undefined) delete process.env.DISTILLWATCH_SHARING_KEY;
  else process.env.DISTILLWATCH_SHARING_KEY = savedKey;
  store.close();
});

describe('the Intel API', () => {
  let bundleText = '';

  it('refuses an export to analysts, and without the sharing key', async () => {
    process.env.DISTILLWATCH_SHARING_KEY = KEY;
    expect((await routes.exp.POST(request('POST', '/api/intel/export', 'ana', {}), params())).status).toBe(403);
    delete process.env.DISTILLWATCH_SHARING_KEY;
    const res = await routes.exp.POST(request('POST', '/api/intel/export', 'lee', {}), params());
    expect(res.status).toBe(400);
    expect((await res.json()).error).toContain('DISTILLWATCH_SHARING_KEY is not set');
  });

  it('downloads the bundle for a lead, audited', async () => {
    process.env.DISTILLWATCH_SHARING_KEY = KEY;
    const res = await routes.exp.POST(request('POST', '/api/intel/export', 'lee', { tlp: 'green' }), params());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/stix+json;version=2.1');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="distillwatch-indicators-\d{4}-\d\d-\d\d\.json"$/);
    bundleText = await res.text();
    expect(bundleText).toContain('TLP:GREEN');
    expect(bundleText).not.toContain('pm_card_1');
    expect(bundleText).not.toContain('dropmail.me');
    const audit = store.sqlite.prepare(`SELECT actor FROM audit_log WHERE action = 'intel_exported'`).pluck().all();
    expect(audit).toEqual(['lee']);
  });

  it('imports a bundle for a lead, refuses a broken one with 400 and changes nothing', async () => {
    const before = count('intel_bundles');
    const broken = await routes.imp.POST(request('POST', '/api/intel/import', 'lee', { bundle_text: bundleText.replace('"spec_version":"2.1"', '"spec_version":"2.0"') }));
    expect(broken.status).toBe(400);
    expect((await broken.json()).error).toMatch(/^refused: .*spec_version/);
    expect(count('intel_bundles')).toBe(before);
    expect((await routes.imp.POST(request('POST', '/api/intel/import', 'ana', { bundle_text: bundleText }))).status).toBe(403);
    const ok = await routes.imp.POST(request('POST', '/api/intel/import', 'lee', { bundle_text: bundleText }));
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body.matched_accounts).toEqual(['acct_x1', 'acct_x2']);
    expect(body.already_imported).toBe(false);
  });

  it('lists bundles, indicators and an account’s matches to any reader', async () => {
    const bundles = await (await routes.bundles.GET(request('GET', '/api/intel/bundles', 'ana'), params())).json();
    expect(bundles.bundles).toHaveLength(1);
    expect(bundles.bundles[0]).toMatchObject({ producer: 'Distillwatch lab', matchedAccounts: 2 });
    const inds = await (await routes.indicators.GET(request('GET', '/api/intel/indicators?matched=1&page_size=10', 'ana'), params())).json();
    expect(inds.total).toBeGreaterThan(0);
    expect(inds.indicators[0].accounts.length).toBeGreaterThan(0);
    expect((await routes.indicators.GET(request('GET', '/api/intel/indicators?page=0', 'ana'), params())).status).toBe(400);
    const mine = await (await routes.account.GET(request('GET', '/api/intel/accounts/acct_x1', 'ana'), params('acct_x1'))).json();
    expect(mine.matches.map((m: { kind: string }) => m.kind)).toContain('payment_fp');
  });
});

describe('a large bundle through the import route', () => {
  const raw = (as: string, body: Uint8Array | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    new Request(`${ORIGIN}/api/intel/import`, {
      method: 'POST',
      headers: { host: HOST, origin: ORIGIN, cookie: `dw_session=${sessions[as].token}`, 'x-csrf-token': sessions[as].csrf, 'content-type': 'application/stix+json', ...headers },
      body: body as BodyInit,
      duplex: 'half',
    } as RequestInit);
  const state = () => ({ bundles: count('intel_bundles'), indicators: count('intel_indicators'), matches: count('intel_matches'), audit: count('audit_log'), alerts: count('alerts') });
  const exact = syntheticBundle(MAX_BUNDLE_BYTES, { seed: 'edge' });
  const oneMore = Buffer.concat([exact.bytes, Buffer.from(' ')]);

  it('refuses 20 MiB + 1 byte with 413 and changes nothing, with or without Content-Length, raw or wrapped', async () => {
    process.env.DISTILLWATCH_SHARING_KEY = KEY;
    expect(oneMore.byteLength).toBe(20 * 2 ** 20 + 1);
    const before = state();
    const declared = await routes.imp.POST(raw('lee', oneMore, { 'content-length': String(oneMore.byteLength) }));
    expect(declared.status).toBe(413);
    expect((await declared.json()).error).toBe('the bundle is over the 20 MiB limit');
    // Streamed without a length: counted as it comes, refused once past the limit.
    const streamed = new ReadableStream<Uint8Array>({
      start(c) {
        for (let at = 0; at < oneMore.byteLength; at += 1 << 20) c.enqueue(oneMore.subarray(at, at + (1 << 20)));
        c.close();
      },
    });
    expect((await routes.imp.POST(raw('lee', streamed))).status).toBe(413);
    const wrapped = await routes.imp.POST(request('POST', '/api/intel/import', 'lee', { bundle_text: oneMore.toString('utf8') }));
    expect(wrapped.status).toBe(413);
    expect(state()).toEqual(before);
  });

  it('imports exactly 20 MiB, and other writers commit while it runs', async () => {
    const before = state();
    expect(exact.bytes.byteLength).toBe(20 * 2 ** 20);
    // A second connection (another process would be the same) that waits for no lock: it
    // can only commit while the import holds none, and only runs when the import yields.
    const other = new Database(store.path);
    other.pragma('busy_timeout = 0');
    const probe = other.prepare(`INSERT INTO meta (key, value) VALUES (?, '1')`);
    let done = false;
    const answer = routes.imp.POST(raw('lee', exact.bytes, { 'content-length': String(exact.bytes.byteLength) })).finally(() => (done = true));
    let writes = 0;
    let refused = 0;
    while (!done) {
      await new Promise((r) => setImmediate(r));
      try {
        other.transaction(() => probe.run(`large-import-probe-${writes}`)).immediate();
        writes++;
      } catch {
        refused++;
      }
    }
    const res = await answer;
    other.close();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const body = await res.json();
    expect(body).toMatchObject({ already_imported: false, indicators: exact.indicators });
    expect(writes).toBeGreaterThan(10);
    expect(refused).toBe(0);
    expect(state()).toMatchObject({ bundles: before.bundles + 1, indicators: before.indicators + exact.indicators, audit: before.audit + 1 });
    expect(count(`meta WHERE key LIKE 'large-import-probe-%'`)).toBe(writes);
  });

  it('is all or nothing: nothing of a bundle shows before its final commit, and a failure before it leaves nothing', async () => {
    const small = syntheticBundle(256 * 1024, { seed: 'staged' });
    const before = state();
    const other = new Database(store.path);
    other.pragma('busy_timeout = 0');
    const seen: number[] = [];
    await expect(
      importIntel(store.sqlite, small.bytes, {
        env: { DISTILLWATCH_SHARING_KEY: KEY },
        beforeCommit: async () => {
          // Staged, not committed: another connection sees none of it and can write.
          seen.push(other.prepare(`SELECT count(*) FROM intel_indicators`).pluck().get() as number);
          other.transaction(() => other.prepare(`INSERT INTO meta (key, value) VALUES ('staged-probe', '1')`).run()).immediate();
          throw new Error('the server stopped');
        },
      }),
    ).rejects.toThrow('the server stopped');
    other.close();
    expect(seen).toEqual([before.indicators]);
    expect(state()).toEqual(before);
    expect(store.sqlite.prepare(`SELECT count(*) FROM temp.intel_staged_indicators`).pluck().get()).toBe(0);
    let held = -1;
    const r = await importIntel(store.sqlite, small.bytes, { env: { DISTILLWATCH_SHARING_KEY: KEY }, onCommit: (ms) => (held = ms) });
    expect(r.indicators).toBe(small.indicators);
    expect(held).toBeGreaterThanOrEqual(0);
    expect(state()).toMatchObject({ bundles: before.bundles + 1, indicators: before.indicators + small.indicators });
    // The file as received is kept, gzip-compressed, byte for byte.
    const raw = store.sqlite.prepare(`SELECT raw FROM intel_bundles WHERE id = ?`).pluck().get(r.bundleId) as Buffer;
    expect(gunzipSync(raw).equals(small.bytes)).toBe(true);
  });
});
