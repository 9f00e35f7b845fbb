import 'server-only';
/**
 * Large request bodies (a partner's 20 MiB STIX bundle): who may send one is
 * checked before a byte of it is read, and the body is read as a stream into
 * one buffer, counted as it comes, refused with 413 as soon as it passes
 * the limit. Routes that take one are left out of proxy.ts's matcher: the
 * proxy buffers a copy of every body it sees and silently cuts it at 10 MB.
 */
import type Database from 'better-sqlite3';
import type { Principal } from '../auth/authenticate';
import { can, type Permission } from '../auth/permissions';
import { recordDenial } from '../auth/record-denial';
import { serverStore } from '../store/server-store';
import { API_CSP } from './content-security-policy';
import { describeRequest } from './credentials';
import { csrfProblem } from './csrf';
import { jsonError } from './json-response';
import { requireUser } from './request-user';
import type { TokenScope } from '../auth/token-scopes';
import { refuseWithoutScope } from './token-scope';

/** What the proxy adds to API answers, for routes it does not see. */
export const API_HEADERS = { 'Content-Security-Policy': API_CSP };

export interface AuthorizedChange {
  principal: Principal;
  sqlite: Database.Database;
  via: string;
}

/**
 * The checks validatedMutation makes, in its order, before the body is read:
 * authenticated (401), CSRF for cookie sessions (403), the permission (403,
 * audited), the token's scope (403, audited). Answers a Response to return
 * as is, or who is asking.
 */
export function authorizeChange(request: Request, permission: Permission, scope: TokenScope = 'write'): AuthorizedChange | Response {
  const principal = requireUser(request);
  if (principal instanceof Response) return withApiHeaders(principal);
  const sqlite = serverStore().sqlite;
  const via = describeRequest(request);
  const csrf = csrfProblem(request.headers, principal);
  if (csrf) {
    recordDenial(sqlite, { actor: principal.user.name, permission: 'csrf', via });
    return jsonError(403, csrf, API_HEADERS);
  }
  if (!can(principal.user.role, permission)) {
    recordDenial(sqlite, { actor: principal.user.name, permission, via });
    return jsonError(403, `your role (${principal.user.role}) may not do this`, API_HEADERS);
  }
  const unscoped = refuseWithoutScope(sqlite, principal, scope, via, API_HEADERS);
  if (unscoped) return unscoped;
  return { principal, sqlite, via };
}

export function withApiHeaders(response: Response): Response {
  for (const [k, v] of Object.entries(API_HEADERS)) response.headers.set(k, v);
  return response;
}

const MiB = (n: number) => `${+(n / 2 ** 20).toFixed(2)} MiB`;

/**
 * The request body, at most `limit` bytes, in one buffer: sized from
 * Content-Length when the client sent one (no copy on the way), grown by
 * doubling otherwise. Answers 413 as soon as the body passes the limit
 * (without reading the rest), and 400 when it ends before its declared length.
 */
export async function readBody(request: Request, limit: number, what = 'the request body'): Promise<Buffer | Response> {
  const tooLarge = () => jsonError(413, `${what} is over the ${MiB(limit)} limit`, API_HEADERS);
  const declared = request.headers.get('content-length');
  const length = declared !== null && /^\d+$/.test(declared) ? Number(declared) : null;
  if (length !== null && length > limit) return tooLarge();
  if (!request.body) return Buffer.alloc(0);
  let buf = Buffer.allocUnsafe(length ?? Math.min(limit + 1, 1 << 20));
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > limit) {
      await reader.cancel().catch(() => {});
      return tooLarge();
    }
    if (size + value.byteLength > buf.length) {
      const bigger = Buffer.allocUnsafe(Math.min(limit, Math.max(buf.length * 2, size + value.byteLength)));
      buf.copy(bigger, 0, 0, size);
      buf = bigger;
    }
    buf.set(value, size);
    size += value.byteLength;
  }
  if (length !== null && size !== length) return jsonError(400, `${what} ended after ${size} of its ${length} bytes`, API_HEADERS);
  return size === buf.length ? buf : buf.subarray(0, size);
}
