/**
 * Slows password guessing without letting anyone lock a user out.
 *
 * Failures are counted per (name, address) pair and per address, in a small
 * table of counters (`sign_in_counters`), not as history:
 *
 * - a pair gets PAIR_FREE_FAILURES failures, then must wait before each next
 *   attempt: 1 s, 2 s, 4 s … doubling up to 15 minutes. A stranger guessing
 *   a name from their address slows only their own pair: the user signs in
 *   from theirs as usual;
 * - an address gets ADDRESS_FREE_FAILURES failures across all names (an
 *   IPv6 address counts as its /64), then backs off the same way;
 * - a success clears its pair.
 *
 * Counters untouched for a day are pruned and the table holds at most
 * MAX_COUNTER_ROWS rows (the oldest unblocked go first), so a flood of
 * failed sign-ins cannot grow the store. An attempt is counted as a failure
 * before its password is checked, so guesses sent at once cannot all slip
 * past the count; a success takes it back.
 */
import type Database from 'better-sqlite3';
import { and, count, eq, gt, lt, sql } from 'drizzle-orm';
import { isIPv6 } from 'node:net';
import { dbOf } from '../../db/client';
import { signInCounters } from '../../db/schema';

export const PAIR_FREE_FAILURES = 5;
export const ADDRESS_FREE_FAILURES = 20;
export const BACKOFF_FIRST_MS = 1000;
export const BACKOFF_MAX_MS = 15 * 60 * 1000;
/** Counters untouched this long are forgotten. */
export const COUNTER_KEEP_MS = 24 * 60 * 60 * 1000;
export const MAX_COUNTER_ROWS = 10_000;
/** At most one audit entry per name per this long about its throttling. */
export const THROTTLE_AUDIT_EVERY_MS = 15 * 60 * 1000;

export interface ThrottleKey {
  /** Lower-cased name tried. */
  name: string;
  /** Client address (lib/http/client-address.ts), or null when unknown. */
  address: string | null;
}

type Counter = typeof signInCounters.$inferSelect;
type Scope = Counter['scope'];

export function backoffMs(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.min(30, failures - free));
}

