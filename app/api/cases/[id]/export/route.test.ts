/**
 * The export route called with real Requests on a real store: only POST
 * exports (GET and HEAD answer 405 and change nothing), who may download a
 * case file, what the answer looks like, and that a refusal is audited. The store here is hand-built (a ring without member rows), so
 * this also shows an export copes with a case that has little evidence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@/db/client';
import { ensureCase } from '@/lib/cases/ensure-case';
import { seedAccountScore, seedRing } from '@/tools/testing/case-fixtures';
import { routeStore } from '@/tools/testing/route-store';
import { verifyCaseFile } from '@/lib/export/verify-case-file';

let store: Store;
let route: typeof import('@/app/api/cases/[id]/export/route');
let sessions: Record<string, { token: string; csrf: string }>;
let ringCase: string;
let accountCase: string;

beforeAll(async () => {
  ({ store, sessions } = await routeStore('dw-export-route-', [['ana', 'analyst'], ['lee', 'lead'], ['lex', 'legal']]));
  seedRing(store.sqlite, 'ring_7', '2026-11-21', [{ kind: 'payment_fp', value: 'pm_9f', accounts: 12 }]);
  seedAccountScore(store.sqlite, 'acct_1', '2026-11-21', { cot_share: 0.82 });
  ringCase = ensureCase(store.sqlite, { subjectKind: 'ring', subjectId: 'ring_7', score: 0.95, accounts: 12 }).caseId;
  accountCase = ensureCase(store.sqlite, { subjectKind: 'account', subjectId: 'acct_1', score: 0.9, accounts: 1 }).caseId;
  route = await import('@/app/api/cases/[id]/export/route');
});
afterAll(() => store.close());

function call(method: 'POST' | 'GET' | 'HEAD', caseId: string, as?: string, headers: Record<string, string> = {}) {
  const h: Record<string, string> = { host: 'localhost:3000', ...headers };
  if (as) {
    h.cookie = `dw_session=${sessions[as].token}`;
    if (method === 'POST' && !('x-csrf-token' in h)) h['x-csrf-token'] = sessions[as].csrf;
  }
  const request = new Request(`http://localhost:3000/api/cases/${caseId}/export`, { method, headers: h });
  return route[method](request, { params: Promise.resolve({ id: caseId }) });
}
/** As our case page sends it: POST with the session's CSRF token, same-origin. */
const post = (caseId: string, as?: string, headers: Record<string, string> = { 'sec-fetch-site': 'same-origin' }) => call('POST', caseId, as, headers);

const lastAudit = () => store.sqlite.prepare(`SELECT actor, action, case_id, details FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as { actor: string; action: string; case_id: string | null; details: string };
const auditCount = () => store.sqlite.prepare(`SELECT count(*) FROM audit_log`).pluck().get() as number;

describe('POST /api/cases/:id/export', () => {
  it('answers 401 without a session', async () => {
    expect((await post(ringCase)).status).toBe(401);
  });

  it('refuses an analyst with 403 and records the refusal', async () => {
    const r = await post(ringCase, 'ana');
    expect(r.status).toBe(403);
    expect(await r.json()).toEqual({ error: 'ana (analyst) may not export case files: leads and legal do' });
    expect(lastAudit()).toMatchObject({ actor: 'ana', action: 'access_denied', case_id: ringCase });
    expect(JSON.parse(lastAudit().details)).toMatchObject({ permission: 'export', via: `POST /api/cases/${ringCase}/export` });
  });

  it('streams the zip to a lead as an attachment and records the export', async () => {
    const r = await post(ringCase, 'lee');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/zip');
    expect(r.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="${ringCase}-\\d{8}T\\d{6}Z\\.zip"$`));
    const zip = new Uint8Array(await r.arrayBuffer());
    expect(Number(r.headers.get('content-length'))).toBe(zip.byteLength);
    const result = verifyCaseFile(zip);
    expect(result).toMatchObject({ ok: true, caseId: ringCase, manifestSha256: r.headers.get('x-manifest-sha256') });
    expect(lastAudit()).toMatchObject({ actor: 'lee', action: 'case_exported', case_id: ringCase });
    expect(JSON.parse(lastAudit().details).manifest_sha256).toBe(result.manifestSha256);
  });

  it('exports an account case for legal too (Origin instead of Sec-Fetch-Site)', async () => {
    const r = await post(accountCase, 'lex', { origin: 'http://localhost:3000' });
    expect(r.status).toBe(200);
    expect(verifyCaseFile(new Uint8Array(await r.arrayBuffer())).ok).toBe(true);
  });

  it('answers 404 for an unknown case, and 403 to a cross-site request, one without Sec-Fetch-Site or Origin, or without the CSRF token', async () => {
    expect((await post('case_999999', 'lee')).status).toBe(404);
    const before = auditCount();
    for (const headers of [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      {},
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { referer: 'http://localhost:3000/cases' },
      { 'sec-fetch-site': 'same-origin', 'x-csrf-token': 'forged' },
    ] as Record<string, string>[]) {
      const r = await post(ringCase, 'lee', headers);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(lastAudit()).toMatchObject({ actor: 'lee', action: 'access_denied', case_id: ringCase });
    }
    // Refusals only: no case file was built.
    expect(store.sqlite.prepare(`SELECT count(*) FROM audit_log WHERE seq > ? AND action = 'case_exported'`).pluck().get(before)).toBe(0);
  });
});

describe('GET and HEAD /api/cases/:id/export', () => {
  it('answer 405 with Allow: POST, build no case file and write no audit entry, even for a lead from our own page', async () => {
    for (const method of ['GET', 'HEAD'] as const) {
      const before = auditCount();
      const r = await call(method, ringCase, 'lee', { 'sec-fetch-site': 'same-origin' });
      expect(r.status).toBe(405);
      expect(r.headers.get('allow')).toBe('POST');
      expect(r.headers.get('content-type')).not.toBe('application/zip');
      expect(auditCount()).toBe(before);
    }
  });
});
