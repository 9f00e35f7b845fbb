import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { writeTransaction } from '../../db/client';
import { tempStore } from '../../tools/testing/temp-store';
import { ConflictError, InputError } from '../errors';
import { hashPassword } from './password';
import { signIn } from './sign-in';
import { insertUser, resetUserPassword, setUserDisabled, setUserRole } from './user-admin';
import { createUser, findUser } from './users';

let store: Store;
beforeEach(async () => {
  store = tempStore();
  await createUser(store.sqlite, { name: 'root', role: 'admin', password: 'root-password-1' });
  await createUser(store.sqlite, { name: 'ana', role: 'analyst', password: 'ana-password-1' });
});
afterEach(() => store.close());

const tx = <T>(fn: () => T) => writeTransaction(store.sqlite, fn);
const lastAudit = () => store.sqlite.prepare(`SELECT actor, action, details FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as { actor: string; action: string; details: string };

describe('user administration', () => {
  it('adds, changes the role of, disables and enables a user, each audited', async () => {
    const hash = await hashPassword('lee-password-1');
    tx(() => insertUser(store.sqlite, { name: 'lee', role: 'analyst', passwordHash: hash, actor: 'root' }));
    expect(lastAudit()).toMatchObject({ actor: 'root', action: 'user_created' });
    expect(() => tx(() => insertUser(store.sqlite, { name: 'lee', role: 'analyst', passwordHash: hash, actor: 'root' }))).toThrow(ConflictError);
    tx(() => setUserRole(store.sqlite, 'lee', 'lead', 'root'));
    expect(findUser(store.sqlite, 'lee')!.role).toBe('lead');
    expect(JSON.parse(lastAudit().details)).toEqual({ name: 'lee', from: 'analyst', to: 'lead' });
    tx(() => setUserDisabled(store.sqlite, 'lee', true, 'root'));
    expect(findUser(store.sqlite, 'lee')!.disabled).toBe(true);
    expect(lastAudit().action).toBe('user_disabled');
    tx(() => setUserDisabled(store.sqlite, 'lee', false, 'root'));
    expect(findUser(store.sqlite, 'lee')!.disabled).toBe(false);
    expect(lastAudit()).toMatchObject({ actor: 'root', action: 'user_enabled' });
  });

  it('resets a password: the old one stops working, the new one signs in, sessions end', async () => {
    expect((await signIn(store.sqlite, { name: 'ana', password: 'ana-password-1', ip: '192.0.2.1' })).ok).toBe(true);
    const sessionsBefore = store.sqlite.prepare(`SELECT count(*) FROM sessions`).pluck().get() as number;
    expect(sessionsBefore).toBe(1);
    const hash = await hashPassword('a-brand-new-pass-2');
    tx(() => resetUserPassword(store.sqlite, 'ana', hash, 'root'));
    expect(store.sqlite.prepare(`SELECT count(*) FROM sessions`).pluck().get()).toBe(0);
    expect(JSON.parse(lastAudit().details)).toEqual({ name: 'ana', sessions_ended: 1 });
    expect((await signIn(store.sqlite, { name: 'ana', password: 'ana-password-1', ip: '192.0.2.1' })).ok).toBe(false);
    expect((await signIn(store.sqlite, { name: 'ana', password: 'a-brand-new-pass-2', ip: '192.0.2.1' })).ok).toBe(true);
  });

  it('never leaves the installation without an admin, and an admin cannot lock themselves out', () => {
    expect(() => tx(() => setUserDisabled(store.sqlite, 'root', true, 'root'))).toThrow(InputError);
    expect(() => tx(() => setUserRole(store.sqlite, 'root', 'lead', 'root'))).toThrow(InputError);
    expect(() => tx(() => setUserRole(store.sqlite, 'root', 'lead', 'someone-else'))).toThrow(/last active admin/);
    expect(() => tx(() => setUserDisabled(store.sqlite, 'root', true, 'someone-else'))).toThrow(/last active admin/);
    tx(() => setUserRole(store.sqlite, 'ana', 'admin', 'root'));
    tx(() => setUserRole(store.sqlite, 'root', 'lead', 'ana'));
    expect(findUser(store.sqlite, 'root')!.role).toBe('lead');
  });
});
