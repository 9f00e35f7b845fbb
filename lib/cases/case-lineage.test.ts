import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { ConflictError, ForbiddenError, InputError } from '../errors';
import { seedAccountScore, seedRingCase } from '../../tools/testing/case-fixtures';
import { tempStore } from '../../tools/testing/temp-store';
import { verifyAuditTrail } from '../audit/verify-trail';
import type { Actor } from '../auth/permissions';
import { caseMembers, lineageOf, mergeCases, mergedInto, splitCase } from './case-lineage';
import { findCase, loadCase } from './case-row';
import { decideCase } from './decide-case';
import { ensureCase } from './ensure-case';
import { decideMembers, excludedMembers } from './member-decisions';
import { caseDecisions } from './queries';

const ana = { name: 'ana', role: 'analyst' as const };
const lee = { name: 'lee', role: 'lead' as const };
const root = { name: 'root', role: 'admin' as const };

let store: Store;
let ringA: string;
let ringB: string;
let accountCase: string;

const ring = (id: string, members: string[]) => seedRingCase(store.sqlite, id, members);

beforeEach(() => {
  store = tempStore('dw-triage-lineage-');
  ringA = ring('ring_a', ['a1', 'a2', 'a3', 'a4']);
  ringB = ring('ring_b', ['b1', 'b2']);
  seedAccountScore(store.sqlite, 'x1', '2026-11-21', {});
  accountCase = ensureCase(store.sqlite, { subjectKind: 'account', subjectId: 'x1', score: 0.9, accounts: 1 }).caseId;
});
afterEach(() => store.close());

const v = (id: string) => findCase(store.sqlite, id)!.version;
const split = (ids: string[], extra: { reason?: string; user?: Actor; version?: number; caseId?: string } = {}) =>
  splitCase(store.sqlite, { caseId: extra.caseId ?? ringA, accountIds: ids, reason: extra.reason ?? 'a separate reseller', user: extra.user ?? ana, expectedVersion: extra.version ?? v(extra.caseId ?? ringA) });

describe('splitCase', () => {
  it('moves members into a new case, bumps the original, keeps its decisions, and both say where the members went', () => {
    decideMembers(store.sqlite, { caseId: ringA, action: 'exclude', accountIds: ['a4'], reason: 'a staff account', user: ana, expectedVersion: v(ringA) });
    decideCase(store.sqlite, { caseId: ringA, action: 'escalate', reason: 'needs a lead', user: lee, expectedVersion: v(ringA) });
    const before = v(ringA);
    const decisionsBefore = caseDecisions(store.sqlite, ringA);
    const { from, to, accounts } = split(['a2', 'a1'], { user: lee });
    expect(accounts).toEqual(['a2', 'a1']);
    expect(from.version).toBe(before + 1);
    expect(to).toMatchObject({ subjectKind: 'ring', subjectId: 'ring_a.s1', status: 'open', accounts: 2, version: 1 });
    expect(to.id).not.toBe(ringA);
    expect(caseMembers(store.sqlite, from)).toEqual(['a3', 'a4']);
    expect(caseMembers(store.sqlite, to)).toEqual(['a1', 'a2']);
    // Decisions and exclusions stay on the original; the new case has none.
    expect(caseDecisions(store.sqlite, ringA)).toEqual(decisionsBefore);
    expect(excludedMembers(store.sqlite, ringA).map((m) => m.accountId)).toEqual(['a4']);
    expect(caseDecisions(store.sqlite, to.id)).toEqual([]);
    expect(lineageOf(store.sqlite, ringA)).toEqual(lineageOf(store.sqlite, to.id));
    expect(lineageOf(store.sqlite, to.id)[0]).toMatchObject({ kind: 'split', fromCase: ringA, toCase: to.id, fromRing: 'ring_a', accounts: ['a2', 'a1'], author: 'lee' });
    const audit = store.sqlite.prepare(`SELECT case_id AS caseId, action, details FROM audit_log WHERE seq > 4 ORDER BY seq`).all() as { caseId: string; action: string; details: string }[];
    expect(audit.slice(-2).map((a) => [a.caseId, a.action])).toEqual([[ringA, 'case_split'], [to.id, 'case_opened']]);
    expect(JSON.parse(audit.at(-1)!.details)).toMatchObject({ split_from: ringA, accounts: ['a2', 'a1'] });
    expect(JSON.parse(audit.at(-2)!.details)).toMatchObject({ to_case: to.id, accounts: ['a2', 'a1'], reason: 'a separate reseller', members_after: 2 });
    const trail = verifyAuditTrail(store.sqlite);
    expect(trail.problems ?? [], JSON.stringify(trail)).toEqual([]);
    // A second split numbers the next sub-ring; the lineage refuses edits.
    expect(split(['a3'], { user: lee }).to.subjectId).toBe('ring_a.s2');
    expect(() => store.sqlite.prepare(`DELETE FROM case_lineage`).run()).toThrow(/append-only/);
  });

  it('refuses non-members, everyone, nobody, no reason, a stale version, an account case, and roles that may not decide — changing nothing', () => {
    const count = () => (store.sqlite.prepare(`SELECT count(*) AS n FROM cases`).get() as { n: number }).n;
    const cases = count();
    expect(() => split(['b1'])).toThrow(InputError);
    expect(() => split(['a1', 'a2', 'a3', 'a4'])).toThrow(/at least one member/);
    expect(() => split([])).toThrow(InputError);
    expect(() => split(['a1'], { reason: ' ' })).toThrow(InputError);
    expect(() => split(['a1'], { version: v(ringA) + 5 })).toThrow(ConflictError);
    expect(() => split(['x1'], { caseId: accountCase })).toThrow(/one account/);
    expect(() => split(['a1'], { user: root })).toThrow(ForbiddenError);
    expect(count()).toBe(cases);
    expect(lineageOf(store.sqlite, ringA)).toEqual([]);
    expect(v(ringA)).toBe(1);
  });
});

