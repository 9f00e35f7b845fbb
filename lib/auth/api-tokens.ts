/**
 * API tokens for scripts (`Authorization: Bearer dw_…`). Shown once at
 * creation; the store keeps only the SHA-256. They act as their user, with
 * that user's role narrowed to the token's scopes (token-scopes.ts), until they expire (90 days unless another lifetime of 1
 * to 365 days is chosen at creation), are revoked, or the user is disabled;
 * then they answer 401. Each records when it was last used.
 *
 * Who may manage them lives here, for the route and the CLI alike: tokens are
 * created from a signed-in session (a token cannot mint tokens, so a leaked
 * one cannot outlive its revocation) or by the store's operator on the
 * command line; a token is revoked by its owner, an admin, or the operator.
 */
import type Database from 'better-sqlite3';
import { desc, eq, sql } from 'drizzle-orm';
import { dbOf, preparedQuery, type Db } from '../../db/client';
import { apiTokens, users } from '../../db/schema';
import { appendAudit } from '../audit/append';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../errors';
import { can } from './permissions';
import { hashToken, newSecretToken } from './secret-token';
import { credentialQuery, type SessionUser } from './sessions';
import { DEFAULT_SCOPES, formatScopes, parseScopes, scopesAllowed, type TokenScope } from './token-scopes';

const TOUCH_AFTER_MS = 60 * 1000;
const DAY_MS = 86_400_000;
export const TOKEN_DAYS_DEFAULT = 90;
export const TOKEN_DAYS_MAX = 365;

export type TokenState = 'active' | 'expired' | 'revoked';

export interface ApiTokenInfo {
  /** `tok_` and the first 12 hex digits of the token's SHA-256: names it without revealing it. */
  id: string;
  label: string;
  owner: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
  state: TokenState;
  scopes: TokenScope[];
}

/** Who manages a token: a signed-in user (via a session, or a token), or the store's operator on the command line. */
export type TokenManager = { user: SessionUser; via: 'session' | 'token' } | { operator: string };

const ID_DIGITS = 12;
export const tokenIdOf = (tokenHash: string) => `tok_${tokenHash.slice(0, ID_DIGITS)}`;

/** A token row with its owner's name. */
type Row = typeof apiTokens.$inferSelect & { owner: string };

/** Tokens with their owners' names, as `Row`s. */
function tokensWithOwners(sqlite: Database.Database) {
  return dbOf(sqlite)
    .select({
      tokenHash: apiTokens.tokenHash,
      label: apiTokens.label,
      owner: users.name,
      userId: apiTokens.userId,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      scopes: apiTokens.scopes,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId));
}

function info(row: Row, now: number): ApiTokenInfo {
  const state: TokenState = row.revokedAt !== null ? 'revoked' : row.expiresAt !== null && row.expiresAt <= now ? 'expired' : 'active';
  return {
    id: tokenIdOf(row.tokenHash), label: row.label, owner: row.owner, createdAt: row.createdAt, expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt, revokedAt: row.revokedAt, state, scopes: parseScopes(row.scopes),
  };
}

const actorName = (by: TokenManager) => ('operator' in by ? by.operator : by.user.name);

export interface CreateTokenInput {
  /** The token's user. */
  owner: SessionUser;
  label: string;
  /** Lifetime in days (default 90, at most 365). */
  days?: number;
  /** What it may do (default `read write`); each must be one the owner's role may give. */
  scopes?: readonly TokenScope[];
  by: TokenManager;
  now?: number;
}

/** Must run inside the caller's write transaction (it writes the audit entry too). Returns the secret, shown once. */
export function createApiToken(sqlite: Database.Database, input: CreateTokenInput): { token: string; info: ApiTokenInfo } {
  const by = input.by;
  if (!('operator' in by)) {
    if (by.via !== 'session') throw new ForbiddenError('API tokens are created from a signed-in session', { actor: by.user.name, permission: 'session' });
    if (by.user.id !== input.owner.id) throw new ForbiddenError('a user creates API tokens for themselves only', { actor: by.user.name, permission: 'manage_tokens' });
  }
  const days = input.days ?? TOKEN_DAYS_DEFAULT;
  if (!Number.isInteger(days) || days < 1 || days > TOKEN_DAYS_MAX) throw new InputError(`a token lives 1–${TOKEN_DAYS_MAX} whole days`);
  const label = input.label.trim();
  if (label.length < 1 || label.length > 100) throw new InputError('a label of 1–100 characters is required');
  const scopes = parseScopes(formatScopes(input.scopes ?? DEFAULT_SCOPES));
  if (scopes.length === 0) throw new InputError('a token needs at least one scope');
  const allowed = scopesAllowed(input.owner.role);
  const refused = scopes.filter((s) => !allowed.includes(s));
  if (refused.length > 0) {
    throw new ForbiddenError(`a token of ${input.owner.name} (${input.owner.role}) may not have the scope ${refused.join(', ')} (allowed: ${allowed.join(', ')})`, {
      actor: actorName(by), permission: `scope:${refused[0]}`,
    });
  }
  const now = input.now ?? Date.now();
  const token = newSecretToken('dw_');
  const tokenHash = hashToken(token);
  const expiresAt = now + days * DAY_MS;
  const stored = formatScopes(scopes);
  dbOf(sqlite).insert(apiTokens).values({ tokenHash, userId: input.owner.id, label, createdAt: now, expiresAt, scopes: stored }).run();
  const id = tokenIdOf(tokenHash);
  appendAudit(sqlite, {
    actor: actorName(by),
    action: 'api_token_created',
    details: { id, label, owner: input.owner.name, expires_at: new Date(expiresAt).toISOString(), scopes },
    at: now,
  });
  return {
    token,
    info: info({ tokenHash, label, owner: input.owner.name, userId: input.owner.id, createdAt: now, expiresAt, lastUsedAt: null, revokedAt: null, scopes: stored }, now),
  };
}

