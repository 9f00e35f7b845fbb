import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { tempStore } from '../../tools/testing/temp-store';
import { authenticate } from './authenticate';
import { createApiToken } from './api-tokens';
import { createSession, resolveSession, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './sessions';
import { signIn } from './sign-in';
import { createUser, disableUser } from './users';
import { writeTransaction } from '../../db/client';

const MIN = 60_000;
let store: Store;
let userId: number;

beforeEach(async () => {
  store = tempStore();
  userId = (await createUser(store.sqlite, { name: 'ana', role: 'analyst', password: 'ana-password-1' })).user.id;
});
afterEach(() => store.close());

const sessionCount = () => (store.sqlite.prepare(`SELECT count(*) AS n FROM sessions`).get() as { n: number }).n;

describe('sessions', () => {
  it('store only the hash of the token', () => {
    const { token } = createSession(store.sqlite, userId, 0);
    const row = store.sqlite.prepare(`SELECT token_hash FROM sessions`).get() as { token_hash: string };
    expect(row.token_hash).not.toContain(token);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(resolveSession(store.sqlite, token, 1)?.user.name).toBe('ana');
    expect(resolveSession(store.sqlite, token + 'x', 1)).toBeNull();
  });

  it('end after 2 hours idle', () => {
    const { token } = createSession(store.sqlite, userId, 0);
    expect(resolveSession(store.sqlite, token, SESSION_IDLE_MS - MIN)).not.toBeNull();
    // That request counted as activity: the idle clock restarted.
    expect(resolveSession(store.sqlite, token, 2 * SESSION_IDLE_MS - 2 * MIN)).not.toBeNull();
    expect(resolveSession(store.sqlite, token, 3 * SESSION_IDLE_MS)).toBeNull();
    expect(sessionCount()).toBe(0);
  });

  it('end 12 hours after sign-in however active', () => {
    const { token } = createSession(store.sqlite, userId, 0);
    for (let t = 30 * MIN; t < SESSION_ABSOLUTE_MS; t += 30 * MIN) expect(resolveSession(store.sqlite, token, t)).not.toBeNull();
    expect(resolveSession(store.sqlite, token, SESSION_ABSOLUTE_MS)).toBeNull();
  });

  it('rotate at sign-in: the token held before no longer works', async () => {
    const first = await signIn(store.sqlite, { name: 'ana', password: 'ana-password-1', ip: '10.0.0.1' });
    if (!first.ok) throw new Error('sign-in failed');
    const second = await signIn(store.sqlite, { name: 'ana', password: 'ana-password-1', ip: '10.0.0.1', previousToken: first.token });
    if (!second.ok) throw new Error('sign-in failed');
    expect(second.token).not.toBe(first.token);
    expect(second.csrfToken).not.toBe(first.csrfToken);
    expect(resolveSession(store.sqlite, first.token)).toBeNull();
    expect(resolveSession(store.sqlite, second.token)?.csrfToken).toBe(second.csrfToken);
  });

  it('die with their user, as do API tokens', () => {
    const { token } = createSession(store.sqlite, userId);
    const user = { id: userId, name: 'ana', role: 'analyst' as const };
    const { token: apiToken } = writeTransaction(store.sqlite, () => createApiToken(store.sqlite, { owner: user, label: 'script', by: { user, via: 'session' } }));
    expect(authenticate(store.sqlite, { authorization: `Bearer ${apiToken}` })?.via).toBe('token');
    disableUser(store.sqlite, 'ana');
    expect(resolveSession(store.sqlite, token)).toBeNull();
    expect(authenticate(store.sqlite, { authorization: `Bearer ${apiToken}` })).toBeNull();
  });

  it('never fall back from a bad bearer token to the cookie', () => {
    const { token } = createSession(store.sqlite, userId);
    expect(authenticate(store.sqlite, { sessionToken: token })?.via).toBe('session');
    expect(authenticate(store.sqlite, { sessionToken: token, authorization: 'Bearer nope' })).toBeNull();
  });
});
