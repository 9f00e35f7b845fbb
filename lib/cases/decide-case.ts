/**
 * Deciding a case: confirm, dismiss or escalate, with a reason. Used by the
 * dashboard and `distillwatch decide` alike, so both follow the same rules
 * and leave the same audit trail. A change of mind is a new decision row;
 * decisions are never edited (the store refuses UPDATE and DELETE on them).
 */
import type Database from 'better-sqlite3';
import { writeTransaction } from '../../db/client';
import { appendAudit } from '../audit/append';
import { can, type Actor, type Permission } from '../auth/permissions';
import type { CaseStatus, DecisionAction } from '../domain';
import { ConflictError, ForbiddenError, InputError } from '../errors';
import { loadCase, type CaseRow } from './case-row';
import { forgetKnownBad, forgetKnownGood, rememberKnownBad, rememberKnownGood } from './known-lists';
import { assertVersion } from './version-check';

export const REASON_MIN = 3;
export const REASON_MAX = 2000;

const STATUS_AFTER: Record<DecisionAction, CaseStatus> = {
  confirm: 'confirmed',
  dismiss: 'dismissed',
  escalate: 'escalated',
};

export interface DecideInput {
  caseId: string;
  action: DecisionAction;
  reason: string;
  user: Actor;
  /** The case version the decider saw; omitted, the decision applies to whatever is current. */
  expectedVersion?: number;
  now?: number;
}

export interface DecideResult {
  case: CaseRow;
  decisionId: number;
}

/** Once a case has been escalated, only leads and legal decide it, now and on any later change of mind. */
export function requiredPermission(sqlite: Database.Database, row: CaseRow): Permission {
  if (row.status === 'escalated') return 'decide_escalated';
  const escalatedBefore = sqlite.prepare(`SELECT 1 FROM decisions WHERE case_id = ? AND action = 'escalate' LIMIT 1`).get(row.id);
  return escalatedBefore ? 'decide_escalated' : 'decide';
}

export function validReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length < REASON_MIN || trimmed.length > REASON_MAX) {
    throw new InputError(`a reason of ${REASON_MIN}–${REASON_MAX} characters is required`);
  }
  return trimmed;
}

export function decideCase(sqlite: Database.Database, input: DecideInput): DecideResult {
  if (!(input.action in STATUS_AFTER)) throw new InputError(`unknown decision "${input.action}"`);
  const reason = validReason(input.reason);
  const now = input.now ?? Date.now();
  return writeTransaction(sqlite, () => {
    const row = loadCase(sqlite, input.caseId);
    const permission = requiredPermission(sqlite, row);
    if (!can(input.user.role, permission)) {
      const why = permission === 'decide_escalated' ? 'escalated cases are decided by a lead or legal' : 'this role cannot decide cases';
      throw new ForbiddenError(`${input.user.name} (${input.user.role}) may not decide ${row.id}: ${why}`, {
        actor: input.user.name,
        permission,
        caseId: row.id,
      });
    }
    assertVersion(sqlite, row, input.expectedVersion);
    const status = STATUS_AFTER[input.action];
    if (row.status === status) throw new ConflictError(`case ${row.id} is already ${status}`);

    const decisionId = Number(
      sqlite
        .prepare(`INSERT INTO decisions (case_id, action, reason, author, at) VALUES (?, ?, ?, ?, ?)`)
        .run(row.id, input.action, reason, input.user.name, now).lastInsertRowid,
    );
    sqlite
      .prepare(`UPDATE cases SET status = ?, assignee = ?, updated_at = ?, version = version + 1 WHERE id = ?`)
      .run(status, input.user.name, now, row.id);
    const updated = loadCase(sqlite, row.id);
    const knownBadAdded = teach(sqlite, updated, input.action, now);
    appendAudit(sqlite, {
      actor: input.user.name,
      action: 'case_decided',
      subjectKind: row.subjectKind,
      subjectId: row.subjectId,
      caseId: row.id,
      details: { decision_id: decisionId, action: input.action, reason, role: input.user.role, from: row.status, to: status, version: updated.version, known_bad_added: knownBadAdded },
      at: now,
    });
    return { case: updated, decisionId };
  });
}

function teach(sqlite: Database.Database, row: CaseRow, action: DecisionAction, now: number): number {
  if (action !== 'dismiss') forgetKnownGood(sqlite, row);
  if (action !== 'confirm') forgetKnownBad(sqlite, row);
  if (action === 'dismiss') rememberKnownGood(sqlite, row, now);
  return action === 'confirm' ? rememberKnownBad(sqlite, row, now) : 0;
}
