import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../errors';
import { seedAccountScore, seedRing } from '../../tools/testing/case-fixtures';
import { tempStore } from '../../tools/testing/temp-store';
import { addNote } from './add-note';
import { assignCase } from './assign-case';
import { findCase } from './case-row';
import { decideCase } from './decide-case';
import { ensureCase } from './ensure-case';
import { getCase } from './queries';
import { verifyAuditChain } from '../audit/chain';
import type { Actor } from '../auth/permissions';
import { createUser } from '../auth/users';

const ana = { name: 'ana', role: 'analyst' as const };
const lee = { name: 'lee', role: 'lead' as const };
const lex = { name: 'lex', role: 'legal' as const };
const root = { name: 'root', role: 'admin' as const };

let store: Store;
let ringCase: string;
let accountCase: string;
beforeEach(() => {
  store = tempStore();
  seedRing(store.sqlite, 'ring_7', '2026-11-20', [{ kind: 'payment_fp', value: 'pm_old', accounts: 3 }]);
  seedRing(store.sqlite, 'ring_7', '2026-11-21', [
    { kind: 'payment_fp', value: 'pm_9f', accounts: 12 },
    { kind: 'subnet', value: '203.0.113.0/24', accounts: 9 },
  ]);
  seedAccountScore(store.sqlite, 'acct_1', '2026-11-20', { cot_share: 0.2 });
  seedAccountScore(store.sqlite, 'acct_1', '2026-11-21', { cot_share: 0.82 });
  ringCase = ensureCase(store.sqlite, { subjectKind: 'ring', subjectId: 'ring_7', score: 0.95, accounts: 12 }).caseId;
  accountCase = ensureCase(store.sqlite, { subjectKind: 'account', subjectId: 'acct_1', score: 0.88, accounts: 1 }).caseId;
});
afterEach(() => store.close());

const decide = (caseId: string, action: 'confirm' | 'dismiss' | 'escalate', user: Actor = ana, extra: { reason?: string; expectedVersion?: number } = {}) =>
  decideCase(store.sqlite, { caseId, action, reason: extra.reason ?? `because ${action}`, user, expectedVersion: extra.expectedVersion ?? findCase(store.sqlite, caseId)?.version ?? 1, now: Date.now() });
const count = (sql: string) => (store.sqlite.prepare(sql).get() as { n: number }).n;