/** The address as the per-address counter sees it: an IPv6 address by its /64, where one subscriber's addresses live. */
export function addressScopeOf(address: string): string {
  if (!isIPv6(address)) return address;
  const [head, tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => (g || '0').toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

function keysOf(key: ThrottleKey): { scope: Scope; name: string; address: string; free: number }[] {
  const keys: { scope: Scope; name: string; address: string; free: number }[] = [{ scope: 'pair', name: key.name, address: key.address ?? '', free: PAIR_FREE_FAILURES }];
  if (key.address) keys.push({ scope: 'address', name: '', address: addressScopeOf(key.address), free: ADDRESS_FREE_FAILURES });
  return keys;
}

/** The one counter of (scope, name, address). */
function counterIs(scope: Scope, name: string, address: string) {
  return and(eq(signInCounters.scope, scope), eq(signInCounters.name, name), eq(signInCounters.address, address));
}

function read(sqlite: Database.Database, scope: Scope, name: string, address: string): Pick<Counter, 'failures' | 'blockedUntil'> | undefined {
  return dbOf(sqlite)
    .select({ failures: signInCounters.failures, blockedUntil: signInCounters.blockedUntil })
    .from(signInCounters)
    .where(counterIs(scope, name, address))
    .get();
}

function pruneOld(sqlite: Database.Database, now: number): void {
  dbOf(sqlite)
    .delete(signInCounters)
    .where(and(lt(signInCounters.lastAt, now - COUNTER_KEEP_MS), lt(signInCounters.blockedUntil, now)))
    .run();
}

function cap(sqlite: Database.Database, now: number): void {
  const rows = counterRows(sqlite);
  if (rows > MAX_COUNTER_ROWS) {
    const db = dbOf(sqlite);
    // The oldest unblocked go first.
    const oldest = db
      .select({ rowid: sql`rowid` })
      .from(signInCounters)
      .orderBy(gt(signInCounters.blockedUntil, now), signInCounters.lastAt)
      .limit(rows - MAX_COUNTER_ROWS);
    db.delete(signInCounters).where(sql`rowid IN ${oldest}`).run();
  }
}

export type Gate =
  | { open: true; pairFailuresBefore: number; pairBlocksNow: boolean }
  | { open: false; retryAfterSeconds: number };

/**
 * Inside the caller's write transaction: refuses an attempt while its pair or
 * address is backing off (counting the refusal, checking no password), or
 * counts it as a failure until `signInSucceeded` takes that back.
 */
export function gateSignIn(sqlite: Database.Database, key: ThrottleKey, now: number): Gate {
  pruneOld(sqlite, now);
  const keys = keysOf(key);
  const counters = keys.map((k) => read(sqlite, k.scope, k.name, k.address));
  const until = Math.max(0, ...counters.map((c) => c?.blockedUntil ?? 0));
  const db = dbOf(sqlite);
  if (until > now) {
    keys.forEach((k, i) => {
      if ((counters[i]?.blockedUntil ?? 0) > now) {
        db.update(signInCounters)
          .set({ refused: sql`${signInCounters.refused} + 1` })
          .where(counterIs(k.scope, k.name, k.address))
          .run();
      }
    });
    return { open: false, retryAfterSeconds: Math.ceil((until - now) / 1000) };
  }
  keys.forEach((k, i) => {
    const failures = (counters[i]?.failures ?? 0) + 1;
    const wait = backoffMs(failures, k.free);
    const blockedUntil = wait ? now + wait : 0;
    db.insert(signInCounters)
      .values({ scope: k.scope, name: k.name, address: k.address, failures: 1, refused: 0, firstAt: now, lastAt: now, blockedUntil })
      .onConflictDoUpdate({
        target: [signInCounters.scope, signInCounters.name, signInCounters.address],
        set: { failures: sql`${signInCounters.failures} + 1`, lastAt: now, blockedUntil },
      })
      .run();
  });
  cap(sqlite, now);
  const pairBefore = counters[0]?.failures ?? 0;
  // The attempt that uses up the pair's free failures starts its backoff: the onset of throttling, if it fails.
  return { open: true, pairFailuresBefore: pairBefore, pairBlocksNow: pairBefore + 1 === PAIR_FREE_FAILURES };
}

/** The attempt was right: its pair starts again, and its address gets back the failure it was charged. */
export function signInSucceeded(sqlite: Database.Database, key: ThrottleKey): void {
  const [pair, address] = keysOf(key);
  const db = dbOf(sqlite);
  db.delete(signInCounters).where(counterIs('pair', pair.name, pair.address)).run();
  if (address) {
    db.update(signInCounters)
      .set({
        failures: sql`max(0, ${signInCounters.failures} - 1)`,
        blockedUntil: sql`CASE WHEN ${signInCounters.failures} - 1 >= ${ADDRESS_FREE_FAILURES} THEN ${signInCounters.blockedUntil} ELSE 0 END`,
      })
      .where(counterIs('address', '', address.address))
      .run();
  }
}

/**
 * Whether the onset of this name's throttling should go to the audit trail
 * now: at most once per name per THROTTLE_AUDIT_EVERY_MS, so that guesses
 * from many addresses cannot grow the trail. Marks it when it says yes.
 */
export function claimThrottleAudit(sqlite: Database.Database, name: string, now: number): boolean {
  const db = dbOf(sqlite);
  const last = db.select({ lastAt: signInCounters.lastAt }).from(signInCounters).where(counterIs('audited', name, '')).get()?.lastAt;
  if (last !== undefined && last > now - THROTTLE_AUDIT_EVERY_MS) return false;
  db.insert(signInCounters)
    .values({ scope: 'audited', name, address: '', failures: 0, refused: 0, firstAt: now, lastAt: now, blockedUntil: 0 })
    .onConflictDoUpdate({ target: [signInCounters.scope, signInCounters.name, signInCounters.address], set: { lastAt: now } })
    .run();
  return true;
}

/** Rows in the counters table (for tests and `stats`). */
export function counterRows(sqlite: Database.Database): number {
  return dbOf(sqlite).select({ n: count() }).from(signInCounters).get()?.n ?? 0;
}
