import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { tempStore } from '../../tools/testing/temp-store';
import { ConflictError, ForbiddenError, InputError } from '../errors';
import { findCase } from './case-row';
import { decideCase } from './decide-case';
import { changeDisposition, currentDisposition, currentDispositions, dispositionsOf } from './dispositions';
import { ensureCase } from './ensure-case';

const ana = { name: 'ana', role: 'analyst' as const };
let store: Store;
let caseId: string;
const v = () => findCase(store.sqlite, caseId)!.version;

beforeEach(() => {
  store = tempStore('dw-triage-disposition-');
  caseId = ensureCase(store.sqlite, { subjectKind: 'account', subjectId: 'acct_1', score: 0.9, accounts: 1 }).caseId;
});
afterEach(() => store.close());

describe('dispositions', () => {
  it('come with the closing decision (its reason is the note), and a change of mind is a new row', () => {
    const r = decideCase(store.sqlite, { caseId, action: 'confirm', reason: 'card pool of a known reseller', user: ana, expectedVersion: 1, disposition: 'policy_referral' });
    expect(r.disposition).toBe('policy_referral');
    expect(currentDisposition(store.sqlite, caseId)).toMatchObject({ disposition: 'policy_referral', note: 'card pool of a known reseller', decisionId: r.decisionId, author: 'ana' });
    const decided = store.sqlite.prepare(`SELECT details FROM audit_log WHERE action = 'case_decided'`).get() as { details: string };
    expect(JSON.parse(decided.details)).toMatchObject({ disposition: 'policy_referral' });
    changeDisposition(store.sqlite, { caseId, disposition: 'confirmed_extraction', note: 'legal read the prompts', user: ana, expectedVersion: v() });
    expect(dispositionsOf(store.sqlite, caseId).map((d) => d.disposition)).toEqual(['policy_referral', 'confirmed_extraction']);
    expect(currentDispositions(store.sqlite, [caseId, 'case_x'])).toEqual(new Map([[caseId, 'confirmed_extraction']]));
    expect(() => store.sqlite.prepare(`UPDATE case_dispositions SET note = 'x'`).run()).toThrow(/append-only/);
  });

  it('default by action where the caller gave none (the command line), and an escalation records none', () => {
    expect(() => decideCase(store.sqlite, { caseId, action: 'escalate', reason: 'for legal', user: ana, expectedVersion: 1, disposition: 'false_positive' })).toThrow(InputError);
    decideCase(store.sqlite, { caseId, action: 'escalate', reason: 'for legal', user: ana, expectedVersion: 1 });
    expect(currentDisposition(store.sqlite, caseId)).toBeNull();
    decideCase(store.sqlite, { caseId, action: 'dismiss', reason: 'benign', user: { name: 'lee', role: 'lead' }, expectedVersion: v() });
    expect(currentDisposition(store.sqlite, caseId)?.disposition).toBe('false_positive');
  });

  it('refuses a change on an open case, the same disposition, a bad one, no note, a stale version and admins', () => {
    const change = (over: Partial<Parameters<typeof changeDisposition>[1]>) => () =>
      changeDisposition(store.sqlite, { caseId, disposition: 'false_positive', note: 'benign after all', user: ana, expectedVersion: v(), ...over });
    expect(change({})).toThrow(/belongs to a closed case/);
    decideCase(store.sqlite, { caseId, action: 'dismiss', reason: 'benign', user: ana, expectedVersion: 1, disposition: 'false_positive' });
    expect(change({})).toThrow(ConflictError);
    expect(change({ disposition: 'guilty' })).toThrow(InputError);
    expect(change({ disposition: 'policy_referral', note: '' })).toThrow(InputError);
    expect(change({ disposition: 'policy_referral', expectedVersion: 1 })).toThrow(ConflictError);
    expect(change({ disposition: 'policy_referral', user: { name: 'root', role: 'admin' } })).toThrow(ForbiddenError);
    expect(dispositionsOf(store.sqlite, caseId)).toHaveLength(1);
  });
});
