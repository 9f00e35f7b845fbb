/**
 * Signing in: throttle (lib/auth/sign-in-throttle.ts), verify the password,
 * rotate the session, and record what matters. Failed and refused attempts
 * are counters, not audit entries: an unauthenticated caller cannot grow the
 * append-only trail. The trail keeps each successful sign-in (with how many
 * failures its name and address had before it) and the onset of a known
 * user's throttling (at most once per user per 15 minutes).
 */
import type Database from 'better-sqlite3';
import { writeTransaction } from '../../db/client';
import { appendAudit } from '../audit/append';
import { hashPassword, verifyPassword } from './password';
import { createSession, deleteExpiredSessions, endSession, type SessionUser } from './sessions';
import { claimThrottleAudit, gateSignIn, PAIR_FREE_FAILURES, signInSucceeded } from './sign-in-throttle';
import { findUser, passwordHashOf } from './users';

export type SignInResult =
  | { ok: true; user: SessionUser; token: string; csrfToken: string; expiresAt: number }
  | { ok: false; reason: 'invalid' | 'throttled'; message: string; retryAfterSeconds?: number };

export interface SignInInput {
  name: string;
  password: string;
  /** The client's address as lib/http/client-address.ts judged it, or null when unknown. */
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
  const key = { name: input.name.trim().toLowerCase().slice(0, 64), address: input.ip };
  const gate = writeTransaction(sqlite, () => gateSignIn(sqlite, key, now));
  if (!gate.open) return throttled(gate.retryAfterSeconds);

  const user = findUser(sqlite, key.name);
  const stored = user && !user.disabled ? passwordHashOf(sqlite, user.id) : undefined;
  const matches = await verifyPassword(input.password, stored ?? (await decoy()));
  return writeTransaction(sqlite, (): SignInResult => {
    if (!user || user.disabled || !matches) {
      // A known user's name now backing off from this address: worth a line in the trail, once in a while.
      if (user && gate.pairBlocksNow && claimThrottleAudit(sqlite, key.name, now)) {
        appendAudit(sqlite, { actor: key.name, action: 'sign_in_throttled', details: { ip: key.address, failures: PAIR_FREE_FAILURES }, at: now });
      }
      return { ok: false, reason: 'invalid', message: 'Wrong name or password.' };
    }
    signInSucceeded(sqlite, key);
    if (input.previousToken) endSession(sqlite, input.previousToken);
    deleteExpiredSessions(sqlite, now);
    const session = createSession(sqlite, user.id, now);
    appendAudit(sqlite, {
      actor: user.name,
      action: 'sign_in',
      details: { ip: key.address, ...(gate.pairFailuresBefore > 0 ? { failures_before: gate.pairFailuresBefore } : {}) },
      at: now,
    });
    return { ok: true, user: { id: user.id, name: user.name, role: user.role }, ...session };
  });
}

function throttled(retryAfterSeconds: number): SignInResult {
  const wait =
    retryAfterSeconds < 60
      ? `${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`
      : `${Math.ceil(retryAfterSeconds / 60)} minute${Math.ceil(retryAfterSeconds / 60) === 1 ? '' : 's'}`;
  return {
    ok: false,
    reason: 'throttled',
    message: `Too many failed sign-ins for this name from this address, or from this address. Try again in ${wait}.`,
    retryAfterSeconds,
  };
}
