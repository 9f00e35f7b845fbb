import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { tempStore } from '../../tools/testing/temp-store';
import { signIn } from './sign-in';
import { ADDRESS_FREE_FAILURES, addressScopeOf, backoffMs, counterRows, gateSignIn, MAX_COUNTER_ROWS, PAIR_FREE_FAILURES, THROTTLE_AUDIT_EVERY_MS } from './sign-in-throttle';
import { createUser, disableUser } from './users';
import { writeTransaction } from '../../db/client';

let store: Store;
const T0 = Date.parse('2026-11-23T09:00:00Z');
const HOME = '192.0.2.1';
const STRANGER = '198.51.100.7';

beforeEach(async () => {
  store = tempStore();
  await createUser(store.sqlite, { name: 'ana', role: 'analyst', password: 'ana-password-1' });
  await createUser(store.sqlite, { name: 'lee', role: 'lead', password: 'lee-password-1' });
});
afterEach(() => store.close());

const audit = () => store.sqlite.prepare(`SELECT actor, action, details FROM audit_log WHERE action LIKE 'sign_in%' ORDER BY seq`).all() as { actor: string; action: string; details: string }[];
const attempt = (name: string, password: string, at: number, ip: string | null = HOME) => signIn(store.sqlite, { name, password, ip, now: at });
const counter = (scope: string, name: string, address: string) =>
  store.sqlite.prepare(`SELECT failures, refused, blocked_until AS blockedUntil FROM sign_in_counters WHERE scope = ? AND name = ? AND address = ?`).get(scope, name, address) as
    | { failures: number; refused: number; blockedUntil: number }
    | undefined;

describe('signIn', () => {
  it('signs in with the right password and records it', async () => {
    const r = await attempt('ana', 'ana-password-1', T0);
    expect(r.ok).toBe(true);
    expect(audit()).toEqual([{ actor: 'ana', action: 'sign_in', details: '{"ip":"192.0.2.1"}' }]);
  });

  it('answers unknown names and wrong passwords the same way, and counts them instead of auditing them', async () => {
    const wrong = await attempt('ana', 'nope', T0);
    const unknown = await attempt('nobody', 'nope', T0);
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ ok: false, reason: 'invalid', message: 'Wrong name or password.' });
    expect(audit()).toEqual([]);
    expect(counter('pair', 'ana', HOME)).toMatchObject({ failures: 1 });
    expect(counter('pair', 'nobody', HOME)).toMatchObject({ failures: 1 });
    expect(counter('address', '', HOME)).toMatchObject({ failures: 2 });
  });

  it('refuses disabled users', async () => {
    disableUser(store.sqlite, 'ana');
    expect((await attempt('ana', 'ana-password-1', T0)).ok).toBe(false);
  });
});

