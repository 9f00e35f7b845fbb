/** The case file after triage: disposition and split/merge lineage in case.json, the CSVs, and the members a split or merge moved. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { seedRingCase } from '../../tools/testing/case-fixtures';
import { tempStore } from '../../tools/testing/temp-store';
import { mergeCases, splitCase } from '../cases/case-lineage';
import { findCase } from '../cases/case-row';
import { decideCase } from '../cases/decide-case';
import { gatherCaseEvidence } from './case-evidence';
import { caseJsonFile, evidenceCsvFiles } from './evidence-files';

const lee = { name: 'lee', role: 'lead' as const };
let store: Store;
let ringA: string;
let ringB: string;

const ring = (id: string, members: string[]) => seedRingCase(store.sqlite, id, members);
const v = (id: string) => findCase(store.sqlite, id)!.version;
const meta = { exportedBy: 'lee', exportedAt: Date.UTC(2026, 11, 7), toolVersion: 'test' };

beforeEach(() => {
  store = tempStore('dw-triage-file-');
  ringA = ring('ring_a', ['a1', 'a2', 'a3']);
  ringB = ring('ring_b', ['b1', 'b2']);
});
afterEach(() => store.close());

describe('the case file after split, merge and close', () => {
  it('lists where members went and came from, both rings, and the disposition with its history', () => {
    const { to } = splitCase(store.sqlite, { caseId: ringA, accountIds: ['a3'], reason: 'own reseller', user: lee, expectedVersion: v(ringA) });
    mergeCases(store.sqlite, { caseId: ringA, absorbedCaseId: ringB, reason: 'one card pool', user: lee, expectedVersion: v(ringA), absorbedVersion: v(ringB) });
    decideCase(store.sqlite, { caseId: ringA, action: 'confirm', reason: 'refer the contract', user: lee, expectedVersion: v(ringA), disposition: 'policy_referral' });

    const ev = gatherCaseEvidence(store.sqlite, ringA);
    expect(ev.members.map((m) => m.accountId).sort()).toEqual(['a1', 'a2', 'b1', 'b2']);
    const json = JSON.parse(caseJsonFile(ev, meta));
    expect(json.disposition).toMatchObject({ disposition: 'policy_referral', note: 'refer the contract', author: 'lee' });
    expect(json.subject.rings).toEqual(['ring_a', 'ring_b']);
    expect(json.lineage.map((l: { kind: string; direction: string; to_case: string }) => [l.kind, l.direction, l.to_case])).toEqual([
      ['split', 'out', to.id],
      ['merge', 'in', ringA],
    ]);
    const csv = evidenceCsvFiles(ev);
    expect(csv.get('evidence/dispositions.csv')).toContain('policy_referral,refer the contract');
    expect(csv.get('evidence/lineage.csv')!.split('\r\n')[1]).toMatch(new RegExp(`^split,out,${ringA},${to.id},ring_a,1,a3,own reseller,lee,lead,`));

    // The split-off case's file says where its member came from; the merged one's says where it went.
    const child = gatherCaseEvidence(store.sqlite, to.id);
    expect(child.members.map((m) => m.accountId)).toEqual(['a3']);
    expect(JSON.parse(caseJsonFile(child, meta)).lineage[0]).toMatchObject({ kind: 'split', direction: 'in', from_case: ringA, from_ring: 'ring_a', accounts: ['a3'] });
    const merged = JSON.parse(caseJsonFile(gatherCaseEvidence(store.sqlite, ringB), meta));
    expect(merged.case.status).toBe('merged');
    expect(merged.lineage[0]).toMatchObject({ kind: 'merge', direction: 'out', to_case: ringA });
  });
});