describe('decideCase', () => {
  it('records the decision, moves the case and writes the audit entry', () => {
    const { case: row, decisionId } = decide(ringCase, 'confirm');
    expect(row).toMatchObject({ status: 'confirmed', assignee: 'ana', version: 2 });
    const detail = getCase(store.sqlite, ringCase)!;
    expect(detail.decisions).toMatchObject([{ id: decisionId, action: 'confirm', reason: 'because confirm', author: 'ana' }]);
    const entry = detail.audit.at(-1)!;
    expect(entry).toMatchObject({ actor: 'ana', action: 'case_decided', subjectKind: 'ring', subjectId: 'ring_7' });
    expect(JSON.parse(entry.details)).toMatchObject({ action: 'confirm', from: 'open', to: 'confirmed', reason: 'because confirm' });
    expect(verifyAuditChain(detail.audit)).toBeNull();
  });

  it('requires a reason of 3 to 2000 characters', () => {
    for (const reason of ['', '  ', 'ok', 'x'.repeat(2001)]) {
      expect(() => decide(ringCase, 'confirm', ana, { reason })).toThrow(InputError);
    }
    expect(findCase(store.sqlite, ringCase)?.status).toBe('open');
    expect(count(`SELECT count(*) AS n FROM decisions`)).toBe(0);
  });

  it('refuses unknown cases and admins', () => {
    expect(() => decide('case_999999', 'confirm')).toThrow(NotFoundError);
    expect(() => decide(ringCase, 'confirm', root)).toThrow(ForbiddenError);
  });

  it('lets only a lead or legal decide an escalated case, then and later', () => {
    decide(ringCase, 'escalate');
    expect(() => decide(ringCase, 'confirm')).toThrow(/escalated cases are decided by a lead or legal/);
    expect(decide(ringCase, 'confirm', lee).case.status).toBe('confirmed');
    // Once escalated, an analyst cannot undo the lead's decision either.
    expect(() => decide(ringCase, 'dismiss')).toThrow(ForbiddenError);
    expect(decide(ringCase, 'dismiss', lex).case.status).toBe('dismissed');
  });

  it('keeps a lead’s or legal’s decision theirs: an analyst cannot reverse it, a lead or legal can', () => {
    decide(ringCase, 'confirm', lee);
    let refused: Error | undefined;
    try {
      decide(ringCase, 'dismiss', ana);
    } catch (err) {
      refused = err as Error;
    }
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect(refused?.message).toBe(`ana (analyst) may not decide ${ringCase}: lee (lead) decided it, and only a lead or legal may change a lead's or legal's decision`);
    // Nothing of the refused dismissal landed: no row, no known-good listing.
    expect(findCase(store.sqlite, ringCase)).toMatchObject({ status: 'confirmed', version: 2 });
    expect(count(`SELECT count(*) AS n FROM known_good`)).toBe(0);
    expect(() => decide(ringCase, 'escalate', ana)).toThrow(ForbiddenError);
    expect(decide(ringCase, 'dismiss', lex).case).toMatchObject({ status: 'dismissed', assignee: 'lex' });
    expect(getCase(store.sqlite, ringCase)!.decisions.map((d) => [d.author, d.role])).toEqual([
      ['lee', 'lead'],
      ['lex', 'legal'],
    ]);
    // An analyst's decision is anyone's to revisit.
    decide(accountCase, 'dismiss', ana);
    expect(decide(accountCase, 'confirm', ana).case.status).toBe('confirmed');
  });

  it('requires the version the decision was made on', () => {
    const noVersion = { caseId: ringCase, action: 'confirm' as const, reason: 'shared cards', user: ana } as unknown as Parameters<typeof decideCase>[1];
    expect(() => decideCase(store.sqlite, noVersion)).toThrow(/expectedVersion .* is required/);
    expect(count(`SELECT count(*) AS n FROM decisions`)).toBe(0);
  });

  it('does not list an account as known-good while a decision on its ring disagrees', () => {
    store.sqlite.prepare(`INSERT INTO ring_members (ring_id, as_of, account) SELECT 'ring_7', '2026-11-21', id FROM accounts WHERE account_id = 'acct_1'`).run();
    decide(ringCase, 'confirm', lee);
    const dismissed = decide(accountCase, 'dismiss', ana);
    expect(dismissed.case.status).toBe('dismissed');
    expect(count(`SELECT count(*) AS n FROM known_good`)).toBe(0);
    expect(JSON.parse(getCase(store.sqlite, accountCase)!.audit.at(-1)!.details)).toMatchObject({ known_good: false, known_good_held_by: ringCase });
    // Once the ring's case no longer stands confirmed, a dismissal lists the account again.
    decide(ringCase, 'dismiss', lee);
    decide(accountCase, 'confirm', ana);
    decide(accountCase, 'dismiss', ana);
    expect(store.sqlite.prepare(`SELECT subject_id FROM known_good WHERE subject_kind = 'account'`).pluck().all()).toEqual(['acct_1']);
  });

  it('records a change of mind as a new row, never an edit', () => {
    decide(accountCase, 'dismiss');
    decide(accountCase, 'confirm');
    const rows = getCase(store.sqlite, accountCase)!.decisions.map((d) => d.action);
    expect(rows).toEqual(['dismiss', 'confirm']);
    expect(findCase(store.sqlite, accountCase)).toMatchObject({ status: 'confirmed', version: 3 });
    expect(() => store.sqlite.prepare(`UPDATE decisions SET reason = 'x'`).run()).toThrow(/append-only/);
  });

  it('refuses to repeat the current status', () => {
    decide(ringCase, 'confirm');
    expect(() => decide(ringCase, 'confirm')).toThrow(ConflictError);
  });

  it('refuses a decision on a version someone else already changed, and says who', () => {
    decide(ringCase, 'confirm', ana, { expectedVersion: 1 });
    let error: Error | undefined;
    try {
      decide(ringCase, 'dismiss', lee, { expectedVersion: 1 });
    } catch (err) {
      error = err as Error;
    }
    expect(error).toBeInstanceOf(ConflictError);
    expect(error?.message).toMatch(/^case case_000001 was decided by ana at \d{4}-\d\d-\d\dT.*; reload$/);
    expect(findCase(store.sqlite, ringCase)).toMatchObject({ status: 'confirmed', version: 2 });
    expect(count(`SELECT count(*) AS n FROM decisions`)).toBe(1);
  });

  it('puts a dismissed subject on the known-good list with its latest features', () => {
    decide(accountCase, 'dismiss');
    const row = store.sqlite.prepare(`SELECT * FROM known_good`).get() as Record<string, unknown>;
    expect(row).toMatchObject({ subject_kind: 'account', subject_id: 'acct_1', case_id: accountCase, score: 0.88 });
    expect(JSON.parse(row.baseline as string)).toEqual({ score: 0.88, accounts: 1, features: { cot_share: 0.82 } });
    // Changing one's mind takes it back.
    decide(accountCase, 'confirm');
    expect(count(`SELECT count(*) AS n FROM known_good`)).toBe(0);
  });

  it('puts a confirmed ring’s shared identifiers on the known-bad list', () => {
    decide(ringCase, 'confirm');
    const bad = store.sqlite.prepare(`SELECT kind, value, case_id FROM known_bad ORDER BY kind`).all();
    expect(bad).toEqual([
      { kind: 'payment_fp', value: 'pm_9f', case_id: ringCase },
      { kind: 'subnet', value: '203.0.113.0/24', case_id: ringCase },
    ]);
    decide(ringCase, 'dismiss');
    expect(count(`SELECT count(*) AS n FROM known_bad`)).toBe(0);
    expect(count(`SELECT count(*) AS n FROM known_good`)).toBe(1);
  });
});

