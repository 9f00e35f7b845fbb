/**
 * Cross-site request forgery defence for state-changing requests.
 *
 * - Where it comes from (every change, signed in or not, sign-in included):
 *   a browser says so in `Sec-Fetch-Site`, which a page cannot forge; it must
 *   be `same-origin` (or `none`: the user's own action, such as a bookmark).
 *   A request without that header must carry an `Origin` naming this server's
 *   host. Anything else, a request with neither included, is refused.
 * - Who sent it (cookie sessions): the session's CSRF token, which a page of
 *   ours can read and a foreign page cannot.
 *
 * Bearer-token requests are not sent by browsers on their own, so they need
 * neither: scripts keep working.
 */
import type { Principal } from '../auth/authenticate';
import { sameSecret } from '../auth/secret-token';
import { CSRF_HEADER } from './csrf-header';

export const FOREIGN_REQUEST = 'request does not come from this site';

/** True when Origin names the host the request was sent to. */
export function sameOrigin(headers: Headers): boolean {
  const host = headers.get('host');
  const origin = headers.get('origin');
  if (!host || !origin || origin === 'null') return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Why a state-changing request must be refused as cross-site, or null when it comes from this site. */
export function crossSiteProblem(headers: Headers): string | null {
  const site = headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin' || site === 'none' ? null : FOREIGN_REQUEST;
  return sameOrigin(headers) ? null : FOREIGN_REQUEST;
}

/** Why the request fails the check, or null when it passes. `formToken` is a hidden form field, for plain HTML forms. */
export function csrfProblem(headers: Headers, principal: Principal, formToken?: string): string | null {
  if (principal.via === 'token') return null;
  const token = headers.get(CSRF_HEADER) ?? formToken;
  if (!token || !sameSecret(token, principal.csrfToken)) return 'missing or wrong CSRF token';
  return crossSiteProblem(headers);
}
