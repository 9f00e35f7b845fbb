/**
 * Whether a case is, or once was, escalated: then only leads and legal
 * decide it (lib/cases/decide-case.ts `requiredPermission`). The queue and
 * the subject pages tell the browser, so it offers only the decisions the
 * viewer may make; the server checks again on every decision.
 */
import type Database from 'better-sqlite3';

/** SQL that is 1 when the case aliased `c` is, or once was, escalated. */
export function leadsDecideSql(c: string): string {
  return `(${c}.status = 'escalated' OR EXISTS (SELECT 1 FROM decisions d WHERE d.case_id = ${c}.id AND d.action = 'escalate'))`;
}

/** Of these cases, the ones ever escalated (whatever their status now). */
export function escalatedBefore(sqlite: Database.Database, caseIds: string[]): Set<string> {
  const found = new Set<string>();
  // Well under SQLite's 32,766 bound parameters: a queue page holds at most 200 rows.
  for (let i = 0; i < caseIds.length; i += 500) {
    const chunk = caseIds.slice(i, i + 500);
    const rows = sqlite
      .prepare(`SELECT DISTINCT case_id AS caseId FROM decisions WHERE action = 'escalate' AND case_id IN (${chunk.map(() => '?').join(', ')})`)
      .all(...chunk) as { caseId: string }[];
    for (const r of rows) found.add(r.caseId);
  }
  return found;
}
