/**
 * Browser-side calls to our JSON API: sends the session's CSRF token (from
 * the workbench layout's meta tag) with every change, and turns a 401 into a
 * trip to the sign-in page that comes back here afterwards.
 */
import { signInUrl } from '../auth/sign-in-path';
import { CSRF_HEADER } from './csrf-header';

function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
}

export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const method = (init.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') headers.set(CSRF_HEADER, csrfToken());
  if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  if (response.status === 401) window.location.assign(signInUrl(window.location.pathname + window.location.search));
  return response;
}

/** POST a JSON body; resolves to the parsed answer, or throws the API's `error` sentence. */
export async function apiPost<T>(path: string, body: unknown): Promise<T> {
  const response = await apiFetch(path, { method: 'POST', body: JSON.stringify(body) });
  const data = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok) throw new Error(data.error ?? `request failed (${response.status})`);
  return data as T;
}
