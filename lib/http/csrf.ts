/**
 * Cross-site request forgery defence for cookie-authenticated changes: the
 * request must carry the session's CSRF token (a page of ours can read it, a
 * foreign page cannot) and come from our own origin. Bearer-token requests
 * are not sent by browsers on their own, so they need neither.
 */
import type { Principal } from '../auth/authenticate';
import { sameSecret } from '../auth/secret-token';
import { CSRF_HEADER } from './csrf-header';

/** True when Origin (or, failing that, Referer) names the host the request was sent to. */
export function sameOrigin(headers: Headers): boolean {
  const host = headers.get('host');
  const source = headers.get('origin') ?? headers.get('referer');
  if (!host || !source || source === 'null') return false;
  try {
    return new URL(source).host === host;
  } catch {
    return false;
  }
}

/** Why the request fails the check, or null when it passes. `formToken` is a hidden form field, for plain HTML forms. */
export function csrfProblem(headers: Headers, principal: Principal, formToken?: string): string | null {
  if (principal.via === 'token') return null;
  const token = headers.get(CSRF_HEADER) ?? formToken;
  if (!token || !sameSecret(token, principal.csrfToken)) return 'missing or wrong CSRF token';
  if (!sameOrigin(headers)) return 'request does not come from this site';
  return null;
}
