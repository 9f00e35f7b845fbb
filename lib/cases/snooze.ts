/**
 * Snoozing a case: hidden from the default queue until a date, then back by
 * itself (the queue compares the date with the time of the request, no job
 * wakes it). Each snooze, and each early wake, is a new `case_snoozes` row and
 * an audit entry; the case's `snoozed_until` carries the latest (and its
 * alerts' copy follows by trigger).
 *
 * Who: anyone who works cases, on any case but a merged one (a decided case's
 * alerts sit under its status in the queue). A snooze is at most a year out.
 */
import type Database from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import { dbOf, writeTransaction } from '../../db/client';
import { cases, caseSnoozes } from '../../db/schema';
import { appendAudit } from '../audit/append';
import { assertCan, type Actor } from '../auth/permissions';
import { ConflictError, InputError } from '../errors';
import { loadCase, type CaseRow } from './case-row';
import { validReason } from './decide-case';
import { assertVersion } from './version-check';

export const MAX_SNOOZE_MS = 366 * 86_400_000;

export interface SnoozeInput {
  caseId: string;
  /** Hidden until this time (epoch ms); null wakes it now. */
  until: number | null;
  reason: string;
  user: Actor;
  expectedVersion?: number;
  now?: number;
}

export type SnoozeRow = typeof caseSnoozes.$inferSelect;

export function snoozeCase(sqlite: Database.Database, input: SnoozeInput): CaseRow {
  const reason = validReason(input.reason);
  const now = input.now ?? Date.now();
  if (input.until !== null) {
    if (!Number.isFinite(input.until) || input.until <= now) throw new InputError('snooze until a time in the future');
    if (input.until - now > MAX_SNOOZE_MS) throw new InputError('snooze for at most a year');
  }
  return writeTransaction(sqlite, () => {
    const row = loadCase(sqlite, input.caseId);
    assertCan(input.user, 'work_cases', 'snooze cases', row.id);
    assertVersion(sqlite, row, input.expectedVersion);
    // Any view of the queue can be cleared of a case for a while (a decided case's alerts sit under its status); a merged case is worked through the case it went into.
    if (row.status === 'merged') throw new ConflictError(`case ${row.id} was merged into another case: snooze that one`);
    const asleep = row.snoozedUntil !== null && row.snoozedUntil > now;
    if (input.until === null && !asleep) throw new ConflictError(`case ${row.id} is not snoozed`);
    const db = dbOf(sqlite);
    db.insert(caseSnoozes).values({ caseId: row.id, until: input.until, reason, author: input.user.name, at: now }).run();
    db.update(cases)
      .set({ snoozedUntil: input.until, updatedAt: now, version: sql`${cases.version} + 1` })
      .where(eq(cases.id, row.id))
      .run();
    const updated = loadCase(sqlite, row.id);
    appendAudit(sqlite, {
      actor: input.user.name,
      action: input.until === null ? 'case_woken' : 'case_snoozed',
      subjectKind: row.subjectKind,
      subjectId: row.subjectId,
      caseId: row.id,
      details: { until: input.until === null ? null : new Date(input.until).toISOString(), previous: asleep ? new Date(row.snoozedUntil!).toISOString() : null, reason, version: updated.version },
      at: now,
    });
    return updated;
  });
}

/** A case's snoozes and wakes, oldest first. */
export function snoozesOf(sqlite: Database.Database, caseId: string): SnoozeRow[] {
  return dbOf(sqlite).select().from(caseSnoozes).where(eq(caseSnoozes.caseId, caseId)).orderBy(caseSnoozes.id).all();
}
