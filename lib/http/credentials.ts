/** What a request presents to prove who it is, and where it came from. */
import { SESSION_COOKIE, readCookie } from '../auth/cookie';
import type { Credentials } from '../auth/authenticate';

export function credentialsOf(request: Request): Credentials {
  return {
    sessionToken: readCookie(request.headers.get('cookie'), SESSION_COOKIE),
    authorization: request.headers.get('authorization'),
  };
}

/** "POST /api/cases/case_000001/decision", for the audit trail. */
export function describeRequest(request: Request): string {
  return `${request.method} ${new URL(request.url).pathname}`;
}
