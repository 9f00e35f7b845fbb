import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { tempStore } from '../../tools/testing/temp-store';
import { createUser, disableUser } from '../auth/users';
import { sharingStatus } from './sharing-status';

let store: Store;
beforeEach(async () => {
  store = tempStore();
  for (const [name, role] of [['ana', 'analyst'], ['lee', 'lead'], ['lex', 'legal'], ['old', 'lead'], ['root', 'admin']] as const)
    await createUser(store.sqlite, { name, role, password: 'a-long-password-1' });
  disableUser(store.sqlite, 'old');
});
afterEach(() => store.close());

describe('sharingStatus', () => {
  it('says why sharing cannot run without a key, and who would do it', () => {
    const s = sharingStatus(store.sqlite, {});
    expect(s).toMatchObject({ ready: false, keyId: null, roles: ['lead', 'legal'], sharers: [{ name: 'lee', role: 'lead' }, { name: 'lex', role: 'legal' }] });
    expect(s.problem).toMatch(/DISTILLWATCH_SHARING_KEY is not set/);
    expect(sharingStatus(store.sqlite, { DISTILLWATCH_SHARING_KEY: 'short' }).problem).toMatch(/at least 16 characters/);
  });

  it('with a key: ready, its public fingerprint and the lab’s name', () => {
    const s = sharingStatus(store.sqlite, { DISTILLWATCH_SHARING_KEY: 'k'.repeat(20), DISTILLWATCH_LAB_NAME: 'Lab A' });
    expect(s).toMatchObject({ ready: true, problem: null, producer: 'Lab A' });
    expect(s.keyId).toMatch(/^[0-9a-f]{16}$/);
  });
});
