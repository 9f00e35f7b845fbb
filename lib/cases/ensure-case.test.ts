import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { tempStore } from '../../tools/testing/temp-store';
import { decideLatest } from '../../tools/testing/decide-latest';
import { ensureCase } from './ensure-case';
import { findCase } from './case-row';

let store: Store;
beforeEach(() => (store = tempStore()));
afterEach(() => store.close());

const ring = (score = 0.9, accounts = 12) => ({ subjectKind: 'ring' as const, subjectId: 'ring_7', score, accounts });

describe('ensureCase', () => {
  it('opens one case per subject and finds it again', () => {
    const first = ensureCase(store.sqlite, ring());
    expect(first).toEqual({ caseId: 'case_000001', created: true, status: 'open' });
    expect(ensureCase(store.sqlite, ring())).toEqual({ caseId: 'case_000001', created: false, status: 'open' });
    expect(ensureCase(store.sqlite, { subjectKind: 'account', subjectId: 'ring_7', score: 0.8, accounts: 1 }).caseId).toBe('case_000002');
    expect((store.sqlite.prepare(`SELECT count(*) AS n FROM cases`).get() as { n: number }).n).toBe(2);
    const opened = store.sqlite.prepare(`SELECT actor, action, case_id FROM audit_log`).all();
    expect(opened).toEqual([
      { actor: 'detect', action: 'case_opened', case_id: 'case_000001' },
      { actor: 'detect', action: 'case_opened', case_id: 'case_000002' },
    ]);
  });

  it('keeps an undecided case’s score current without changing its version', () => {
    ensureCase(store.sqlite, ring(0.9, 12));
    ensureCase(store.sqlite, ring(0.97, 40));
    expect(findCase(store.sqlite, 'case_000001')).toMatchObject({ score: 0.97, accounts: 40, version: 1 });
  });

  it('never reopens or duplicates a decided case', () => {
    ensureCase(store.sqlite, ring(0.9, 12));
    decideLatest(store.sqlite, { caseId: 'case_000001', action: 'dismiss', reason: 'benchmark team', user: { name: 'ana', role: 'analyst' } });
    expect(ensureCase(store.sqlite, ring(0.99, 50))).toEqual({ caseId: 'case_000001', created: false, status: 'dismissed' });
    expect(findCase(store.sqlite, 'case_000001')).toMatchObject({ status: 'dismissed', score: 0.9, accounts: 12 });
  });
});
