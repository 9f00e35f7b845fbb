/**
 * Writes a refused action to the audit trail. Called after the refused
 * transaction rolled back (a denial raised inside it would vanish with it).
 */
import type Database from 'better-sqlite3';
import { writeTransaction } from '../../db/client';
import { appendAudit } from '../audit/append';

export interface Denial {
  actor: string;
  /** The permission that was missing, or what failed ('csrf', 'bearer_token'). */
  permission: string;
  caseId?: string;
  /** Where it came from: 'POST /api/cases/…' or 'cli decide'. */
  via: string;
}

export function recordDenial(sqlite: Database.Database, denial: Denial): void {
  writeTransaction(sqlite, () =>
    appendAudit(sqlite, {
      actor: denial.actor,
      action: 'access_denied',
      caseId: denial.caseId ?? null,
      details: { permission: denial.permission, via: denial.via },
    }),
  );
}
