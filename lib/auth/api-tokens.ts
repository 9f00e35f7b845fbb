/**
 * API tokens for scripts (`Authorization: Bearer dw_…`). Shown once at
 * creation; the store keeps only the SHA-256. They act as their user, with
 * that user's role, until revoked or the user is disabled.
 */
import type Database from 'better-sqlite3';
import { appendAudit } from '../audit/append';
import type { Role } from '../domain';
import { hashToken, newSecretToken } from './secret-token';
import type { SessionUser } from './sessions';

const TOUCH_AFTER_MS = 60 * 1000;

/** Must run inside the caller's write transaction (it writes the audit entry too). */
export function createApiToken(sqlite: Database.Database, user: SessionUser, label: string, now = Date.now()): string {
  const token = newSecretToken('dw_');
  sqlite
    .prepare(`INSERT INTO api_tokens (token_hash, user_id, label, created_at) VALUES (?, ?, ?, ?)`)
    .run(hashToken(token), user.id, label, now);
  appendAudit(sqlite, { actor: user.name, action: 'api_token_created', details: { label }, at: now });
  return token;
}

export function resolveApiToken(sqlite: Database.Database, token: string, now = Date.now()): SessionUser | null {
  const tokenHash = hashToken(token);
  const row = sqlite
    .prepare(
      `SELECT t.user_id AS id, u.name, u.role, u.disabled, t.revoked_at AS revokedAt, t.last_used_at AS lastUsedAt
       FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?`,
    )
    .get(tokenHash) as
    | { id: number; name: string; role: Role; disabled: number; revokedAt: number | null; lastUsedAt: number | null }
    | undefined;
  if (!row || row.disabled || row.revokedAt !== null) return null;
  if (row.lastUsedAt === null || now - row.lastUsedAt >= TOUCH_AFTER_MS) {
    sqlite.prepare(`UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?`).run(now, tokenHash);
  }
  return { id: row.id, name: row.name, role: row.role };
}
