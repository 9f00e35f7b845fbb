/** Picking a ring case's members by an identifier they share: only the case's members now, every one of them that uses it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { seedAccountScore, seedRingCase } from '../../tools/testing/case-fixtures';
import { tempStore } from '../../tools/testing/temp-store';
import { InputError, NotFoundError } from '../errors';
import { mergeCases, splitCase } from './case-lineage';
import { findCase } from './case-row';
import { ensureCase } from './ensure-case';
import { membersSharing } from './members-sharing';

const ana = { name: 'ana', role: 'analyst' as const };
let store: Store;
let caseA: string;
let caseB: string;

const ring = (id: string, members: string[]) => seedRingCase(store.sqlite, id, members);

function uses(accountId: string, kind: string, value: string) {
  store.sqlite.prepare(`INSERT INTO account_identifiers (account, kind, value, events) SELECT id, ?, ?, 1 FROM accounts WHERE account_id = ?`).run(kind, value, accountId);
}

beforeEach(() => {
  store = tempStore('dw-members-sharing-');
  caseA = ring('ring_a', ['a1', 'a2', 'a3', 'a4', 'a5']);
  caseB = ring('ring_b', ['b1', 'b2']);
  seedAccountScore(store.sqlite, 'x1', '2026-11-21', {});
  // Card pm_shared: three of ring A's members, one of ring B's, and an account in no ring.
  for (const a of ['a1', 'a3', 'a5', 'b1', 'x1']) uses(a, 'payment_fp', 'pm_shared');
  uses('a2', 'subnet', '10.0.0.0/24');
});
afterEach(() => store.close());

const v = (id: string) => findCase(store.sqlite, id)!.version;

describe('membersSharing', () => {
  it('gives the case’s members that use the identifier, and no one else', () => {
    expect(membersSharing(store.sqlite, caseA, 'payment_fp', 'pm_shared')).toEqual({ kind: 'payment_fp', value: 'pm_shared', accountIds: ['a1', 'a3', 'a5'], members: 5 });
    expect(membersSharing(store.sqlite, caseA, 'subnet', '10.0.0.0/24').accountIds).toEqual(['a2']);
    expect(membersSharing(store.sqlite, caseA, 'ip', '1.2.3.4').accountIds).toEqual([]);
  });

  it('follows the case’s membership: members split off leave, members merged in join', () => {
    splitCase(store.sqlite, { caseId: caseA, accountIds: ['a3'], reason: 'a separate reseller', user: ana, expectedVersion: v(caseA) });
    expect(membersSharing(store.sqlite, caseA, 'payment_fp', 'pm_shared').accountIds).toEqual(['a1', 'a5']);
    mergeCases(store.sqlite, { caseId: caseA, absorbedCaseId: caseB, reason: 'one operator runs both', user: ana, expectedVersion: v(caseA), absorbedVersion: v(caseB) });
    expect(membersSharing(store.sqlite, caseA, 'payment_fp', 'pm_shared')).toMatchObject({ accountIds: ['a1', 'a5', 'b1'], members: 6 });
  });

  it('refuses an account’s case and an unknown case', () => {
    const accountCase = ensureCase(store.sqlite, { subjectKind: 'account', subjectId: 'x1', score: 0.9, accounts: 1 }).caseId;
    expect(() => membersSharing(store.sqlite, accountCase, 'payment_fp', 'pm_shared')).toThrow(InputError);
    expect(() => membersSharing(store.sqlite, 'case_999999', 'payment_fp', 'pm_shared')).toThrow(NotFoundError);
  });
});
