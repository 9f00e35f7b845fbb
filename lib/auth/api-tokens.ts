/**
 * API tokens for scripts (`Authorization: Bearer dw_…`). Shown once at
 * creation; the store keeps only the SHA-256. They act as their user, with
 * that user's role, until they expire (90 days unless another lifetime of 1
 * to 365 days is chosen at creation), are revoked, or the user is disabled;
 * then they answer 401. Each records when it was last used.
 *
 * Who may manage them lives here, for the route and the CLI alike: tokens are
 * created from a signed-in session (a token cannot mint tokens, so a leaked
 * one cannot outlive its revocation) or by the store's operator on the
 * command line; a token is revoked by its owner, an admin, or the operator.
 */
import type Database from 'better-sqlite3';
import { appendAudit } from '../audit/append';
import type { Role } from '../domain';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../errors';
import { can } from './permissions';
import { hashToken, newSecretToken } from './secret-token';
import type { SessionUser } from './sessions';

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
}

/** Who manages a token: a signed-in user (via a session, or a token), or the store's operator on the command line. */
export type TokenManager = { user: SessionUser; via: 'session' | 'token' } | { operator: string };

const ID_DIGITS = 12;
export const tokenIdOf = (tokenHash: string) => `tok_${tokenHash.slice(0, ID_DIGITS)}`;

interface Row {
  tokenHash: string;
  label: string;
  owner: string;
  userId: number;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

const SELECT = `SELECT t.token_hash AS tokenHash, t.label, u.name AS owner, t.user_id AS userId, t.created_at AS createdAt,
  t.expires_at AS expiresAt, t.last_used_at AS lastUsedAt, t.revoked_at AS revokedAt
  FROM api_tokens t JOIN users u ON u.id = t.user_id`;

function info(row: Row, now: number): ApiTokenInfo {
  const state: TokenState = row.revokedAt !== null ? 'revoked' : row.expiresAt !== null && row.expiresAt <= now ? 'expired' : 'active';
  return { id: tokenIdOf(row.tokenHash), label: row.label, owner: row.owner, createdAt: row.createdAt, expiresAt: row.expiresAt, lastUsedAt: row.lastUsedAt, revokedAt: row.revokedAt, state };
}

const actorName = (by: TokenManager) => ('operator' in by ? by.operator : by.user.name);

export interface CreateTokenInput {
  /** The token's user. */
  owner: SessionUser;
  label: string;
  /** Lifetime in days (default 90, at most 365). */
  days?: number;
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
  const now = input.now ?? Date.now();
  const token = newSecretToken('dw_');
  const tokenHash = hashToken(token);
  const expiresAt = now + days * DAY_MS;
  sqlite.prepare(`INSERT INTO api_tokens (token_hash, user_id, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`).run(tokenHash, input.owner.id, label, now, expiresAt);
  const id = tokenIdOf(tokenHash);
  appendAudit(sqlite, {
    actor: actorName(by),
    action: 'api_token_created',
    details: { id, label, owner: input.owner.name, expires_at: new Date(expiresAt).toISOString() },
    at: now,
  });
  return { token, info: info({ tokenHash, label, owner: input.owner.name, userId: input.owner.id, createdAt: now, expiresAt, lastUsedAt: null, revokedAt: null }, now) };
}

/** Tokens of one user (newest first), or of everyone for an admin or the operator asking with `owner` undefined. */
export function listApiTokens(sqlite: Database.Database, by: TokenManager, owner?: string, now = Date.now()): ApiTokenInfo[] {
  const everyone = 'operator' in by || can(by.user.role, 'manage_users');
  const name = owner ?? ('operator' in by ? undefined : everyone ? undefined : by.user.name);
  if (!everyone && name !== by.user.name) throw new ForbiddenError('only an admin sees other users’ tokens', { actor: by.user.name, permission: 'manage_users' });
  const rows = (name === undefined ? sqlite.prepare(`${SELECT} ORDER BY t.created_at DESC`).all() : sqlite.prepare(`${SELECT} WHERE u.name = ? ORDER BY t.created_at DESC`).all(name)) as Row[];
  return rows.map((r) => info(r, now));
}

/** Revokes one token by its id. Must run inside the caller's write transaction. */
export function revokeApiToken(sqlite: Database.Database, input: { id: string; by: TokenManager; now?: number }): ApiTokenInfo {
  const now = input.now ?? Date.now();
  const m = /^tok_([0-9a-f]{12})$/.exec(input.id);
  const row = m ? (sqlite.prepare(`${SELECT} WHERE substr(t.token_hash, 1, ${ID_DIGITS}) = ?`).get(m[1]) as Row | undefined) : undefined;
  const by = input.by;
  const mayAny = 'operator' in by || can(by.user.role, 'manage_users');
  // Someone else's token is as good as absent to a user who may not manage it.
  if (!row || (!mayAny && row.userId !== (by as { user: SessionUser }).user.id)) throw new NotFoundError(`no API token ${input.id}${mayAny ? '' : ' of yours'}`);
  if (row.revokedAt !== null) throw new ConflictError(`API token ${input.id} was already revoked at ${new Date(row.revokedAt).toISOString()}`);
  sqlite.prepare(`UPDATE api_tokens SET revoked_at = ? WHERE token_hash = ?`).run(now, row.tokenHash);
  appendAudit(sqlite, { actor: actorName(by), action: 'api_token_revoked', details: { id: input.id, label: row.label, owner: row.owner }, at: now });
  return info({ ...row, revokedAt: now }, now);
}

/** The user a bearer token acts as, or null: unknown, expired, revoked, or its user disabled (401). */
export function resolveApiToken(sqlite: Database.Database, token: string, now = Date.now()): SessionUser | null {
  const tokenHash = hashToken(token);
  const row = sqlite
    .prepare(
      `SELECT t.user_id AS id, u.name, u.role, u.disabled, t.revoked_at AS revokedAt, t.expires_at AS expiresAt, t.last_used_at AS lastUsedAt
       FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?`,
    )
    .get(tokenHash) as
    | { id: number; name: string; role: Role; disabled: number; revokedAt: number | null; expiresAt: number | null; lastUsedAt: number | null }
    | undefined;
  if (!row || row.disabled || row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt <= now)) return null;
  if (row.lastUsedAt === null || now - row.lastUsedAt >= TOUCH_AFTER_MS) {
    sqlite.prepare(`UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?`).run(now, tokenHash);
  }
  return { id: row.id, name: row.name, role: row.role };
}

/** A token as the API and `tokens list --json` show it. */
export function apiTokenJson(t: ApiTokenInfo) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return { id: t.id, label: t.label, owner: t.owner, state: t.state, created_at: iso(t.createdAt), expires_at: iso(t.expiresAt), last_used_at: iso(t.lastUsedAt), revoked_at: iso(t.revokedAt) };
}
