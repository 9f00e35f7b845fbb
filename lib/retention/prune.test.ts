/**
 * Retention on a generated, detected store: open cases, prune everything
 * older than the cutoff in small batches, then export — the case file still
 * holds the evidence it held before (prompts, daily activity, scores and
 * reasons), read from the copies the cases took.
 */
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { detectedStore } from '../../tools/testing/detected-store';
import { ensureCase } from '../cases/ensure-case';
import { listCases } from '../cases/queries';
import { gatherCaseEvidence, type CaseEvidence } from '../export/case-evidence';
import { buildCaseFile } from '../export/case-file';
import { verifyCaseFile } from '../export/verify-case-file';
import { DAY_MS } from '../features/window';
import { pruneExpired, retentionCutoff } from './prune';

let store: Store;
let lastDay: string;
let ringCase: string;
let accountCase: string;
const before = new Map<string, CaseEvidence>();

/** What must survive: the evidence, not the snapshot's bookkeeping. */
const essence = (e: CaseEvidence) => ({
  members: e.members.map((m) => [m.accountId, m.score, m.reasons]),
  days: e.days,
  scores: e.scores,
  prompts: e.prompts,
  promptsRetained: e.promptsRetained,
});

beforeAll(async () => {
  const d = await detectedStore('dw-retention-', 0.03, 5);
  store = d.store;
  lastDay = d.days[1];
  const cases = listCases(store.sqlite, {}).cases;
  ringCase = cases.filter((c) => c.subjectKind === 'ring').sort((a, b) => b.accounts - a.accounts)[0].id;
  // An analyst's own case on one account (the way detection opens them: with its members, whose evidence it copies).
  const acct = store.sqlite
    .prepare(`SELECT a.id, a.account_id AS accountId FROM accounts a WHERE EXISTS (SELECT 1 FROM prompts p WHERE p.account = a.id) ORDER BY a.id DESC LIMIT 1`)
    .get() as { id: number; accountId: string };
  accountCase = ensureCase(store.sqlite, { subjectKind: 'account', subjectId: acct.accountId, score: 0.85, accounts: 1, members: [acct.id] }).caseId;
  for (const id of [ringCase, accountCase]) before.set(id, gatherCaseEvidence(store.sqlite, id));
});
afterAll(() => store.close());

describe('retention', () => {
  it('keeps more days than the detection window', () => {
    expect(() => retentionCutoff(30, Date.now())).toThrow(/30-day window/);
    expect(retentionCutoff(31, Date.parse('2026-12-07T10:00:00Z'))).toBe('2026-11-06');
  });

  it('prunes events in batches up to the cutoff only, keeping the store’s counts right', async () => {
    const events = () => store.sqlite.prepare(`SELECT count(*) FROM events`).pluck().get() as number;
    const total = events();
    const first = Number(store.sqlite.prepare(`SELECT value FROM meta WHERE key = 'first_event'`).pluck().get());
    // A cutoff ten days into the data.
    const now = Date.parse(`${new Date(first).toISOString().slice(0, 10)}T12:00:00Z`) + (31 + 10) * DAY_MS;
    const cutoff = Date.parse(`${retentionCutoff(31, now)}T00:00:00Z`);
    const older = store.sqlite.prepare(`SELECT count(*) FROM events WHERE ts < ?`).pluck().get(cutoff) as number;
    expect(older).toBeGreaterThan(2000);
    const r = await pruneExpired(store.sqlite, { days: 31, now, eventBatch: 1000, accountBatch: 50 });
    expect(r.events).toBe(older);
    expect(events()).toBe(total - older);
    expect(store.sqlite.prepare(`SELECT count(*) FROM events WHERE ts < ?`).pluck().get(cutoff)).toBe(0);
    expect(Number(store.sqlite.prepare(`SELECT value FROM meta WHERE key = 'event_count'`).pluck().get())).toBe(total - older);
    expect(Number(store.sqlite.prepare(`SELECT value FROM meta WHERE key = 'first_event'`).pluck().get())).toBeGreaterThanOrEqual(cutoff);
    expect(store.sqlite.prepare(`SELECT count(*) FROM account_days WHERE day < ?`).pluck().get(r.cutoff)).toBe(0);
  });

  it('exports a complete case file after every event and live evidence of its accounts has expired', async () => {
    const now = Date.parse(`${lastDay}T12:00:00Z`) + 120 * DAY_MS;
    const r = await pruneExpired(store.sqlite, { days: 31, now, eventBatch: 5000 });
    expect(r.prompts).toBeGreaterThan(0);
    expect(r.copiedToCases).toBeGreaterThan(0);
    expect(store.sqlite.prepare(`SELECT count(*) FROM events`).pluck().get()).toBe(0);
    expect(store.sqlite.prepare(`SELECT count(*) FROM prompts`).pluck().get()).toBe(0);
    expect(store.sqlite.prepare(`SELECT count(*) FROM account_days`).pluck().get()).toBe(0);
    expect(store.sqlite.prepare(`SELECT count(*) FROM scores`).pluck().get()).toBe(0);
    expect(store.sqlite.prepare(`SELECT count(*) FROM audit_log WHERE action = 'retention_pruned'`).pluck().get()).toBe(2);

    for (const id of [ringCase, accountCase]) {
      const after = gatherCaseEvidence(store.sqlite, id);
      const was = before.get(id)!;
      expect(was.prompts.length).toBeGreaterThan(0);
      expect(was.days.length).toBeGreaterThan(0);
      expect(essence(after)).toEqual(essence(was));
      // The exported archive holds them and verifies.
      const file = await buildCaseFile(store.sqlite, id, { exportedBy: { name: 'lee', role: 'lead' } });
      expect(verifyCaseFile(file.zip).ok).toBe(true);
      const csv = new TextDecoder().decode(unzipSync(file.zip)['evidence/events_sample.csv']);
      for (const p of was.prompts) expect(csv).toContain(p.requestId);
    }
  });
});
