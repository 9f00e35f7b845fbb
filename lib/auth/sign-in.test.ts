import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { tempStore } from '../../tools/testing/temp-store';
import { signIn } from './sign-in';
import { THROTTLE_WINDOW_MS } from './sign-in-throttle';
import { createUser, disableUser } from './users';

let store: Store;
const T0 = Date.parse('2026-11-23T09:00:00Z');

beforeEach(async () => {
  store = tempStore();
  await createUser(store.sqlite, { name: 'ana', role: 'analyst', password: 'ana-password-1' });
  await createUser(store.sqlite, { name: 'lee', role: 'lead', password: 'lee-password-1' });
});
afterEach(() => store.close());

const audit = () => store.sqlite.prepare(`SELECT actor, action, details FROM audit_log WHERE action LIKE 'sign_in%' ORDER BY seq`).all() as { actor: string; action: string; details: string }[];
const attempt = (name: string, password: string, at: number, ip: string | null = '192.0.2.1') => signIn(store.sqlite, { name, password, ip, now: at });

describe('signIn', () => {
  it('signs in with the right password and records it', async () => {
    const r = await attempt('ana', 'ana-password-1', T0);
    expect(r.ok).toBe(true);
    expect(audit()).toEqual([{ actor: 'ana', action: 'sign_in', details: '{"ip":"192.0.2.1"}' }]);
  });

  it('answers unknown names and wrong passwords the same way, and records both', async () => {
    const wrong = await attempt('ana', 'nope', T0);
    const unknown = await attempt('nobody', 'nope', T0);
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ ok: false, reason: 'invalid', message: 'Wrong name or password.' });
    expect(audit().map((a) => [a.actor, a.action, JSON.parse(a.details).reason])).toEqual([
      ['ana', 'sign_in_failed', 'wrong password'],
      ['nobody', 'sign_in_failed', 'unknown user'],
    ]);
  });

  it('refuses disabled users', async () => {
    disableUser(store.sqlite, 'ana');
    expect((await attempt('ana', 'ana-password-1', T0)).ok).toBe(false);
  });

  it('refuses a name after 5 failures in 15 minutes, even with the right password, until the window passes', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('ana', `guess-${i}`, T0 + i * 1000)).ok).toBe(false);
    const refused = await attempt('ana', 'ana-password-1', T0 + 10_000);
    expect(refused).toMatchObject({ ok: false, reason: 'throttled' });
    if (refused.ok) return;
    expect(refused.message).toMatch(/Too many failed sign-ins.*Try again in 15 minutes/);
    expect(refused.retryAfterSeconds).toBe((THROTTLE_WINDOW_MS - 10_000) / 1000);
    expect(audit().at(-1)?.action).toBe('sign_in_throttled');
    // Another name from another address is unaffected.
    expect((await attempt('lee', 'lee-password-1', T0 + 10_000, '198.51.100.7')).ok).toBe(true);
    // Once the first failure is 15 minutes old, one more attempt is allowed.
    expect((await attempt('ana', 'ana-password-1', T0 + THROTTLE_WINDOW_MS + 1)).ok).toBe(true);
  });

  it('refuses an address after 5 failures across different names', async () => {
    for (let i = 0; i < 5; i++) await attempt(`user${i}`, 'guess', T0 + i);
    expect(await attempt('lee', 'lee-password-1', T0 + 10)).toMatchObject({ ok: false, reason: 'throttled' });
    expect((await attempt('lee', 'lee-password-1', T0 + 10, '198.51.100.7')).ok).toBe(true);
  });

  it('clears the count after a successful sign-in', async () => {
    for (let i = 0; i < 4; i++) await attempt('ana', 'guess', T0 + i);
    expect((await attempt('ana', 'ana-password-1', T0 + 10)).ok).toBe(true);
    for (let i = 0; i < 4; i++) await attempt('ana', 'guess', T0 + 20 + i);
    expect((await attempt('ana', 'ana-password-1', T0 + 30)).ok).toBe(true);
  });

  it('counts guesses sent at once before any of them is checked', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => attempt('ana', `guess-${i}`, T0)));
    expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(3);
  });
});
