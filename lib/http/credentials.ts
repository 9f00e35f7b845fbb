/** What a request presents to prove who it is, and where it came from. */
import { SESSION_COOKIE, readCookie } from '../auth/cookie';
import type { Credentials } from '../auth/authenticate';

export function credentialsOf(request: Request): Credentials {
  return {
    sessionToken: readCookie(request.headers.get('cookie'), SESSION_COOKIE),
    authorization: request.headers.get('authorization'),
  };
}

/**
 * The client's address for sign-in throttling. Next.js fills x-forwarded-for
 * from the socket when no proxy set it; a client can pre-set it, which is why
 * throttling also counts per name.
 */
export function clientIp(request: Request): string | null {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || request.headers.get('x-real-ip') || null;
}

/** "POST /api/cases/case_000001/decision", for the audit trail. */
export function describeRequest(request: Request): string {
  return `${request.method} ${new URL(request.url).pathname}`;
}
