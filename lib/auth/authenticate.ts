/**
 * Who is making this request: a session cookie or a bearer token, checked
 * against the store. The proxy only looks for the presence of either; this is
 * where a forged or expired one is refused.
 */
import type Database from 'better-sqlite3';
import { resolveApiToken } from './api-tokens';
import { resolveSession, type SessionUser } from './sessions';
import type { TokenScope } from './token-scopes';

export type Principal =
  | { via: 'session'; user: SessionUser; csrfToken: string; sessionToken: string }
  | { via: 'token'; user: SessionUser; scopes: TokenScope[]; tokenId: string };

export interface Credentials {
  /** Value of the `dw_session` cookie. */
  sessionToken?: string;
  /** Value of the `Authorization` header. */
  authorization?: string | null;
  now?: number;
}

export function authenticate(sqlite: Database.Database, creds: Credentials): Principal | null {
  const now = creds.now ?? Date.now();
  // A request that presents a bearer token is judged on it alone: no falling back to a cookie.
  if (creds.authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(creds.authorization.trim());
    const token = match ? resolveApiToken(sqlite, match[1], now) : null;
    return token ? { via: 'token', user: token.user, scopes: token.scopes, tokenId: token.id } : null;
  }
  if (!creds.sessionToken) return null;
  // A session may do whatever its role allows: scopes narrow tokens only.
  const session = resolveSession(sqlite, creds.sessionToken, now);
  return session ? { via: 'session', user: session.user, csrfToken: session.csrfToken, sessionToken: creds.sessionToken } : null;
}

/** Whether the principal's credential allows `scope`: a session always; a token when it holds the scope. */
export function hasScope(principal: Principal, scope: TokenScope): boolean {
  return principal.via === 'session' || principal.scopes.includes(scope);
}
