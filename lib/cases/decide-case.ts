/**
 * Deciding a case: confirm, dismiss or escalate, with a reason. Used by the
 * dashboard and `distillwatch decide` alike, so both follow the same rules
 * and leave the same audit trail. A change of mind is a new decision row;
 * decisions are never edited (the store refuses UPDATE and DELETE on them).
 *
 * The rules, all checked here inside the write transaction:
 * - who: `decide`, raised to `decide_escalated` for a case that is or was
 *   escalated or that a lead or legal decided (lib/cases/leads-decide.ts);
 * - which version: the decider names the version they saw; any change since
 *   is refused (409) with who changed it, so ten people deciding at once
 *   give one decision and nine refusals;
 * - what it teaches: a dismissal lists the subject as known-good only when
 *   nothing above it disagrees (lib/cases/known-lists.ts `knownGoodHeldBy`).
 */
import type Database from 'better-sqlite3';
import { dbOf, writeTransaction } from '../../db/client';
import { decisions } from '../../db/schema';
import { appendAudit } from '../audit/append';
import { assertCan, can, type Actor } from '../auth/permissions';
import { STATUS_AFTER, type DecisionAction, type Disposition } from '../domain';
import { DEFAULT_DISPOSITION, insertDisposition } from './dispositions';
import { ConflictError, InputError } from '../errors';
import { changeCase, loadCase, type CaseRow } from './case-row';
import { forgetKnownBad, forgetKnownGood, knownGoodHeldBy, rememberKnownBad, rememberKnownGood } from './known-lists';
import { leadsOnly, leadsOnlyReason } from './leads-decide';
import { assertVersion } from './version-check';
import { enqueueWebhookEvent } from '../webhooks/outbox';

export const REASON_MIN = 3;
export const REASON_MAX = 2000;

export interface DecideInput {
  caseId: string;
  action: DecisionAction;
  reason: string;
  user: Actor;
  /** The case version the decider saw (required: a decision never applies to a case its author did not see). */
  expectedVersion: number;
  /**
   * Why a close (confirm, dismiss) closes it (lib/cases/dispositions.ts); the reason is its note.
   * The dashboard and API require it; the command line's `decide` leaves it to the action's default.
   */
  disposition?: Disposition;
  now?: number;
}

export interface DecideResult {
  case: CaseRow;
  decisionId: number;
  /** The disposition recorded with a close; null for an escalation. */
  disposition: Disposition | null;
}

export function validReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length < REASON_MIN || trimmed.length > REASON_MAX) {
    throw new InputError(`a reason of ${REASON_MIN}–${REASON_MAX} characters is required`);
  }
  return trimmed;
}

/** Refuses (403) a decider whose role may not decide this case, saying why. */
function assertMayDecide(sqlite: Database.Database, row: CaseRow, user: Actor): void {
  const held = leadsOnly(sqlite, row);
  const permission = held === null ? 'decide' : 'decide_escalated';
  const why = can(user.role, 'decide') && held !== null ? leadsOnlyReason(held) : 'this role cannot decide cases';
  assertCan(user, permission, `decide ${row.id}: ${why}`, row.id);
}

export function decideCase(sqlite: Database.Database, input: DecideInput): DecideResult {
  if (!(input.action in STATUS_AFTER)) throw new InputError(`unknown decision "${input.action}"`);
  if (!Number.isInteger(input.expectedVersion) || input.expectedVersion < 1) {
    throw new InputError('expectedVersion (the case version the decision was made on) is required');
  }
  const reason = validReason(input.reason);
  const now = input.now ?? Date.now();
  return writeTransaction(sqlite, () => {
    const row = loadCase(sqlite, input.caseId);
    assertMayDecide(sqlite, row, input.user);
    assertVersion(sqlite, row, input.expectedVersion);
    const status = STATUS_AFTER[input.action];
    if (row.status === 'merged') throw new ConflictError(`case ${row.id} was merged into another case: decide that one`);
    if (row.status === status) throw new ConflictError(`case ${row.id} is already ${status}`);
    if (input.disposition !== undefined && input.action === 'escalate') throw new InputError('an escalation does not close the case: no disposition');

    const { id: decisionId } = dbOf(sqlite)
      .insert(decisions)
      .values({ caseId: row.id, action: input.action, reason, author: input.user.name, role: input.user.role, at: now })
      .returning({ id: decisions.id })
      .get();
    const disposition = input.action === 'escalate' ? null : (input.disposition ?? DEFAULT_DISPOSITION[input.action]);
    if (disposition) insertDisposition(sqlite, { caseId: row.id, disposition, note: reason, decisionId, user: input.user, at: now });
    changeCase(sqlite, row.id, { status, assignee: input.user.name }, now);
    const updated = loadCase(sqlite, row.id);
    const taught = teach(sqlite, updated, input.action, now);
    appendAudit(sqlite, {
      actor: input.user.name,
      action: 'case_decided',
      subjectKind: row.subjectKind,
      subjectId: row.subjectId,
      caseId: row.id,
      details: {
        decision_id: decisionId,
        action: input.action,
        reason,
        role: input.user.role,
        from: row.status,
        to: status,
        version: updated.version,
        known_bad_added: taught.knownBadAdded,
        ...(disposition ? { disposition } : {}),
        ...(input.action === 'dismiss' ? { known_good: taught.heldBy === null, ...(taught.heldBy ? { known_good_held_by: taught.heldBy } : {}) } : {}),
      },
      at: now,
    });
    // Webhooks hear of it in the same transaction: a decision that rolls back sends nothing.
    enqueueWebhookEvent(
      sqlite,
      input.action === 'escalate' ? 'case.escalated' : 'case.decided',
      { case_id: row.id, subject_kind: row.subjectKind, subject_id: row.subjectId, action: input.action, from: row.status, to: status, reason, by: input.user.name, role: input.user.role },
      now,
    );
    return { case: updated, decisionId, disposition };
  });
}

function teach(sqlite: Database.Database, row: CaseRow, action: DecisionAction, now: number): { knownBadAdded: number; heldBy: string | null } {
  if (action !== 'dismiss') forgetKnownGood(sqlite, row);
  if (action !== 'confirm') forgetKnownBad(sqlite, row);
  let heldBy: string | null = null;
  if (action === 'dismiss') {
    heldBy = knownGoodHeldBy(sqlite, row);
    if (heldBy === null) rememberKnownGood(sqlite, row, now);
  }
  return { knownBadAdded: action === 'confirm' ? rememberKnownBad(sqlite, row, now) : 0, heldBy };
}
