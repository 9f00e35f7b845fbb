/** `users add`, `decide` and `cases` through the real executable on a temporary store. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../db/client';
import { verifyAuditChain } from '../../audit/chain';
import { allAuditEntries } from '../../audit/queries';
import { verifyPassword } from '../../auth/password';
import { ensureCase } from '../../cases/ensure-case';
import { tempStore } from '../../../tools/testing/temp-store';

const cli = path.resolve(__dirname, '..', '..', '..', 'bin', 'distillwatch.mjs');
let store: Store;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args, '--db', store.path], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  store = tempStore('dw-cli-');
  ensureCase(store.sqlite, { subjectKind: 'ring', subjectId: 'ring_7', score: 0.97, accounts: 212 });
  ensureCase(store.sqlite, { subjectKind: 'account', subjectId: 'acct_9', score: 0.91, accounts: 1 });
});
afterAll(() => store.close());

describe('distillwatch users add', () => {
  it('creates a user with the given password', async () => {
    const r = run('users', 'add', 'ana', '--role', 'analyst', '--password', 'ana-password-1');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('created analyst ana\n');
    const { password_hash } = store.sqlite.prepare(`SELECT password_hash FROM users WHERE name = 'ana'`).get() as { password_hash: string };
    expect(await verifyPassword('ana-password-1', password_hash)).toBe(true);
  });

  it('generates and prints a password when none is given', async () => {
    const r = run('users', 'add', 'lee', '--role', 'lead');
    expect(r.status).toBe(0);
    const password = /^password: (\S+)$/m.exec(r.stdout)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    const { password_hash } = store.sqlite.prepare(`SELECT password_hash FROM users WHERE name = 'lee'`).get() as { password_hash: string };
    expect(await verifyPassword(password, password_hash)).toBe(true);
  });

  it('refuses duplicates, bad names and bad roles with a one-line reason', () => {
    for (const args of [
      ['ana', '--role', 'analyst'],
      ['Ana Smith', '--role', 'analyst'],
      ['bo', '--role', 'boss'],
      ['bo', '--role', 'analyst', '--password', 'short'],
    ]) {
      const r = run('users', 'add', ...args);
      expect(r.status).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('distillwatch decide and cases', () => {
  it('lists cases exactly as the contract says', () => {
    const r = run('cases', '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      cases: [
        { case_id: 'case_000002', status: 'open', subject: { kind: 'account', id: 'acct_9' }, accounts: 1 },
        { case_id: 'case_000001', status: 'open', subject: { kind: 'ring', id: 'ring_7' }, accounts: 212 },
      ],
    });
  });

  it('records a decision by a named user, with the audit trail', () => {
    const r = run('decide', 'case_000001', 'escalate', '--reason', 'shares cards with ring 3', '--user', 'ana');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('case_000001: escalated by ana\n');
    const entry = store.sqlite.prepare(`SELECT actor, action, details FROM audit_log WHERE action = 'case_decided'`).get() as { actor: string; details: string };
    expect(entry.actor).toBe('ana');
    expect(JSON.parse(entry.details)).toMatchObject({ action: 'escalate', reason: 'shares cards with ring 3' });
    expect(JSON.parse(run('cases', '--json', '--status', 'escalated').stdout).cases.map((c: { case_id: string }) => c.case_id)).toEqual(['case_000001']);
  });

  it('applies the dashboard’s rules: an analyst cannot decide an escalated case, and the refusal is audited', () => {
    const r = run('decide', 'case_000001', 'confirm', '--reason', 'confirmed', '--user', 'ana');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^distillwatch decide: ana \(analyst\) may not decide case_000001: escalated cases are decided by a lead or legal\n$/);
    const denied = store.sqlite.prepare(`SELECT actor, details FROM audit_log WHERE action = 'access_denied'`).get() as { actor: string; details: string };
    expect(denied.actor).toBe('ana');
    expect(JSON.parse(denied.details)).toEqual({ permission: 'decide_escalated', via: 'cli decide' });
    expect(run('decide', 'case_000001', 'confirm', '--reason', 'confirmed by lead', '--user', 'lee').status).toBe(0);
    expect(verifyAuditChain(allAuditEntries(store.sqlite))).toBeNull();
  });

  it('refuses unknown users, missing reasons and unknown actions', () => {
    expect(run('decide', 'case_000002', 'dismiss', '--reason', 'benign', '--user', 'nobody').stderr).toMatch(/no active user named nobody/);
    expect(run('decide', 'case_000002', 'dismiss', '--user', 'ana').status).toBe(2);
    expect(run('decide', 'case_000002', 'dismiss', '--reason', 'no', '--user', 'ana').stderr).toMatch(/reason of 3–2000 characters/);
    expect(run('decide', 'case_000002', 'delete', '--reason', 'gone', '--user', 'ana').status).toBe(2);
    expect(JSON.parse(run('cases', '--json', '--status', 'open').stdout).cases).toHaveLength(1);
  });
});
