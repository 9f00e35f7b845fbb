/**
 * Server-side sessions. The cookie holds a random token; the store holds its
 * SHA-256, the user, a per-session CSRF token and the two clocks that end it:
 * idle (no request for 2 h) and absolute (12 h after sign-in, whatever happens).
 */
import type Database from 'better-sqlite3';
import type { Role } from '../domain';
import { hashToken, newSecretToken } from './secret-token';

export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
// Writing last_seen_at on every request would make each page view a write; a minute's slack is harmless.
const TOUCH_AFTER_MS = 60 * 1000;

export interface SessionUser {
  id: number;
  name: string;
  role: Role;
}

export interface ActiveSession {
  user: SessionUser;
  csrfToken: string;
  expiresAt: number;
}

export function createSession(sqlite: Database.Database, userId: number, now = Date.now()) {
  const token = newSecretToken();
  const csrfToken = newSecretToken();
  const expiresAt = now + SESSION_ABSOLUTE_MS;
  sqlite
    .prepare(
      `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(hashToken(token), userId, csrfToken, now, now, expiresAt);
  return { token, csrfToken, expiresAt };
}

/** The live session for a cookie token, or null (unknown, expired, or its user disabled). */
export function resolveSession(sqlite: Database.Database, token: string, now = Date.now()): ActiveSession | null {
  const tokenHash = hashToken(token);
  const row = sqlite
    .prepare(
      `SELECT s.user_id AS id, u.name, u.role, u.disabled, s.csrf_token AS csrfToken,
              s.last_seen_at AS lastSeenAt, s.expires_at AS expiresAt
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
    )
    .get(tokenHash) as
    | { id: number; name: string; role: Role; disabled: number; csrfToken: string; lastSeenAt: number; expiresAt: number }
    | undefined;
  if (!row || row.disabled) return null;
  if (now >= row.expiresAt || now - row.lastSeenAt >= SESSION_IDLE_MS) {
    sqlite.prepare(`DELETE FROM sessions WHERE token_hash = ?`).run(tokenHash);
    return null;
  }
  if (now - row.lastSeenAt >= TOUCH_AFTER_MS) {
    sqlite.prepare(`UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?`).run(now, tokenHash);
  }
  return { user: { id: row.id, name: row.name, role: row.role }, csrfToken: row.csrfToken, expiresAt: row.expiresAt };
}

export function endSession(sqlite: Database.Database, token: string): void {
  sqlite.prepare(`DELETE FROM sessions WHERE token_hash = ?`).run(hashToken(token));
}

/** Housekeeping at sign-in, so dead sessions do not pile up. */
export function deleteExpiredSessions(sqlite: Database.Database, now = Date.now()): void {
  sqlite.prepare(`DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?`).run(now, now - SESSION_IDLE_MS);
}
