import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { tempStore } from '../../tools/testing/temp-store';
import { ConflictError, ForbiddenError, InputError } from '../errors';
import { findCase } from './case-row';
import { ensureCase } from './ensure-case';
import { snoozeCase, snoozesOf } from './snooze';

const ana = { name: 'ana', role: 'analyst' as const };
const NOW = Date.UTC(2026, 11, 7, 9);
const DAY = 86_400_000;
let store: Store;
let caseId: string;

beforeEach(() => {
  store = tempStore('dw-triage-snooze-');
  caseId = ensureCase(store.sqlite, { subjectKind: 'account', subjectId: 'acct_1', score: 0.9, accounts: 1 }).caseId;
});
afterEach(() => store.close());

describe('snoozeCase', () => {
  it('snoozes until a date, audited, bumping the version; waking early is a new row', () => {
    const row = snoozeCase(store.sqlite, { caseId, until: NOW + 2 * DAY, reason: 'customer replies Monday', user: ana, expectedVersion: 1, now: NOW });
    expect(row).toMatchObject({ snoozedUntil: NOW + 2 * DAY, version: 2 });
    const woken = snoozeCase(store.sqlite, { caseId, until: null, reason: 'they replied early', user: ana, now: NOW + DAY });
    expect(woken.snoozedUntil).toBeNull();
    expect(snoozesOf(store.sqlite, caseId).map((s) => [s.until, s.author])).toEqual([[NOW + 2 * DAY, 'ana'], [null, 'ana']]);
    const audit = store.sqlite.prepare(`SELECT action, details FROM audit_log WHERE case_id = ? AND action LIKE 'case_%' ORDER BY seq`).all(caseId) as { action: string; details: string }[];
    expect(audit.map((a) => a.action)).toEqual(['case_opened', 'case_snoozed', 'case_woken']);
    expect(JSON.parse(audit[1].details)).toMatchObject({ until: new Date(NOW + 2 * DAY).toISOString(), reason: 'customer replies Monday' });
    expect(() => store.sqlite.prepare(`UPDATE case_snoozes SET until = 0`).run()).toThrow(/append-only/);
  });

  it('refuses a past date, more than a year, no reason, waking an awake case, a merged case and admins — changing nothing', () => {
    const attempt = (over: Partial<Parameters<typeof snoozeCase>[1]>) => () =>
      snoozeCase(store.sqlite, { caseId, until: NOW + DAY, reason: 'later please', user: ana, now: NOW, ...over });
    expect(attempt({ until: NOW - 1 })).toThrow(InputError);
    expect(attempt({ until: NOW + 400 * DAY })).toThrow(/at most a year/);
    expect(attempt({ reason: '' })).toThrow(InputError);
    expect(attempt({ until: null })).toThrow(/not snoozed/);
    expect(attempt({ user: { name: 'root', role: 'admin' } })).toThrow(ForbiddenError);
    expect(attempt({ expectedVersion: 7 })).toThrow(ConflictError);
    store.sqlite.prepare(`UPDATE cases SET status = 'merged' WHERE id = ?`).run(caseId);
    expect(attempt({})).toThrow(/was merged into another case/);
    expect(snoozesOf(store.sqlite, caseId)).toEqual([]);
    expect(findCase(store.sqlite, caseId)!.snoozedUntil).toBeNull();
  });
});
