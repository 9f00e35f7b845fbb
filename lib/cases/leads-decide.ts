/**
 * Who may decide a case: the one place this rule lives. A case that is, or
 * once was, escalated, and a case a lead or legal has decided, are decided by
 * leads and legal only, now and on any later change of mind: an analyst can
 * neither undo an escalation nor reverse a lead's decision. decideCase
 * (lib/cases/decide-case.ts) enforces it; the queue and the subject pages
 * tell the browser, so it offers only the decisions the viewer may make.
 */
import type Database from 'better-sqlite3';
import { and, desc, eq, exists, inArray, or, sql } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/sqlite-core';
import { dbOf } from '../../db/client';
import { cases, decisions } from '../../db/schema';
import type { Permission } from '../auth/permissions';
import type { CaseRow } from './case-row';

/** A decision that hands its case to leads and legal: an escalation, or any decision a lead or legal made. */
const leadsDecision = or(eq(decisions.action, 'escalate'), inArray(decisions.role, ['lead', 'legal']));

/** True for a row of `cases` (in a query from that table) that only leads and legal decide. */
export const leadsDecide = or(
  eq(cases.status, 'escalated'),
  exists(new QueryBuilder().select({ one: sql`1` }).from(decisions).where(and(eq(decisions.caseId, cases.id), leadsDecision))),
)!;

/** Of these cases, the ones only leads and legal decide. */
export function leadsDecideCases(sqlite: Database.Database, caseIds: string[]): Set<string> {
  const found = new Set<string>();
  // Well under SQLite's 32,766 bound parameters: a queue page holds at most 200 rows.
  for (let i = 0; i < caseIds.length; i += 500) {
    const chunk = caseIds.slice(i, i + 500);
    const rows = dbOf(sqlite).select({ id: cases.id }).from(cases).where(and(inArray(cases.id, chunk), leadsDecide)).all();
    for (const { id } of rows) found.add(id);
  }
  return found;
}

/** Why only leads and legal decide this case, or null when analysts may too. */
export type LeadsOnly = { because: 'escalated' } | { because: 'decided'; author: string; role: 'lead' | 'legal' };

export function leadsOnly(sqlite: Database.Database, row: CaseRow): LeadsOnly | null {
  if (row.status === 'escalated') return { because: 'escalated' };
  const found = dbOf(sqlite)
    .select({ author: decisions.author, role: decisions.role, action: decisions.action })
    .from(decisions)
    .where(and(eq(decisions.caseId, row.id), leadsDecision))
    .orderBy(desc(eq(decisions.action, 'escalate')), desc(decisions.at), desc(decisions.id))
    .limit(1)
    .get();
  if (!found) return null;
  return found.action === 'escalate' ? { because: 'escalated' } : { because: 'decided', author: found.author, role: found.role as 'lead' | 'legal' };
}

/** The sentence a refused decider gets (lib/cases/decide-case.ts). */
export function leadsOnlyReason(why: LeadsOnly): string {
  return why.because === 'escalated'
    ? 'escalated cases are decided by a lead or legal'
    : `${why.author} (${why.role}) decided it, and only a lead or legal may change a lead's or legal's decision`;
}

/** The sentence a case page shows in place of the decision form. */
export function leadsOnlyNotice(why: LeadsOnly): string {
  return why.because === 'escalated'
    ? 'This case was escalated: a lead or legal decides it.'
    : `A ${why.role === 'legal' ? 'legal' : 'lead'} decided this case: only a lead or legal changes that decision.`;
}

/** The permission a decision on this case needs. */
export function requiredPermission(sqlite: Database.Database, row: CaseRow): Permission {
  return leadsOnly(sqlite, row) === null ? 'decide' : 'decide_escalated';
}
