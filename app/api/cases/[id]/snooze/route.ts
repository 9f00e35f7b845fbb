import { z } from 'zod';
import { caseJson } from '@/lib/cases/case-json';
import { REASON_MAX, REASON_MIN } from '@/lib/cases/decide-case';
import { snoozeCase, snoozesOf } from '@/lib/cases/snooze';
import { loadCase } from '@/lib/cases/case-row';
import { validatedMutation } from '@/lib/http/mutation';
import { validatedQuery } from '@/lib/http/query';

export const dynamic = 'force-dynamic';

const reasonRule = `a reason of ${REASON_MIN}–${REASON_MAX} characters is required`;
const untilRule = 'until: a date (YYYY-MM-DD, woken at 00:00 UTC) or an ISO time, or null to wake the case now';
/** JavaScript reads 2026-02-31 as 3 March: a day that is not on the calendar is refused, not moved. */
function isCalendarDay(value: string): boolean {
  const ms = Date.parse(`${value.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value.slice(0, 10);
}

const schema = z.object({
  until: z.union([z.string(untilRule).regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/, untilRule).refine(isCalendarDay, untilRule), z.null()], untilRule),
  reason: z.string(reasonRule).trim().min(REASON_MIN, reasonRule).max(REASON_MAX, reasonRule),
  expectedVersion: z.number().int().positive().optional(),
});

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The case's snoozes and wakes, oldest first. */
export const GET = validatedQuery(z.object({}), ({ sqlite, params }) => {
  const row = loadCase(sqlite, params.id);
  return { snoozed_until: iso(row.snoozedUntil), snoozes: snoozesOf(sqlite, params.id).map((s) => ({ ...s, until: iso(s.until), at: iso(s.at) })) };
});

/** Hides the case from the default queue until a date (it wakes by itself), or wakes it now (`until: null`). */
export const POST = validatedMutation(schema, 'work_cases', ({ sqlite, input, principal, params }) => {
  const until = input.until === null ? null : Date.parse(input.until.length === 10 ? `${input.until}T00:00:00Z` : input.until);
  const row = snoozeCase(sqlite, { caseId: params.id, until: Number.isNaN(until) ? -1 : until, reason: input.reason, user: principal.user, expectedVersion: input.expectedVersion });
  return { case: caseJson(row), snoozed_until: iso(row.snoozedUntil) };
});