/** Tokens of one user (newest first), or of everyone for an admin or the operator asking with `owner` undefined. */
export function listApiTokens(sqlite: Database.Database, by: TokenManager, owner?: string, now = Date.now()): ApiTokenInfo[] {
  const everyone = 'operator' in by || can(by.user.role, 'manage_users');
  const name = owner ?? ('operator' in by ? undefined : everyone ? undefined : by.user.name);
  if (!everyone && name !== by.user.name) throw new ForbiddenError('only an admin sees other users’ tokens', { actor: by.user.name, permission: 'manage_users' });
  const rows = tokensWithOwners(sqlite)
    .where(name === undefined ? undefined : eq(users.name, name))
    .orderBy(desc(apiTokens.createdAt))
    .all();
  return rows.map((r) => info(r, now));
}

/** Revokes one token by its id. Must run inside the caller's write transaction. */
export function revokeApiToken(sqlite: Database.Database, input: { id: string; by: TokenManager; now?: number }): ApiTokenInfo {
  const now = input.now ?? Date.now();
  const m = /^tok_([0-9a-f]{12})$/.exec(input.id);
  const row = m ? tokensWithOwners(sqlite).where(eq(sql`substr(${apiTokens.tokenHash}, 1, ${ID_DIGITS})`, m[1])).get() : undefined;
  const by = input.by;
  const mayAny = 'operator' in by || can(by.user.role, 'manage_users');
  // Someone else's token is as good as absent to a user who may not manage it.
  if (!row || (!mayAny && row.userId !== (by as { user: SessionUser }).user.id)) throw new NotFoundError(`no API token ${input.id}${mayAny ? '' : ' of yours'}`);
  if (row.revokedAt !== null) throw new ConflictError(`API token ${input.id} was already revoked at ${new Date(row.revokedAt).toISOString()}`);
  dbOf(sqlite).update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.tokenHash, row.tokenHash)).run();
  appendAudit(sqlite, { actor: actorName(by), action: 'api_token_revoked', details: { id: input.id, label: row.label, owner: row.owner, scopes: parseScopes(row.scopes) }, at: now });
  return info({ ...row, revokedAt: now }, now);
}

const bearerQuery = (db: Db) =>
  credentialQuery(db, apiTokens, { revokedAt: apiTokens.revokedAt, expiresAt: apiTokens.expiresAt, lastUsedAt: apiTokens.lastUsedAt, scopes: apiTokens.scopes });

/** A live token: the user it acts as and what it may do. */
export interface ResolvedToken {
  user: SessionUser;
  scopes: TokenScope[];
  id: string;
}

/** The user a bearer token acts as and its scopes, or null: unknown, expired, revoked, or its user disabled (401). */
export function resolveApiToken(sqlite: Database.Database, token: string, now = Date.now()): ResolvedToken | null {
  const tokenHash = hashToken(token);
  const row = preparedQuery(sqlite, bearerQuery).get({ tokenHash });
  if (!row || row.disabled || row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt <= now)) return null;
  if (row.lastUsedAt === null || now - row.lastUsedAt >= TOUCH_AFTER_MS) {
    dbOf(sqlite).update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.tokenHash, tokenHash)).run();
  }
  return { user: { id: row.id, name: row.name, role: row.role }, scopes: parseScopes(row.scopes), id: tokenIdOf(tokenHash) };
}

/** A token as the API and `tokens list --json` show it. */
export function apiTokenJson(t: ApiTokenInfo) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return { id: t.id, label: t.label, owner: t.owner, state: t.state, scopes: t.scopes, created_at: iso(t.createdAt), expires_at: iso(t.expiresAt), last_used_at: iso(t.lastUsedAt), revoked_at: iso(t.revokedAt) };
}
