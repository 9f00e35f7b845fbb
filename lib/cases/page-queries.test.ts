import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, writeTransaction, type Store } from '../../db/client';
import { trailStatus } from '../audit/trail-status';
import { appendAudit } from '../audit/append';
import { tempStore } from '../../tools/testing/temp-store';
import { decideLatest } from '../../tools/testing/decide-latest';
import { ensureCase } from './ensure-case';
import { caseListPage, caseListQuery, casePageData } from './page-queries';

const ana = { name: 'ana', role: 'analyst' as const };
const lee = { name: 'lee', role: 'lead' as const };
const root = { name: 'root', role: 'admin' as const };

let store: Store;
let caseId: string;
beforeEach(() => {
  store = tempStore('dw-case-page-');
  caseId = ensureCase(store.sqlite, { subjectKind: 'ring', subjectId: 'ring_7', score: 0.95, accounts: 12 }).caseId;
  ensureCase(store.sqlite, { subjectKind: 'account', subjectId: 'acct_1', score: 0.9, accounts: 1 });
});
afterEach(() => store.close());

describe('the case page’s permissions', () => {
  it('offers each role the decisions the server would accept', () => {
    expect(casePageData(store.sqlite, caseId, ana)!.allowed).toEqual({ decide: ['confirm', 'dismiss', 'escalate'], work: true, export: false, leadsOnly: null, reshape: true });
    expect(casePageData(store.sqlite, caseId, lee)!.allowed).toEqual({ decide: ['confirm', 'dismiss', 'escalate'], work: true, export: true, leadsOnly: null, reshape: true });
    expect(casePageData(store.sqlite, caseId, root)!.allowed).toEqual({ decide: [], work: false, export: false, leadsOnly: null, reshape: false });
    decideLatest(store.sqlite, { caseId, action: 'escalate', reason: 'needs a lead', user: ana });
    expect(casePageData(store.sqlite, caseId, ana)!.allowed.decide).toEqual([]);
    expect(casePageData(store.sqlite, caseId, lee)!.allowed.decide).toEqual(['confirm', 'dismiss']);
    decideLatest(store.sqlite, { caseId, action: 'confirm', reason: 'cards shared', user: lee });
    // Once escalated, always a lead's or legal's case.
    expect(casePageData(store.sqlite, caseId, ana)!.allowed).toMatchObject({ decide: [], leadsOnly: 'This case was escalated: a lead or legal decides it.' });
    expect(casePageData(store.sqlite, caseId, lee)!.allowed.decide).toEqual(['dismiss', 'escalate']);
    // A case a lead decided without any escalation is a lead's case too.
    const accountCase = ensureCase(store.sqlite, { subjectKind: 'account', subjectId: 'acct_1', score: 0.9, accounts: 1 }).caseId;
    decideLatest(store.sqlite, { caseId: accountCase, action: 'confirm', reason: 'harvesting reasoning', user: lee });
    expect(casePageData(store.sqlite, accountCase, ana)!.allowed).toMatchObject({
      decide: [],
      leadsOnly: 'A lead decided this case: only a lead or legal changes that decision.',
    });
  });

  it('checks the case’s hash chain and lists its exports, newest first', () => {
    writeTransaction(store.sqlite, () => {
      for (const sha of ['a'.repeat(64), 'b'.repeat(64)]) {
        appendAudit(store.sqlite, { actor: 'lee', action: 'case_exported', caseId, subjectKind: 'ring', subjectId: 'ring_7', details: { manifest_sha256: sha, file_name: 'f.zip', bytes: 10 } });
      }
    });
    const data = casePageData(store.sqlite, caseId, lee)!;
    expect(data.chain).toMatchObject({ intact: true, firstBad: null, problem: null, entries: 3, trailEntries: 4, signedHeadSeq: 4 });
    expect(data.exports.map((e) => e.manifestSha256)).toEqual(['b'.repeat(64), 'a'.repeat(64)]);
    expect(casePageData(store.sqlite, 'case_999999', lee)).toBeNull();
  });
});

describe('the case page’s audit status', () => {
  it('shows the whole trail’s state: rewritten from another connection, it fails at the seq; the server’s own writes keep it intact', () => {
    expect(casePageData(store.sqlite, caseId, lee)!.chain).toMatchObject({ intact: true, trailEntries: 2 });
    // The server's own writes are checked onto the kept result, not re-walked.
    decideLatest(store.sqlite, { caseId, action: 'escalate', reason: 'needs a lead', user: ana });
    expect(casePageData(store.sqlite, caseId, lee)!.chain).toMatchObject({ intact: true, trailEntries: 3, signedHeadSeq: 3 });
    expect(trailStatus(store.sqlite).how).toBe('extended');
    // Someone edits the file with another connection: the next page walks the whole trail again.
    const other = openStore(store.path);
    other.sqlite.exec(`DROP TRIGGER decisions_no_update`);
    other.sqlite.prepare(`UPDATE decisions SET reason = 'nothing to see' WHERE case_id = ?`).run(caseId);
    other.close();
    const chain = casePageData(store.sqlite, caseId, lee)!.chain;
    expect(chain).toMatchObject({ intact: false, firstBad: 3 });
    expect(chain.problem).toBe(`decisions row 1 on ${caseId} disagrees with its audit entry (seq 3): reason "nothing to see" ≠ "needs a lead"`);
    expect(chain.problems).toBe(2); // and the dropped guard
    expect(trailStatus(store.sqlite).how).toBe('full');
  });
});

describe('the case list', () => {
  it('reads its filters from the URL leniently and counts cases per status', () => {
    expect(caseListQuery({ status: 'open', kind: 'ring', page: '2' })).toEqual({ status: 'open', kind: 'ring', page: 2 });
    expect(caseListQuery({ status: 'nonsense', kind: ['account', 'ring'], page: '-1' })).toEqual({ status: undefined, kind: 'account', page: 1 });
    const page = caseListPage(store.sqlite, { kind: 'ring', page: 1 });
    expect(page.cases.map((c) => c.id)).toEqual([caseId]);
    expect(page.counts).toEqual({ open: 1, confirmed: 0, dismissed: 0, escalated: 0, merged: 0 });
    expect(page.pages).toBe(1);
  });
});
