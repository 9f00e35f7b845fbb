import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiFetch, apiGet, apiPost, ensureOk } from './api-client';
import { makeQueryClient } from './query-client';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let assign: ReturnType<typeof vi.fn>;
let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  assign = vi.fn();
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
  vi.stubGlobal('window', { location: { pathname: '/cases/case_1', search: '?tab=notes', assign } });
  vi.stubGlobal('document', { querySelector: () => ({ content: 'token-123' }) });
});
afterEach(() => vi.unstubAllGlobals());

describe('the browser API client', () => {
  it('sends a 401 to sign-in, returning to this page afterwards, for reads and changes alike', async () => {
    fetchMock.mockImplementation(async () => json(401, { error: 'sign in first' }));
    await expect(apiGet('/api/me')).rejects.toMatchObject({ status: 401, message: 'sign in first' });
    await expect(apiPost('/api/cases/case_1/notes', { body: 'x' })).rejects.toBeInstanceOf(ApiError);
    const raw = await apiFetch('/api/cases/case_1/export');
    expect(raw.status).toBe(401);
    expect(assign).toHaveBeenCalledTimes(3);
    for (const [url] of assign.mock.calls) expect(url).toBe(`/sign-in?next=${encodeURIComponent('/cases/case_1?tab=notes')}`);
  });

  it('turns any other failure into an ApiError with the API sentence and status, without leaving the page', async () => {
    fetchMock.mockResolvedValueOnce(json(409, { error: 'decided by lead at 10:02' }));
    const err = await apiPost('/api/cases/case_1/decision', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, message: 'decided by lead at 10:02' });
    fetchMock.mockResolvedValueOnce(new Response('gateway down', { status: 502 }));
    await expect(ensureOk(await apiFetch('/api/intel/export'))).rejects.toMatchObject({ status: 502, message: 'request failed (502)' });
    expect(assign).not.toHaveBeenCalled();
  });

  it('sends the CSRF token with changes only, same-origin, as JSON', async () => {
    fetchMock.mockImplementation(async () => json(200, { ok: true }));
    expect(await apiPost('/api/alerts/next', { a: 1 })).toEqual({ ok: true });
    const [, post] = fetchMock.mock.calls[0] as [string, RequestInit];
    const headers = new Headers(post.headers);
    expect(post.credentials).toBe('same-origin');
    expect(headers.get('x-csrf-token')).toBe('token-123');
    expect(headers.get('content-type')).toBe('application/json');
    await apiGet('/api/alerts');
    const [, get] = fetchMock.mock.calls[1] as [string, RequestInit];
    expect(new Headers(get.headers).has('x-csrf-token')).toBe(false);
  });

  it('lets the query client retry server errors but not a refusal', () => {
    const retry = makeQueryClient().getDefaultOptions().queries?.retry as (n: number, e: unknown) => boolean;
    expect(retry(0, new ApiError(403, 'no'))).toBe(false);
    expect(retry(0, new ApiError(503, 'busy'))).toBe(true);
    expect(retry(2, new ApiError(503, 'busy'))).toBe(false);
  });
});