describe('mergeCases', () => {
  const merge = (extra: { user?: Actor; reason?: string; into?: string; absorbed?: string } = {}) =>
    mergeCases(store.sqlite, {
      caseId: extra.into ?? ringA,
      absorbedCaseId: extra.absorbed ?? ringB,
      reason: extra.reason ?? 'same operator: one card pool',
      user: extra.user ?? ana,
      expectedVersion: v(extra.into ?? ringA),
      absorbedVersion: v(extra.absorbed ?? ringB),
    });

  it('closes the absorbed case as merged into the survivor, which lists both rings; history is kept', () => {
    decideCase(store.sqlite, { caseId: ringB, action: 'escalate', reason: 'for a lead', user: ana, expectedVersion: 1 });
    const [va, vb] = [v(ringA), v(ringB)];
    const { into, absorbed, accounts } = merge({ user: lee });
    expect(accounts).toEqual(['b1', 'b2']);
    expect(into.version).toBe(va + 1);
    expect(absorbed).toMatchObject({ status: 'merged', version: vb + 1 });
    expect(mergedInto(store.sqlite, ringB)).toBe(ringA);
    expect(caseMembers(store.sqlite, into)).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'b2']);
    expect(caseDecisions(store.sqlite, ringB).map((d) => d.action)).toEqual(['escalate']);
    const copied = store.sqlite.prepare(`SELECT count(*) AS n FROM case_accounts WHERE case_id = ?`).get(ringA) as { n: number };
    expect(copied.n).toBeGreaterThanOrEqual(2);
    const actions = (store.sqlite.prepare(`SELECT case_id AS caseId, action FROM audit_log WHERE action IN ('case_merged_into', 'case_absorbed') ORDER BY seq`).all() as { caseId: string; action: string }[]);
    expect(actions).toEqual([{ caseId: ringB, action: 'case_merged_into' }, { caseId: ringA, action: 'case_absorbed' }]);
    // The merged case is closed: no decision, no second merge, no split.
    expect(() => decideCase(store.sqlite, { caseId: ringB, action: 'confirm', reason: 'late', user: lee, expectedVersion: v(ringB) })).toThrow(/merged/);
    expect(() => merge({ user: lee })).toThrow(/already merged/);
    expect(() => split(['b1'], { caseId: ringB, user: lee })).toThrow(/already merged/);
    expect(loadCase(store.sqlite, ringA).status).toBe('open');
  });

  it('sends a later alert on the absorbed ring to the surviving case, which keeps its own score', () => {
    merge({ user: lee });
    const scoreBefore = loadCase(store.sqlite, ringA).score;
    const again = ensureCase(store.sqlite, { subjectKind: 'ring', subjectId: 'ring_b', score: 0.5, accounts: 2 });
    expect(again).toEqual({ caseId: ringA, created: false, status: 'open' });
    expect(loadCase(store.sqlite, ringA).score).toBe(scoreBefore);
    expect(loadCase(store.sqlite, ringB).status).toBe('merged');
  });

  it('refuses itself, an account case, no reason, an analyst on a case held for leads, and stale versions', () => {
    expect(() => merge({ absorbed: ringA })).toThrow(InputError);
    expect(() => merge({ absorbed: accountCase })).toThrow(/one account/);
    expect(() => merge({ reason: 'x' })).toThrow(InputError);
    expect(() => mergeCases(store.sqlite, { caseId: ringA, absorbedCaseId: ringB, reason: 'same pool', user: ana, expectedVersion: 1, absorbedVersion: 9 })).toThrow(ConflictError);
    decideCase(store.sqlite, { caseId: ringB, action: 'escalate', reason: 'for a lead', user: ana, expectedVersion: 1 });
    expect(() => merge({ user: ana })).toThrow(ForbiddenError);
    expect(loadCase(store.sqlite, ringB).status).toBe('escalated');
    expect(lineageOf(store.sqlite, ringB)).toEqual([]);
  });
});