describe('throttling by name and address, with backoff', () => {
  it('backs a (name, address) pair off exponentially after 5 failures, even with the right password, and then lets it try again', async () => {
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) expect(await attempt('ana', `guess-${i}`, T0 + i)).toMatchObject({ reason: 'invalid' });
    const refused = await attempt('ana', 'ana-password-1', T0 + 10);
    expect(refused).toMatchObject({ ok: false, reason: 'throttled', retryAfterSeconds: 1 });
    if (!refused.ok) expect(refused.message).toBe('Too many failed sign-ins for this name from this address, or from this address. Try again in 1 second.');
    expect(counter('pair', 'ana', HOME)).toMatchObject({ failures: 5, refused: 1 });
    // Once the wait is over, one more try; failing doubles the wait.
    expect(await attempt('ana', 'guess-5', T0 + 1010)).toMatchObject({ reason: 'invalid' });
    expect(await attempt('ana', 'ana-password-1', T0 + 1020)).toMatchObject({ reason: 'throttled', retryAfterSeconds: 2 });
    expect([5, 6, 7, 10, 15, 40].map((f) => backoffMs(f, PAIR_FREE_FAILURES))).toEqual([1000, 2000, 4000, 32_000, 900_000, 900_000]);
    expect((await attempt('ana', 'ana-password-1', T0 + 3020)).ok).toBe(true);
  });

  it('does not let a stranger lock a user out from another address', async () => {
    for (let i = 0; i < 12; i++) await attempt('ana', `guess-${i}`, T0 + i, STRANGER);
    expect(await attempt('ana', 'ana-password-1', T0 + 100, STRANGER)).toMatchObject({ reason: 'throttled' });
    // The user, from their own address, is not slowed at all.
    expect((await attempt('ana', 'ana-password-1', T0 + 100, HOME)).ok).toBe(true);
    expect(audit().at(-1)).toMatchObject({ actor: 'ana', action: 'sign_in', details: '{"ip":"192.0.2.1"}' });
  });

  it('backs an address off after 20 failures across any names, leaving other addresses alone', async () => {
    for (let i = 0; i < ADDRESS_FREE_FAILURES; i++) await attempt(`user${i}`, 'guess', T0 + i);
    expect(await attempt('lee', 'lee-password-1', T0 + 30)).toMatchObject({ ok: false, reason: 'throttled' });
    expect((await attempt('lee', 'lee-password-1', T0 + 30, STRANGER)).ok).toBe(true);
    // An IPv6 client counts as its /64: rotating the interface identifier does not reset the count.
    expect(addressScopeOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressScopeOf('2001:DB8::1')).toBe('2001:db8:0:0::/64');
  });

  it('audits a successful sign-in after failures once, with how many there were, and starts the pair again', async () => {
    for (let i = 0; i < 3; i++) await attempt('ana', 'guess', T0 + i);
    expect((await attempt('ana', 'ana-password-1', T0 + 10)).ok).toBe(true);
    expect(audit()).toEqual([{ actor: 'ana', action: 'sign_in', details: '{"failures_before":3,"ip":"192.0.2.1"}' }]);
    expect(counter('pair', 'ana', HOME)).toBeUndefined();
    // The address keeps its failures (a success with one account must not wash another's guesses), not the one it was charged for the success.
    expect(counter('address', '', HOME)).toMatchObject({ failures: 3 });
  });

  it('counts guesses sent at once before any of them is checked', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => attempt('ana', `guess-${i}`, T0)));
    expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(3);
  });

  it('audits the onset of a known user’s throttling at most once per 15 minutes, from however many addresses; unknown names never', async () => {
    for (const [k, ip] of ['203.0.113.1', '203.0.113.2', '203.0.113.3'].entries()) {
      for (let i = 0; i < PAIR_FREE_FAILURES; i++) await attempt('ana', 'guess', T0 + k * 1000 + i, ip);
      for (let i = 0; i < PAIR_FREE_FAILURES; i++) await attempt('ghost', 'guess', T0 + k * 1000 + i, ip);
    }
    expect(audit()).toEqual([{ actor: 'ana', action: 'sign_in_throttled', details: '{"failures":5,"ip":"203.0.113.1"}' }]);
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) await attempt('ana', 'guess', T0 + THROTTLE_AUDIT_EVERY_MS + i, '203.0.113.4');
    expect(audit().map((a) => a.action)).toEqual(['sign_in_throttled', 'sign_in_throttled']);
  });
});

describe('a flood of failed sign-ins', () => {
  it('10 s of failed sign-ins from a few addresses, many names, leave bounded counters and no audit rows', async () => {
    const auditBefore = (store.sqlite.prepare(`SELECT count(*) FROM audit_log`).pluck().get() as number);
    let sent = 0;
    // 3,500 attempts spread over 10 s of the store's clock, as the review sent them.
    for (let i = 0; i < 3500; i++) {
      await attempt(`name${i % 700}`, 'guess', T0 + Math.floor((i * 10_000) / 3500), `203.0.113.${i % 3}`);
      sent++;
    }
    expect(sent).toBe(3500);
    expect(store.sqlite.prepare(`SELECT count(*) FROM audit_log`).pluck().get()).toBe(auditBefore);
    // Each address got its 20 free failures (and the backoff's few), each a pair row; then every attempt was refused unchecked.
    const rows = counterRows(store.sqlite);
    expect(rows).toBeLessThanOrEqual(3 * (ADDRESS_FREE_FAILURES + 10) + 3);
    const refused = store.sqlite.prepare(`SELECT sum(refused) FROM sign_in_counters WHERE scope = 'address'`).pluck().get() as number;
    expect(refused).toBeGreaterThan(3300);
  });

  it('forgets counters a day old, and holds at most MAX_COUNTER_ROWS rows however many come', () => {
    const insert = store.sqlite.prepare(`INSERT INTO sign_in_counters (scope, name, address, failures, first_at, last_at) VALUES ('pair', ?, ?, 1, ?, ?)`);
    writeTransaction(store.sqlite, () => {
      for (let i = 0; i < MAX_COUNTER_ROWS + 500; i++) insert.run(`n${i}`, '203.0.113.9', T0 + i, T0 + i);
      insert.run('old', '203.0.113.9', T0 - 2 * 86_400_000, T0 - 2 * 86_400_000);
    });
    writeTransaction(store.sqlite, () => gateSignIn(store.sqlite, { name: 'ana', address: HOME }, T0 + MAX_COUNTER_ROWS + 600));
    expect(counterRows(store.sqlite)).toBe(MAX_COUNTER_ROWS);
    expect(counter('pair', 'old', '203.0.113.9')).toBeUndefined();
    // The oldest went first; the attempt just counted stayed.
    expect(counter('pair', 'n0', '203.0.113.9')).toBeUndefined();
    expect(counter('pair', 'ana', HOME)).toMatchObject({ failures: 1 });
  });
});
