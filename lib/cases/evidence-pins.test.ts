import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../errors';
import { seedAccountScore, seedRing } from '../../tools/testing/case-fixtures';
import { tempStore } from '../../tools/testing/temp-store';
import { ensureCase } from './ensure-case';
import { pinEvidence, pinnedEvidence, pinnedEvidenceText } from './evidence-pins';
import type { Actor } from '../auth/permissions';

const ana = { name: 'ana', role: 'analyst' as const };
const root = { name: 'root', role: 'admin' as const };

let store: Store;
let ringCase: string;
let accountCase: string;
beforeEach(() => {
  store = tempStore();
  seedRing(store.sqlite, 'ring_7', '2026-11-21', [{ kind: 'payment_fp', value: 'pm_9f', accounts: 2 }]);
  for (const id of ['acct_1', 'acct_2', 'acct_x']) seedAccountScore(store.sqlite, id, '2026-11-21', {});
  for (const id of ['acct_1', 'acct_2'])
    store.sqlite.prepare(`INSERT INTO ring_members (ring_id, as_of, account) SELECT 'ring_7', '2026-11-21', id FROM accounts WHERE account_id = ?`).run(id);
  let rid = 1;
  for (const [acct, req] of [['acct_1', 'req_a'], ['acct_1', 'req_b'], ['acct_x', 'req_x']])
    store.sqlite
      .prepare(`INSERT INTO prompts (account, ts, rid, request_id, template, flags, capability, model, chars, text) SELECT id, 0, ?, ?, 1, 1, 0, 1, 5, 'hello' FROM accounts WHERE account_id = ?`)
      .run(rid++, req, acct);
  ringCase = ensureCase(store.sqlite, { subjectKind: 'ring', subjectId: 'ring_7', score: 0.95, accounts: 2 }).caseId;
  accountCase = ensureCase(store.sqlite, { subjectKind: 'account', subjectId: 'acct_x', score: 0.9, accounts: 1 }).caseId;
});
afterEach(() => store.close());

const pin = (caseId: string, accountId: string, requestId: string, action: 'pin' | 'unpin' = 'pin', user: Actor = ana) =>
  pinEvidence(store.sqlite, { caseId, accountId, requestId, action, note: 'the clearest harvest', user });

describe('pinEvidence', () => {
  it('pins a member’s kept exchange to the ring’s case, in order, audited; unpinning is a new row', () => {
    pin(ringCase, 'acct_1', 'req_b');
    pin(ringCase, 'acct_1', 'req_a');
    expect(pinnedEvidence(store.sqlite, ringCase).map((p) => [p.requestId, p.pinnedBy, p.note])).toEqual([
      ['req_b', 'ana', 'the clearest harvest'],
      ['req_a', 'ana', 'the clearest harvest'],
    ]);
    expect(pinnedEvidenceText(store.sqlite, ringCase, 3).map((p) => [p.requestId, p.text, p.chars])).toEqual([
      ['req_b', 'hel', 5],
      ['req_a', 'hel', 5],
    ]);
    pin(ringCase, 'acct_1', 'req_b', 'unpin');
    expect(pinnedEvidence(store.sqlite, ringCase).map((p) => p.requestId)).toEqual(['req_a']);
    const actions = store.sqlite.prepare(`SELECT action FROM audit_log WHERE case_id = ? ORDER BY seq`).pluck().all(ringCase);
    expect(actions).toEqual(['case_opened', 'evidence_pinned', 'evidence_pinned', 'evidence_unpinned']);
    expect(store.sqlite.prepare(`SELECT count(*) FROM case_evidence_pins`).pluck().get()).toBe(3);
    expect(() => store.sqlite.prepare(`DELETE FROM case_evidence_pins`).run()).toThrow(/append-only/);
  });

  it('refuses an exchange outside the case, one not kept, a repeat, and a role that does not work cases', () => {
    expect(() => pin(ringCase, 'acct_x', 'req_x')).toThrow(InputError);
    expect(() => pin(accountCase, 'acct_1', 'req_a')).toThrow(InputError);
    expect(pin(accountCase, 'acct_x', 'req_x').pinned).toHaveLength(1);
    expect(() => pin(ringCase, 'acct_1', 'req_nope')).toThrow(NotFoundError);
    pin(ringCase, 'acct_1', 'req_a');
    expect(() => pin(ringCase, 'acct_1', 'req_a')).toThrow(ConflictError);
    expect(() => pin(ringCase, 'acct_1', 'req_b', 'unpin')).toThrow(ConflictError);
    expect(() => pin(ringCase, 'acct_1', 'req_b', 'pin', root)).toThrow(ForbiddenError);
  });
});
