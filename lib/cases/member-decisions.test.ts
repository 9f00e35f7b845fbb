import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { ConflictError, ForbiddenError, InputError } from '../errors';
import { seedAccountScore, seedRing } from '../../tools/testing/case-fixtures';
import { tempStore } from '../../tools/testing/temp-store';
import { verifyAuditTrail } from '../audit/verify-trail';
import type { Actor } from '../auth/permissions';
import { findCase } from './case-row';
import { decideCase } from './decide-case';
import { ensureCase } from './ensure-case';
import { decideMembers, excludedMembers, memberDecisions } from './member-decisions';

const ana = { name: 'ana', role: 'analyst' as const };
const lee = { name: 'lee', role: 'lead' as const };
const root = { name: 'root', role: 'admin' as const };

let store: Store;
let ringCase: string;
let accountCase: string;
beforeEach(() => {
  store = tempStore();
  seedRing(store.sqlite, 'ring_7', '2026-11-21', [{ kind: 'payment_fp', value: 'pm_9f', accounts: 3 }]);
  for (const id of ['acct_1', 'acct_2', 'acct_3', 'acct_x']) seedAccountScore(store.sqlite, id, '2026-11-21', {});
  for (const id of ['acct_1', 'acct_2', 'acct_3'])
    store.sqlite.prepare(`INSERT INTO ring_members (ring_id, as_of, account) SELECT 'ring_7', '2026-11-21', id FROM accounts WHERE account_id = ?`).run(id);
  ringCase = ensureCase(store.sqlite, { subjectKind: 'ring', subjectId: 'ring_7', score: 0.95, accounts: 3 }).caseId;
  accountCase = ensureCase(store.sqlite, { subjectKind: 'account', subjectId: 'acct_x', score: 0.9, accounts: 1 }).caseId;
});
afterEach(() => store.close());

const version = (caseId: string) => findCase(store.sqlite, caseId)!.version;
const members = (action: 'exclude' | 'reinstate', accountIds: string[], user: Actor = ana, extra: { reason?: string; expectedVersion?: number } = {}) =>
  decideMembers(store.sqlite, { caseId: ringCase, action, accountIds, reason: extra.reason ?? 'staff of a customer', user, expectedVersion: extra.expectedVersion ?? version(ringCase) });

describe('decideMembers', () => {
  it('excludes members with a reason, bumps the version and audits who, whom and why', () => {
    const before = version(ringCase);
    const { case: row, changed } = members('exclude', ['acct_2', 'acct_1', 'acct_2']);
    expect(changed).toEqual(['acct_2', 'acct_1']);
    expect(row.version).toBe(before + 1);
    expect(excludedMembers(store.sqlite, ringCase).map((m) => [m.accountId, m.reason, m.author])).toEqual([
      ['acct_1', 'staff of a customer', 'ana'],
      ['acct_2', 'staff of a customer', 'ana'],
    ]);
    const entry = store.sqlite.prepare(`SELECT actor, action, case_id AS caseId, details FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as { actor: string; action: string; caseId: string; details: string };
    expect(entry).toMatchObject({ actor: 'ana', action: 'case_members_excluded', caseId: ringCase });
    expect(JSON.parse(entry.details)).toMatchObject({ accounts: ['acct_2', 'acct_1'], reason: 'staff of a customer', ring_size: 3, excluded_after: 2 });
    const trail = verifyAuditTrail(store.sqlite);
    expect(trail.problems ?? [], JSON.stringify(trail)).toEqual([]);
    expect(trail.ok).toBe(true);
  });

  it('never overwrites: reinstating is a new row, and the history keeps both', () => {
    members('exclude', ['acct_1']);
    members('reinstate', ['acct_1'], lee, { reason: 'shares the card after all' });
    expect(excludedMembers(store.sqlite, ringCase)).toEqual([]);
    expect(memberDecisions(store.sqlite, ringCase).map((d) => [d.accountId, d.action, d.author])).toEqual([
      ['acct_1', 'exclude', 'ana'],
      ['acct_1', 'reinstate', 'lee'],
    ]);
    expect(() => store.sqlite.prepare(`UPDATE case_member_decisions SET reason = 'x'`).run()).toThrow(/append-only/);
    expect(() => store.sqlite.prepare(`DELETE FROM case_member_decisions`).run()).toThrow(/append-only/);
  });

  it('refuses what is not a member, an account case, a stale version, a repeat, no reason, and roles that may not decide', () => {
    expect(() => members('exclude', ['acct_x'])).toThrow(InputError);
    expect(() => members('exclude', [])).toThrow(InputError);
    expect(() => members('exclude', ['acct_1'], ana, { reason: ' ' })).toThrow(InputError);
    expect(() => decideMembers(store.sqlite, { caseId: accountCase, action: 'exclude', accountIds: ['acct_x'], reason: 'nope nope', user: ana, expectedVersion: version(accountCase) })).toThrow(
      /only a ring's case/,
    );
    const stale = version(ringCase);
    members('exclude', ['acct_3']);
    expect(() => members('exclude', ['acct_1'], ana, { expectedVersion: stale })).toThrow(ConflictError);
    expect(() => members('exclude', ['acct_3'])).toThrow(/already excluded/);
    expect(() => members('reinstate', ['acct_1'])).toThrow(/already in the case/);
    expect(() => members('exclude', ['acct_1'], root)).toThrow(ForbiddenError);
    // Once escalated, only leads and legal change its members.
    decideCase(store.sqlite, { caseId: ringCase, action: 'escalate', reason: 'for legal', user: ana, expectedVersion: version(ringCase) });
    expect(() => members('exclude', ['acct_1'], ana)).toThrow(ForbiddenError);
    expect(members('exclude', ['acct_1'], lee).changed).toEqual(['acct_1']);
  });
});
