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

  it('decides on the version given with --expected-version, and keeps a lead’s decision from an analyst', () => {
    // case_000002 is at version 1; a script that read it at version 1 decides, a second one that read the same version is refused.
    expect(run('decide', 'case_000002', 'confirm', '--reason', 'extraction account', '--user', 'lee', '--expected-version', '1').status).toBe(0);
    const stale = run('decide', 'case_000002', 'dismiss', '--reason', 'benign', '--user', 'lee', '--expected-version', '1');
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(/^distillwatch decide: case case_000002 was decided by lee at .*; reload\n$/);
    const analyst = run('decide', 'case_000002', 'dismiss', '--reason', 'benign', '--user', 'ana');
    expect(analyst.status).toBe(1);
    expect(analyst.stderr).toBe("distillwatch decide: ana (analyst) may not decide case_000002: lee (lead) decided it, and only a lead or legal may change a lead's or legal's decision\n");
    expect(run('decide', 'case_000002', 'dismiss', '--reason', 'benign after all', '--user', 'lee', '--expected-version', 'x').status).toBe(2);
    expect(run('decide', 'case_000002', 'dismiss', '--reason', 'benign after all', '--user', 'lee').status).toBe(0);
  });

  it('refuses unknown users, missing reasons and unknown actions', () => {
    expect(run('decide', 'case_000002', 'dismiss', '--reason', 'benign', '--user', 'nobody').stderr).toMatch(/no active user named nobody/);
    expect(run('decide', 'case_000002', 'dismiss', '--user', 'ana').status).toBe(2);
    expect(run('decide', 'case_000002', 'dismiss', '--reason', 'no', '--user', 'ana').stderr).toMatch(/reason of 3–2000 characters/);
    expect(run('decide', 'case_000002', 'delete', '--reason', 'gone', '--user', 'ana').status).toBe(2);
    expect(JSON.parse(run('cases', '--json', '--status', 'open').stdout).cases).toHaveLength(0);
  });
});

describe('distillwatch tokens', () => {
  it('creates a token for a user with a lifetime, lists it with its expiry, and revokes it by its id', () => {
    const created = run('tokens', 'create', '--user', 'ana', '--label', 'nightly export', '--days', '30', '--json');
    expect(created.status, created.stderr).toBe(0);
    const token = JSON.parse(created.stdout) as { token: string; id: string; created_at: string; expires_at: string; state: string };
    expect(token).toMatchObject({ state: 'active', id: expect.stringMatching(/^tok_[0-9a-f]{12}$/) });
    expect(Date.parse(token.expires_at) - Date.parse(token.created_at)).toBe(30 * 86_400_000);
    expect(JSON.parse(run('tokens', 'list', '--user', 'ana', '--json').stdout).tokens).toMatchObject([{ id: token.id, label: 'nightly export', owner: 'ana' }]);
    const revoked = run('tokens', 'revoke', token.id);
    expect(revoked.stdout).toBe(`revoked ${token.id} (ana: nightly export)\n`);
    expect(run('tokens', 'revoke', token.id).stderr).toMatch(/already revoked/);
    expect(run('tokens', 'create', '--user', 'ana', '--label', 'forever', '--days', '3650').stderr).toMatch(/a token lives 1–365 whole days/);
    const audit = store.sqlite.prepare(`SELECT actor, action FROM audit_log WHERE action LIKE 'api_token_%' ORDER BY seq`).all() as { actor: string; action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['api_token_created', 'api_token_revoked']);
    expect(audit[0].actor).toMatch(/^cli:/);
  });

  it('gives a token the scopes asked for, within what its user\'s role allows, and lists them', () => {
    expect(run('users', 'add', 'ops', '--role', 'admin', '--password', 'ops-password-1').status).toBe(0);
    const shipper = run('tokens', 'create', '--user', 'ops', '--label', 'log shipper', '--scopes', 'ingest', '--json');
    expect(shipper.status, shipper.stderr).toBe(0);
    expect(JSON.parse(shipper.stdout)).toMatchObject({ scopes: ['ingest'], owner: 'ops' });
    expect(run('tokens', 'list', '--user', 'ops').stdout).toMatch(/ops +ingest +expires/);
    const refused = run('tokens', 'create', '--user', 'ana', '--label', 'shipper', '--scopes', 'ingest,read');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/a token of ana \(analyst\) may not have the scope ingest \(allowed: read, write\)/);
    expect(run('tokens', 'create', '--user', 'ops', '--label', 'x', '--scopes', 'root').stderr).toMatch(/--scopes takes a comma-separated list of read, write, ingest \(not: root\)/);
    const last = store.sqlite.prepare(`SELECT details FROM audit_log WHERE action = 'api_token_created' ORDER BY seq DESC LIMIT 1`).pluck().get() as string;
    expect(JSON.parse(last)).toMatchObject({ label: 'log shipper', owner: 'ops', scopes: ['ingest'] });
  });
});
