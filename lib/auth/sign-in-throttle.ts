/**
 * Slows password guessing: after 5 failed sign-ins within 15 minutes for one
 * name, or from one address, further attempts are refused until the oldest
 * of those failures is 15 minutes old. A successful sign-in clears the count.
 */
import type Database from 'better-sqlite3';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const THROTTLE_FAILURES = 5;
// Attempts are only needed for the window; the audit trail keeps the history.
const KEEP_ATTEMPTS_MS = 24 * 60 * 60 * 1000;

function recentFailures(sqlite: Database.Database, column: 'name' | 'ip', value: string, now: number): number[] {
  const rows = sqlite
    .prepare(
      `SELECT at FROM sign_in_attempts
       WHERE ${column} = @value AND ok = 0 AND at > @since
         AND at > coalesce((SELECT max(at) FROM sign_in_attempts WHERE ${column} = @value AND ok = 1), 0)
       ORDER BY at DESC LIMIT ${THROTTLE_FAILURES}`,
    )
    .all({ value, since: now - THROTTLE_WINDOW_MS }) as { at: number }[];
  return rows.map((r) => r.at);
}

/** Epoch ms until which sign-in is refused for this name or address, or null. */
export function throttledUntil(sqlite: Database.Database, key: { name: string; ip: string | null }, now: number): number | null {
  const lists = [recentFailures(sqlite, 'name', key.name, now)];
  if (key.ip) lists.push(recentFailures(sqlite, 'ip', key.ip, now));
  const until = lists.filter((l) => l.length >= THROTTLE_FAILURES).map((l) => l[l.length - 1] + THROTTLE_WINDOW_MS);
  return until.length > 0 ? Math.max(...until) : null;
}

/**
 * Records an attempt as failed before the password is checked, so that many
 * guesses sent at once cannot all slip past the count; `markSucceeded` flips it.
 */
export function recordPendingAttempt(sqlite: Database.Database, key: { name: string; ip: string | null }, now: number): number {
  sqlite.prepare(`DELETE FROM sign_in_attempts WHERE at < ?`).run(now - KEEP_ATTEMPTS_MS);
  const r = sqlite.prepare(`INSERT INTO sign_in_attempts (name, ip, ok, at) VALUES (?, ?, 0, ?)`).run(key.name, key.ip, now);
  return Number(r.lastInsertRowid);
}

export function markSucceeded(sqlite: Database.Database, attemptId: number): void {
  sqlite.prepare(`UPDATE sign_in_attempts SET ok = 1 WHERE id = ?`).run(attemptId);
}
