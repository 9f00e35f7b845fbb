/**
 * The case store as the audit trail tells it. Every decision is recorded
 * twice, in the `decisions` table and in its `case_decided` entry (decision
 * id, action, reason, author, role, status before and after), and every case
 * opens with a `case_opened` entry. Re-deriving each case's status and every
 * decision from the trail, then comparing with the tables, catches a forged
 * row: a direct UPDATE of `decisions.reason` or `cases.status`, an inserted or
 * deleted decision. The trail itself is protected by its hash chain and the
 * signed head (lib/audit/verify-trail.ts).
 */
import type Database from 'better-sqlite3';
import { dbOf } from '../../db/client';
import { cases, decisions } from '../../db/schema';
import { STATUS_AFTER, type CaseStatus, type DecisionAction } from '../domain';
import type { AuditEntry } from './chain';

export interface TrailProblem {
  /**
   * chain: an entry is missing, unlinked or altered; head: the trail disagrees
   * with a signed head; ledger: a `cases` or `decisions` row disagrees with the
   * trail; guard: a trigger is gone, or the head file itself is wrong.
   */
  kind: 'chain' | 'head' | 'ledger' | 'guard';
  /** The entry at fault (chain, head), or the one the faulty row contradicts (ledger); null when none applies. */
  seq: number | null;
  caseId?: string;
  what: string;
}

interface LedgerDecision {
  seq: number;
  caseId: string;
  action: string;
  reason: string;
  author: string;
  role: string | null;
  at: number;
}

const quote = (s: unknown) => JSON.stringify(s);

export class CaseLedger {
  private readonly cases = new Map<string, { status: CaseStatus; seq: number }>();
  private readonly decisions = new Map<number, LedgerDecision>();

  /** Folds one verified entry in (details already parsed). */
  add(entry: AuditEntry, details: unknown): void {
    if (!entry.caseId) return;
    if (entry.action === 'case_opened') {
      if (!this.cases.has(entry.caseId)) this.cases.set(entry.caseId, { status: 'open', seq: entry.seq });
      return;
    }
    if (entry.action !== 'case_decided') return;
    const d = (details ?? {}) as { decision_id?: number; action?: string; reason?: string; role?: string; to?: string };
    const to = (d.to ?? STATUS_AFTER[d.action as DecisionAction]) as CaseStatus | undefined;
    if (to) this.cases.set(entry.caseId, { status: to, seq: entry.seq });
    if (typeof d.decision_id === 'number') {
      this.decisions.set(d.decision_id, {
        seq: entry.seq,
        caseId: entry.caseId,
        action: String(d.action),
        reason: String(d.reason),
        author: entry.actor,
        role: d.role ?? null,
        at: entry.at,
      });
    }
  }

  get caseCount(): number {
    return this.cases.size;
  }

  get decisionCount(): number {
    return this.decisions.size;
  }

  /** Every disagreement between the tables and the trail, naming the row and the entry. */
  compare(sqlite: Database.Database): TrailProblem[] {
    const problems: TrailProblem[] = [];
    const seenCases = new Set<string>();
    const db = dbOf(sqlite);
    for (const row of db.select({ id: cases.id, status: cases.status }).from(cases).all()) {
      seenCases.add(row.id);
      const told = this.cases.get(row.id);
      if (!told) problems.push({ kind: 'ledger', seq: null, caseId: row.id, what: `case ${row.id} is in the cases table but the audit trail never opened it` });
      else if (told.status !== row.status) {
        problems.push({
          kind: 'ledger',
          seq: told.seq,
          caseId: row.id,
          what: `cases.status of ${row.id} is ${quote(row.status)} but its audit trail says ${quote(told.status)} (entry seq ${told.seq})`,
        });
      }
    }
    for (const [caseId, told] of this.cases) {
      if (!seenCases.has(caseId)) problems.push({ kind: 'ledger', seq: told.seq, caseId, what: `case ${caseId} is in the audit trail but missing from the cases table (deleted)` });
    }

    const seenDecisions = new Set<number>();
    for (const row of db.select().from(decisions).all()) {
      seenDecisions.add(row.id);
      const told = this.decisions.get(row.id);
      if (!told) {
        problems.push({ kind: 'ledger', seq: null, caseId: row.caseId, what: `decision ${row.id} on ${row.caseId} has no case_decided entry in the audit trail (inserted)` });
        continue;
      }
      const differs: string[] = [];
      if (row.caseId !== told.caseId) differs.push(`case ${quote(row.caseId)} ≠ ${quote(told.caseId)}`);
      if (row.action !== told.action) differs.push(`action ${quote(row.action)} ≠ ${quote(told.action)}`);
      if (row.reason !== told.reason) differs.push(`reason ${quote(row.reason)} ≠ ${quote(told.reason)}`);
      if (row.author !== told.author) differs.push(`author ${quote(row.author)} ≠ ${quote(told.author)}`);
      if (row.at !== told.at) differs.push(`time ${row.at} ≠ ${told.at}`);
      if (row.role !== null && told.role !== null && row.role !== told.role) differs.push(`role ${quote(row.role)} ≠ ${quote(told.role)}`);
      if (differs.length > 0) {
        problems.push({
          kind: 'ledger',
          seq: told.seq,
          caseId: row.caseId,
          what: `decisions row ${row.id} on ${row.caseId} disagrees with its audit entry (seq ${told.seq}): ${differs.join('; ')}`,
        });
      }
    }
    for (const [id, told] of this.decisions) {
      if (!seenDecisions.has(id)) problems.push({ kind: 'ledger', seq: told.seq, caseId: told.caseId, what: `decision ${id} on ${told.caseId} (entry seq ${told.seq}) is missing from the decisions table (deleted)` });
    }
    return problems;
  }
}
