/** The queue's tie-break and snooze filter on a hand-built store: what a tied score falls to, and that snoozes wake by date. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { tempStore } from '../../tools/testing/temp-store';
import { ensureCase } from '../cases/ensure-case';
import { snoozeCase } from '../cases/snooze';
import { fillAlertPriority } from '../detect/alert-priority';
import { compactCount, growthText, priorityExplanation } from './priority';
import { getAlertQueue } from './queries';
import { parseAlertView } from './view';

const DAY = '2026-11-21';
let store: Store;

function account(id: string, days: [day: string, events: number, output: number][]): number {
  store.sqlite.prepare(`INSERT INTO accounts (account_id, has_record, updated_at) VALUES (?, 1, 0)`).run(id);
  const key = (store.sqlite.prepare(`SELECT id FROM accounts WHERE account_id = ?`).get(id) as { id: number }).id;
  for (const [day, events, output] of days)
    store.sqlite.prepare(`INSERT INTO account_days (account, day, events, input_tokens, output_tokens, hours) VALUES (?, ?, ?, 0, ?, '[]')`).run(key, day, events, output);
  return key;
}

function alert(kind: 'account' | 'ring', subject: string, score: number, accounts: number): string {
  const c = ensureCase(store.sqlite, { subjectKind: kind, subjectId: subject, score, accounts }).caseId;
  store.sqlite
    .prepare(`INSERT INTO alerts (day, kind, subject_kind, subject_id, case_id, score, reasons, ring_id, accounts, created_at) VALUES (?, 'new_flag', ?, ?, ?, ?, '[]', ?, ?, 0)`)
    .run(DAY, kind, subject, c, score, kind === 'ring' ? subject : null, accounts);
  return c;
}

beforeEach(() => {
  store = tempStore('dw-triage-priority-');
  // Three subjects tied at 1.00: a small account that harvested most, a ring of two, an account that grew.
  account('acct_big', [['2026-11-20', 10, 900_000]]);
  const r1 = account('acct_r1', [['2026-11-10', 5, 100], ['2026-11-20', 5, 100]]);
  const r2 = account('acct_r2', [['2026-11-19', 5, 100]]);
  account('acct_grew', [['2026-11-10', 10, 150], ['2026-11-20', 30, 150]]);
  account('acct_flat', [['2026-11-10', 10, 150], ['2026-11-20', 10, 150]]);
  account('acct_low', [['2026-11-20', 1, 5_000_000]]);
  store.sqlite.prepare(`INSERT INTO rings (ring_id, as_of, run, score, size, shared, summary) VALUES ('ring_a', ?, 1, 1, 2, '[{"kind":"payment_fp","value":"pm_1","accounts":2}]', 's')`).run(DAY);
  for (const k of [r1, r2]) store.sqlite.prepare(`INSERT INTO ring_members (ring_id, as_of, account) VALUES ('ring_a', ?, ?)`).run(DAY, k);
  alert('account', 'acct_flat', 1, 1);
  alert('account', 'acct_grew', 1, 1);
  alert('ring', 'ring_a', 1, 2);
  alert('account', 'acct_big', 1, 1);
  alert('account', 'acct_low', 0.9, 1);
});
afterEach(() => store.close());

describe('the tie-break', () => {
  it('orders a tied score by harvested output tokens, then ring size, then growth, and a lower score stays below', () => {
    expect(fillAlertPriority(store.sqlite, DAY)).toBe(5);
    const q = getAlertQueue(store.sqlite, parseAlertView({}));
    // 900 k tokens; then 300 tokens each: the ring of two first, then the account that grew, then the flat one; 0.90 last.
    expect(q.rows.map((r) => r.subjectId)).toEqual(['acct_big', 'ring_a', 'acct_grew', 'acct_flat', 'acct_low']);
    const ring = q.rows.find((r) => r.subjectId === 'ring_a')!;
    expect(ring).toMatchObject({ outputTokens: 300, accounts: 2, eventsWeek: 10, eventsPrevWeek: 5, growth: 1, subjectName: '1 card' });
    const grew = q.rows.find((r) => r.subjectId === 'acct_grew')!;
    expect(grew).toMatchObject({ outputTokens: 300, eventsWeek: 30, eventsPrevWeek: 10, growth: 2 });
    // Ascending turns the whole order round, tie-break included.
    expect(getAlertQueue(store.sqlite, parseAlertView({ dir: 'asc' })).rows.map((r) => r.subjectId)).toEqual(['acct_low', 'acct_flat', 'acct_grew', 'ring_a', 'acct_big']);
  });

  it('reads the queue in the index on (day, status, score, output tokens, accounts, growth)', () => {
    const plan = store.sqlite
      .prepare(`EXPLAIN QUERY PLAN SELECT id FROM alerts a WHERE a.day = ? AND a.case_status = 'open' ORDER BY a.score DESC, a.output_tokens DESC, a.accounts DESC, a.growth DESC`)
      .all(DAY) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('alerts_day_status_priority');
    expect(plan.map((p) => p.detail).join(' ')).not.toContain('TEMP B-TREE');
  });

  it('says the figures compactly and explains the order in a sentence', () => {
    expect([compactCount(812), compactCount(34_200), compactCount(1_250_000)]).toEqual(['812', '34 k', '1.3 M']);
    expect(growthText({ growth: 0.35, eventsWeek: 135, eventsPrevWeek: 100 })).toBe('+35%');
    expect(growthText({ growth: -0.5, eventsWeek: 5, eventsPrevWeek: 10 })).toBe('−50%');
    expect(growthText({ growth: 4, eventsWeek: 4, eventsPrevWeek: 0 })).toBe('new');
    expect(growthText({ growth: null, eventsWeek: null, eventsPrevWeek: null })).toBe('—');
    expect(priorityExplanation({ outputTokens: 1200, accounts: 3, eventsWeek: 10, eventsPrevWeek: 5, growth: 1 })).toBe(
      'Ordered by score, then by what the subject harvested: 1,200 output tokens; then ring size: 3 accounts; then growth: +100% (10 events this week, 5 the week before).',
    );
  });
});

describe('snoozed alerts', () => {
  it('leave the default view until their date, show under "snoozed", and wake by themselves', () => {
    fillAlertPriority(store.sqlite, DAY);
    const now = Date.UTC(2026, 11, 7, 9);
    const caseId = getAlertQueue(store.sqlite, parseAlertView({}), now).rows.find((r) => r.subjectId === 'acct_big')!.caseId;
    snoozeCase(store.sqlite, { caseId, until: now + 3 * 86_400_000, reason: 'waiting for the billing team', user: { name: 'ana', role: 'analyst' }, now });
    const ids = (v: Record<string, string>, at: number) => getAlertQueue(store.sqlite, parseAlertView(v), at).rows.map((r) => r.subjectId);
    expect(ids({}, now + 1000)).not.toContain('acct_big');
    expect(getAlertQueue(store.sqlite, parseAlertView({}), now + 1000).total).toBe(4);
    expect(ids({ snoozed: 'only' }, now + 1000)).toEqual(['acct_big']);
    expect(ids({ snoozed: 'all' }, now + 1000)).toContain('acct_big');
    // Three days later it is back, with no job run.
    expect(ids({}, now + 3 * 86_400_000 + 1)).toContain('acct_big');
    expect(ids({ snoozed: 'only' }, now + 3 * 86_400_000 + 1)).toEqual([]);
  });
});
