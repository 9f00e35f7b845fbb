import 'server-only';
/**
 * The scope check every API door makes after the role check: a request with
 * an API token must hold the scope the route needs (lib/auth/token-scopes.ts);
 * a session may do what its role allows. A refusal is 403 and an audit entry.
 */
import type Database from 'better-sqlite3';
import { hasScope, type Principal } from '../auth/authenticate';
import { recordDenial } from '../auth/record-denial';
import type { TokenScope } from '../auth/token-scopes';
import { jsonError } from './json-response';

export function refuseWithoutScope(
  sqlite: Database.Database,
  principal: Principal,
  scope: TokenScope,
  via: string,
  headers?: Record<string, string>,
): Response | null {
  if (hasScope(principal, scope)) return null;
  recordDenial(sqlite, { actor: principal.user.name, permission: `scope:${scope}`, via });
  return jsonError(403, `this API token lacks the "${scope}" scope`, headers);
}
