import 'server-only';
/**
 * The signed-in user for a route handler or a server component. The proxy
 * already turned away requests with no credentials at all; this is where a
 * forged, expired or revoked one fails.
 */
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { jsonError } from './json-response';
import { credentialsOf } from './credentials';
import { serverStore } from '../store/server-store';
import { authenticate, type Principal } from '../auth/authenticate';
import { SESSION_COOKIE } from '../auth/cookie';
import { PATH_HEADER, signInUrl } from '../auth/sign-in-path';

/** For route handlers: the principal, or a 401 answer to return as is. */
export function requireUser(request: Request): Principal | Response {
  const principal = authenticate(serverStore().sqlite, credentialsOf(request));
  return principal ?? jsonError(401, 'not signed in');
}

/** For server components: the session's principal, or null. */
export async function currentPageUser(): Promise<Principal | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return token ? authenticate(serverStore().sqlite, { sessionToken: token }) : null;
}

/** For server components: the principal, or a redirect to sign-in that returns here afterwards. */
export async function requirePageUser(): Promise<Principal> {
  const principal = await currentPageUser();
  if (principal) return principal;
  redirect(signInUrl((await headers()).get(PATH_HEADER) ?? '/'));
}