describe('notes and assignment', () => {
  it('adds notes without changing the case version', () => {
    const note = addNote(store.sqlite, { caseId: ringCase, body: '  same card as ring 3  ', user: ana });
    expect(note).toMatchObject({ author: 'ana', body: 'same card as ring 3' });
    expect(findCase(store.sqlite, ringCase)?.version).toBe(1);
    expect(() => addNote(store.sqlite, { caseId: ringCase, body: ' ', user: ana })).toThrow(InputError);
    expect(() => addNote(store.sqlite, { caseId: ringCase, body: 'hi', user: root })).toThrow(ForbiddenError);
    expect(getCase(store.sqlite, ringCase)!.audit.at(-1)).toMatchObject({ action: 'note_added', actor: 'ana' });
  });

  it('assigns to users who work cases, with version checks', async () => {
    await createUser(store.sqlite, { name: 'lee', role: 'lead', password: 'lee-password-1' });
    await createUser(store.sqlite, { name: 'root', role: 'admin', password: 'root-password-1' });
    expect(assignCase(store.sqlite, { caseId: ringCase, assignee: 'lee', user: ana, expectedVersion: 1 })).toMatchObject({ assignee: 'lee', version: 2 });
    expect(() => assignCase(store.sqlite, { caseId: ringCase, assignee: 'root', user: ana })).toThrow(InputError);
    expect(() => assignCase(store.sqlite, { caseId: ringCase, assignee: null, user: ana, expectedVersion: 1 })).toThrow(
      /was assigned to lee by ana at .*; reload/,
    );
    expect(() => decide(ringCase, 'confirm', ana, { expectedVersion: 1 })).toThrow(ConflictError);
  });
});
