/**
 * What an API token may do, on top of what its user's role allows (a scope
 * never grants what the role does not):
 *
 * - `read`: the API's reads (the queue, cases, accounts, rings, /api/me);
 * - `write`: the API's changes (decisions, notes, intel import, …);
 * - `ingest`: `POST /api/ingest`, for a log shipper. Only a role with the
 *   `ingest` permission (admins) may hold it.
 *
 * Tokens made before scopes existed could read and change whatever their
 * user's role allowed: they hold `read write` (migration 0004), so they keep working.
 */
import { z } from 'zod';
import { TOKEN_SCOPES, type Role, type TokenScope } from '../domain';
import { can } from './permissions';

export { TOKEN_SCOPES, type TokenScope };
export const tokenScopeSchema = z.enum(TOKEN_SCOPES);

/** What a token created without naming scopes gets: what tokens could always do. */
export const DEFAULT_SCOPES: readonly TokenScope[] = ['read', 'write'];

export const SCOPE_MEANING: Record<TokenScope, string> = {
  read: 'read the queue, cases, accounts and rings',
  write: 'make changes your role allows (decisions, notes, imports)',
  ingest: 'send logs to POST /api/ingest',
};

/** The scopes of a stored token (space-separated; unknown words ignored), in canonical order. */
export function parseScopes(stored: string): TokenScope[] {
  const words = new Set(stored.split(/[\s,]+/));
  return TOKEN_SCOPES.filter((s) => words.has(s));
}

export function formatScopes(scopes: readonly TokenScope[]): string {
  return TOKEN_SCOPES.filter((s) => scopes.includes(s)).join(' ');
}

/** The scopes a user of `role` may give a token. */
export function scopesAllowed(role: Role): TokenScope[] {
  return TOKEN_SCOPES.filter((s) => (s === 'ingest' ? can(role, 'ingest') : s === 'read' ? can(role, 'read') : true));
}
