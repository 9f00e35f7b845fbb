/**
 * Signing in: throttle, verify the password, rotate the session, and record
 * the outcome (attempts table for throttling, audit trail for people).
 */
import type Database from 'better-sqlite3';
import { writeTransaction } from '../../db/client';
import { appendAudit } from '../audit/append';
import { hashPassword, verifyPassword } from './password';
import { createSession, deleteExpiredSessions, endSession, type SessionUser } from './sessions';
import { markSucceeded, recordPendingAttempt, throttledUntil } from './sign-in-throttle';
import { findUser, passwordHashOf } from './users';

export type SignInResult =
  | { ok: true; user: SessionUser; token: string; csrfToken: string; expiresAt: number }
  | { ok: false; reason: 'invalid' | 'throttled'; message: string; retryAfterSeconds?: number };

export interface SignInInput {
  name: string;
  password: string;
  ip: string | null;
  /** The session token the browser still holds, if any: it is ended (session rotation). */
  previousToken?: string;
  now?: number;
}

// Unknown names still cost one scrypt, so response time does not reveal which names exist.
let decoyHash: Promise<string> | undefined;
function decoy(): Promise<string> {
  decoyHash ??= hashPassword('decoy password that matches nothing');
  return decoyHash;
}

export async function signIn(sqlite: Database.Database, input: SignInInput): Promise<SignInResult> {
  const now = input.now ?? Date.now();
  const key = { name: input.name.trim().toLowerCase().slice(0, 64), ip: input.ip };
  const gate = writeTransaction(sqlite, (): { attemptId: number } | { retryAfterSeconds: number } => {
    const until = throttledUntil(sqlite, key, now);
    if (until === null) return { attemptId: recordPendingAttempt(sqlite, key, now) };
    appendAudit(sqlite, { actor: key.name, action: 'sign_in_throttled', details: { ip: key.ip }, at: now });
    return { retryAfterSeconds: Math.ceil((until - now) / 1000) };
  });
  if (!('attemptId' in gate)) return throttled(gate.retryAfterSeconds);

  const user = findUser(sqlite, key.name);
  const stored = user && !user.disabled ? passwordHashOf(sqlite, user.id) : undefined;
  const matches = await verifyPassword(input.password, stored ?? (await decoy()));
  const verdict = !user ? 'unknown user' : user.disabled ? 'user disabled' : matches ? null : 'wrong password';

  return writeTransaction(sqlite, (): SignInResult => {
    if (verdict !== null || !user) {
      appendAudit(sqlite, { actor: key.name, action: 'sign_in_failed', details: { ip: key.ip, reason: verdict }, at: now });
      return { ok: false, reason: 'invalid', message: 'Wrong name or password.' };
    }
    markSucceeded(sqlite, gate.attemptId);
    if (input.previousToken) endSession(sqlite, input.previousToken);
    deleteExpiredSessions(sqlite, now);
    const session = createSession(sqlite, user.id, now);
    appendAudit(sqlite, { actor: user.name, action: 'sign_in', details: { ip: key.ip }, at: now });
    return { ok: true, user: { id: user.id, name: user.name, role: user.role }, ...session };
  });
}

function throttled(retryAfterSeconds: number): SignInResult {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return {
    ok: false,
    reason: 'throttled',
    message: `Too many failed sign-ins for this name or address. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    retryAfterSeconds,
  };
}
