/**
 * Server-side sessions. The cookie holds a random token; the store holds its
 * SHA-256, the user, a per-session CSRF token and the two clocks that end it:
 * idle (no request for 2 h) and absolute (12 h after sign-in, whatever happens).
 */
import type Database from 'better-sqlite3';
import { eq, lte, or, sql } from 'drizzle-orm';
import { dbOf, preparedQuery, type Db } from '../../db/client';
import type { SelectedFields } from 'drizzle-orm/sqlite-core';
import { apiTokens, sessions, users } from '../../db/schema';
import { hashToken, newSecretToken } from './secret-token';
import { userColumns } from './users';

export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
// Writing last_seen_at on every request would make each page view a write; a minute's slack is harmless.
const TOUCH_AFTER_MS = 60 * 1000;

export type SessionUser = Pick<typeof users.$inferSelect, 'id' | 'name' | 'role'>;

export interface ActiveSession {
  user: SessionUser;
  csrfToken: string;
  expiresAt: number;
}

export function createSession(sqlite: Database.Database, userId: number, now = Date.now()) {
  const token = newSecretToken();
  const csrfToken = newSecretToken();
  const expiresAt = now + SESSION_ABSOLUTE_MS;
  dbOf(sqlite).insert(sessions).values({ tokenHash: hashToken(token), userId, csrfToken, createdAt: now, lastSeenAt: now, expiresAt }).run();
  return { token, csrfToken, expiresAt };
}

/**
 * A credential (a session, or an API token: lib/auth/api-tokens.ts) by its
 * token hash, with the user it acts as and `fields` of its own: the query
 * every signed-in request runs, so it is prepared once per connection.
 */
export function credentialQuery<F extends SelectedFields>(db: Db, credential: typeof sessions | typeof apiTokens, fields: F) {
  return db
    .select({ ...userColumns, ...fields })
    .from(credential)
    .innerJoin(users, eq(users.id, credential.userId))
    .where(eq(credential.tokenHash, sql.placeholder('tokenHash')))
    .prepare();
}

const sessionQuery = (db: Db) =>
  credentialQuery(db, sessions, { csrfToken: sessions.csrfToken, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt });

/** The live session for a cookie token, or null (unknown, expired, or its user disabled). */
export function resolveSession(sqlite: Database.Database, token: string, now = Date.now()): ActiveSession | null {
  const tokenHash = hashToken(token);
  const row = preparedQuery(sqlite, sessionQuery).get({ tokenHash });
  if (!row || row.disabled) return null;
  if (now >= row.expiresAt || now - row.lastSeenAt >= SESSION_IDLE_MS) {
    deleteSession(sqlite, tokenHash);
    return null;
  }
  if (now - row.lastSeenAt >= TOUCH_AFTER_MS) {
    dbOf(sqlite).update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash)).run();
  }
  return { user: { id: row.id, name: row.name, role: row.role }, csrfToken: row.csrfToken, expiresAt: row.expiresAt };
}

function deleteSession(sqlite: Database.Database, tokenHash: string): void {
  dbOf(sqlite).delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
}

export function endSession(sqlite: Database.Database, token: string): void {
  deleteSession(sqlite, hashToken(token));
}

/** Housekeeping at sign-in, so dead sessions do not pile up. */
export function deleteExpiredSessions(sqlite: Database.Database, now = Date.now()): void {
  dbOf(sqlite)
    .delete(sessions)
    .where(or(lte(sessions.expiresAt, now), lte(sessions.lastSeenAt, now - SESSION_IDLE_MS)))
    .run();
}
