/**
 * The browser's one client for our JSON API, used by every component and by
 * the query client's fetches:
 *
 * - every call is same-origin and asks for JSON; a change (not GET or HEAD)
 *   carries the session's CSRF token from the workbench layout's meta tag;
 * - a 401 (no session, or it expired) sends the browser to the sign-in page,
 *   which comes back to this page afterwards — here and nowhere else;
 * - an answer that is not 2xx becomes an ApiError: the status and the API's
 *   `error` sentence.
 */
import { signInUrl } from '../auth/sign-in-path';
import { CSRF_HEADER } from './csrf-header';

/** An API answer that was not 2xx, with the API's `error` sentence. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
}

/** Where a 401 sends the browser: the sign-in page, with this page to return to. */
export function sendToSignIn(): void {
  window.location.assign(signInUrl(window.location.pathname + window.location.search));
}

/** The raw answer, for callers that read more than JSON (a download, a 409's body); a 401 has already left the page. */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const method = (init.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') headers.set(CSRF_HEADER, csrfToken());
  if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  const response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  if (response.status === 401) sendToSignIn();
  return response;
}

/** The answer itself if 2xx (to read a download from); otherwise throws ApiError. */
export async function ensureOk(response: Response): Promise<Response> {
  if (response.ok) return response;
  const body = (await response.json().catch(() => null)) as { error?: string } | null;
  throw new ApiError(response.status, body?.error ?? `request failed (${response.status})`);
}

/** The parsed JSON of a 2xx answer; otherwise throws ApiError. */
export async function readJson<T>(response: Response): Promise<T> {
  return (await (await ensureOk(response)).json().catch(() => null)) as T;
}

/** GET a JSON API path. */
export async function apiGet<T>(path: string): Promise<T> {
  return readJson<T>(await apiFetch(path));
}

/** POST a JSON body; resolves to the parsed answer. */
export async function apiPost<T>(path: string, body: unknown): Promise<T> {
  return readJson<T>(await apiFetch(path, { method: 'POST', body: JSON.stringify(body) }));
}

/** DELETE a resource; resolves to the parsed answer. */
export async function apiDelete<T>(path: string): Promise<T> {
  return readJson<T>(await apiFetch(path, { method: 'DELETE' }));
}
