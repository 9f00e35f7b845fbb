/** The account page's data on a real generated, ingested and detected store. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { detectedStore } from '../../tools/testing/detected-store';
import { PromptFlag } from '../domain';
import { InputError, NotFoundError } from '../errors';
import { accountIdParam } from './params';
import { decideLatest } from '../../tools/testing/decide-latest';
import { ensureCase } from '../cases/ensure-case';
import { caseFor, flagNames, getAccountDetail, getAccountPrompts, TEXT_LIMIT } from './queries';

let store: Store;
let days: string[];
const one = <T>(sql: string, ...p: unknown[]) => store.sqlite.prepare(sql).get(...p) as T;

beforeAll(async () => {
  ({ store, days } = await detectedStore('dw-accounts-'));
});
afterAll(() => store?.close());

describe('getAccountDetail', () => {
  it('brings the latest score with its reasons, the history, the window day by day and the identifiers', () => {
    const { account_id } = one<{ account_id: string }>(
      `SELECT a.account_id FROM scores s JOIN accounts a ON a.id = s.account WHERE s.as_of = ? AND s.flagged = 1 ORDER BY s.score DESC LIMIT 1`,
      days[1],
    );
    const d = getAccountDetail(store.sqlite, account_id);
    expect(d.account.accountId).toBe(account_id);
    expect(d.score).toMatchObject({ asOf: days[1], flagged: true, threshold: expect.any(Number) });
    expect(d.score!.reasons.length).toBeGreaterThan(0);
    expect(d.score!.features.events).toBe(d.score!.events);
    expect(d.history.map((h) => h.asOf)).toEqual(days);
    expect(d.days).toHaveLength(30);
    expect(d.days[d.days.length - 1].day).toBe(days[1]);
    for (const day of d.days) expect(day.hours).toHaveLength(24);
    // The rollups add up to the score's request count, hour by hour and day by day.
    expect(d.days.reduce((s, x) => s + x.events, 0)).toBe(d.score!.events);
    expect(d.days.reduce((s, x) => s + x.hours.reduce((a, b) => a + b, 0), 0)).toBe(d.score!.events);
    expect(d.identifiers.length).toBeGreaterThan(0);
    for (const i of d.identifiers) {
      const n = one<{ n: number }>(`SELECT count(*) AS n FROM account_identifiers WHERE kind = ? AND value = ?`, i.kind, i.value).n;
      expect(i.accounts).toBe(n);
    }
    if (d.account.paymentFp) expect(d.identifiers.some((i) => i.kind === 'payment_fp' && i.value === d.account.paymentFp)).toBe(true);
    expect(d.prompts).toBe(one<{ n: number }>(`SELECT count(*) AS n FROM prompts p JOIN accounts a ON a.id = p.account WHERE a.account_id = ?`, account_id).n);
  });

  it('links a ring member to its ring and the ring’s case', () => {
    const member = one<{ account_id: string; ring_id: string } | undefined>(
      `SELECT a.account_id, m.ring_id FROM ring_members m JOIN accounts a ON a.id = m.account
       JOIN cases c ON c.subject_kind = 'ring' AND c.subject_id = m.ring_id
       WHERE m.as_of = ? AND NOT EXISTS (SELECT 1 FROM cases c2 WHERE c2.subject_kind = 'account' AND c2.subject_id = a.account_id) LIMIT 1`,
      days[1],
    );
    if (!member) return; // the scenario raised no ring case
    const d = getAccountDetail(store.sqlite, member.account_id);
    expect(d.ring?.ringId).toBe(member.ring_id);
    expect(d.case).toMatchObject({ subjectKind: 'ring', subjectId: member.ring_id });
  });

  it('tells the page whether the subject’s case is for leads and legal (escalated now or once)', () => {
    // An account case of its own (whether detection opened any depends on the scenario): opened as detection opens one.
    const { account_id } = one<{ account_id: string }>(
      `SELECT a.account_id FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.subject_kind = 'account' AND c.subject_id = a.account_id) ORDER BY a.account_id LIMIT 1`,
    );
    const { caseId } = ensureCase(store.sqlite, { subjectKind: 'account', subjectId: account_id, score: 0.9, accounts: 1 });
    expect(caseFor(store.sqlite, 'account', account_id)).toMatchObject({ caseId, status: 'open', leadsDecide: false });
    decideLatest(store.sqlite, { caseId, action: 'escalate', reason: 'needs legal', user: { name: 'ana', role: 'analyst' } });
    expect(getAccountDetail(store.sqlite, account_id).case).toMatchObject({ caseId, status: 'escalated', leadsDecide: true });
    decideLatest(store.sqlite, { caseId, action: 'confirm', reason: 'extraction', user: { name: 'lee', role: 'lead' } });
    expect(getAccountDetail(store.sqlite, account_id).case).toMatchObject({ caseId, status: 'confirmed', leadsDecide: true });
    expect(caseFor(store.sqlite, 'account', 'acct_nobody')).toBeNull();
  });

  it('refuses an unknown account and a malformed id', () => {
    expect(() => getAccountDetail(store.sqlite, 'acct_nobody')).toThrow(NotFoundError);
    expect(() => accountIdParam('%E0%A4%A')).toThrow(InputError);
    expect(() => accountIdParam('')).toThrow(InputError);
    expect(() => accountIdParam('a'.repeat(513))).toThrow(InputError);
    expect(accountIdParam('acct_1')).toBe('acct_1');
    // Any id ingest accepts opens its page: a space, a right-to-left override.
    expect(accountIdParam('acct%20x')).toBe('acct x');
    expect(accountIdParam(encodeURIComponent('acct_\u202eexe.txt'))).toBe('acct_\u202eexe.txt');
  });
});

describe('getAccountPrompts', () => {
  it('pages through the evidence newest first, with flags by name and model names from the dictionary', () => {
    const { account_id, n } = one<{ account_id: string; n: number }>(
      `SELECT a.account_id, count(*) AS n FROM prompts p JOIN accounts a ON a.id = p.account GROUP BY p.account ORDER BY n DESC LIMIT 1`,
    );
    const first = getAccountPrompts(store.sqlite, account_id, { page: 1, pageSize: 5 }, { order: 'newest' });
    expect(first.total).toBe(n);
    expect(first.prompts).toHaveLength(Math.min(5, n));
    for (let i = 1; i < first.prompts.length; i++) expect(first.prompts[i - 1].ts).toBeGreaterThanOrEqual(first.prompts[i].ts);
    expect(first.prompts[0].model).toMatch(/\S/);
    const second = getAccountPrompts(store.sqlite, account_id, { page: 2, pageSize: 5 }, { order: 'newest' });
    expect(second.prompts.map((p) => p.requestId)).not.toContain(first.prompts[0].requestId);
    expect(flagNames(PromptFlag.COT | PromptFlag.MARKUP)).toEqual(['COT', 'MARKUP']);
  });

  it('by default leads with the strongest example of each of the account’s reasons, with the response’s tokens and finish reason', () => {
    // The flagged account with the most kept prompts and a step-by-step reason.
    const { account_id } = one<{ account_id: string }>(
      `SELECT a.account_id FROM prompts p JOIN accounts a ON a.id = p.account JOIN scores s ON s.account = p.account
       WHERE s.flagged = 1 AND s.reasons LIKE '%COT_ELICITATION%' GROUP BY p.account ORDER BY count(*) DESC LIMIT 1`,
    );
    const all = getAccountPrompts(store.sqlite, account_id, { page: 1, pageSize: 50 });
    const newest = getAccountPrompts(store.sqlite, account_id, { page: 1, pageSize: 50 }, { order: 'newest' });
    expect(all.total).toBe(newest.total);
    expect(new Set(all.prompts.map((p) => p.requestId))).toEqual(new Set(newest.prompts.map((p) => p.requestId)));
    // The lead: one example per reason, each carrying it, the longest answer among those that do.
    const leads = all.prompts.filter((p) => p.exampleOf !== null);
    expect(leads.length).toBeGreaterThan(0);
    expect(all.prompts.slice(0, leads.length)).toEqual(leads);
    expect(leads[0].carries).toContain(leads[0].exampleOf);
    for (const lead of leads) {
      const rivals = all.prompts.filter((p) => p.exampleOf === null && p.carries.includes(lead.exampleOf!));
      for (const r of rivals) expect(lead.outputTokens ?? 0).toBeGreaterThanOrEqual(r.outputTokens ?? 0);
    }
    // Every kept exchange has its event: tokens counted.
    for (const p of all.prompts) expect(p.outputTokens).toBeGreaterThanOrEqual(0);
    // The page after the lead never carries more than what precedes it (benign chat last).
    const carried = all.prompts.map((p) => p.carries.length);
    expect(carried.at(-1)).toBeLessThanOrEqual(Math.max(...carried));
  });

  it('returns attacker text verbatim (markup included) and filters by flag', () => {
    const row = one<{ account_id: string } | undefined>(
      `SELECT a.account_id FROM prompts p JOIN accounts a ON a.id = p.account WHERE (p.flags & ?) != 0 LIMIT 1`,
      PromptFlag.MARKUP,
    );
    expect(row).toBeDefined();
    const page = getAccountPrompts(store.sqlite, row!.account_id, { page: 1, pageSize: 50 }, { flag: 'MARKUP' });
    expect(page.prompts.length).toBeGreaterThan(0);
    for (const p of page.prompts) {
      expect(p.flags).toContain('MARKUP');
      expect(p.text).toMatch(/[<>]/);
      expect(p.text.length).toBeLessThanOrEqual(TEXT_LIMIT);
      expect(p.omitted).toBe(Math.max(0, p.chars - p.text.length));
    }
  });
});
