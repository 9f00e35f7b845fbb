/**
 * Evidence pinned to a case: an analyst picks kept exchanges (rows of
 * `prompts`) that show what the case is about; the case page lists them and
 * the case file leads with them. Append-only like decisions: pinning and
 * unpinning are rows of `case_evidence_pins`, an exchange's standing is its
 * latest row, and each change is an audit entry.
 *
 * An exchange may be pinned to the case of its account, or of its account's
 * ring (the ring's members as detection last stored them).
 */
import type Database from 'better-sqlite3';
import { dbOf, writeTransaction } from '../../db/client';
import { caseEvidencePins } from '../../db/schema';
import { appendAudit } from '../audit/append';
import { assertCan, type Actor } from '../auth/permissions';
import type { PinAction } from '../domain';
import { ConflictError, InputError, NotFoundError } from '../errors';
import { loadCase } from './case-row';

export const PIN_NOTE_MAX = 500;

export interface PinInput {
  caseId: string;
  accountId: string;
  requestId: string;
  action: PinAction;
  note?: string | null;
  user: Actor;
  now?: number;
}

export interface PinnedExchange {
  accountId: string;
  requestId: string;
  note: string | null;
  pinnedBy: string;
  pinnedAt: number;
}

/** The exchanges currently pinned to a case, in the order they were pinned. */
export function pinnedEvidence(sqlite: Database.Database, caseId: string): PinnedExchange[] {
  return sqlite
    .prepare(
      `SELECT p.account_id AS accountId, p.request_id AS requestId, p.note, p.author AS pinnedBy, p.at AS pinnedAt
       FROM case_evidence_pins p
       WHERE p.case_id = ? AND p.action = 'pin'
         AND p.id = (SELECT max(id) FROM case_evidence_pins l WHERE l.case_id = p.case_id AND l.account_id = p.account_id AND l.request_id = p.request_id)
       ORDER BY p.id`,
    )
    .all(caseId) as PinnedExchange[];
}

/** Whether the account is the case's subject or a member of the ring that is. */
function coveredBy(sqlite: Database.Database, subjectKind: string, subjectId: string, accountId: string): boolean {
  if (subjectKind === 'account') return subjectId === accountId;
  return (
    sqlite
      .prepare(
        `SELECT 1 FROM ring_members m JOIN accounts a ON a.id = m.account
         WHERE m.ring_id = ? AND a.account_id = ? AND m.as_of = (SELECT max(as_of) FROM rings WHERE ring_id = ?)`,
      )
      .get(subjectId, accountId, subjectId) !== undefined
  );
}

export function pinEvidence(sqlite: Database.Database, input: PinInput): { pinned: PinnedExchange[] } {
  const note = input.note?.trim() || null;
  if (note !== null && note.length > PIN_NOTE_MAX) throw new InputError(`a note of at most ${PIN_NOTE_MAX} characters`);
  const now = input.now ?? Date.now();
  return writeTransaction(sqlite, () => {
    const row = loadCase(sqlite, input.caseId);
    assertCan(input.user, 'work_cases', 'pin evidence', row.id);
    const kept = sqlite
      .prepare(`SELECT 1 FROM prompts p JOIN accounts a ON a.id = p.account WHERE a.account_id = ? AND p.request_id = ?`)
      .get(input.accountId, input.requestId);
    if (!kept) throw new NotFoundError(`no kept exchange ${input.requestId} of ${input.accountId}`);
    if (!coveredBy(sqlite, row.subjectKind, row.subjectId, input.accountId)) {
      throw new InputError(`${input.accountId} is not covered by ${row.id} (${row.subjectKind} ${row.subjectId})`);
    }
    const pinned = pinnedEvidence(sqlite, row.id).some((p) => p.accountId === input.accountId && p.requestId === input.requestId);
    if (pinned === (input.action === 'pin')) throw new ConflictError(`${input.requestId} is ${pinned ? 'already pinned to' : 'not pinned to'} ${row.id}`);
    dbOf(sqlite)
      .insert(caseEvidencePins)
      .values({ caseId: row.id, accountId: input.accountId, requestId: input.requestId, action: input.action, note, author: input.user.name, at: now })
      .run();
    appendAudit(sqlite, {
      actor: input.user.name,
      action: input.action === 'pin' ? 'evidence_pinned' : 'evidence_unpinned',
      subjectKind: row.subjectKind,
      subjectId: row.subjectId,
      caseId: row.id,
      details: { account_id: input.accountId, request_id: input.requestId, ...(note ? { note } : {}) },
      at: now,
    });
    return { pinned: pinnedEvidence(sqlite, row.id) };
  });
}

/** A pinned exchange with what the case page and the case file show of it. */
export interface PinnedExchangeText extends PinnedExchange {
  ts: number;
  model: string | null;
  /** Length of the prompt as sent; `text` is cut at `limit`. */
  chars: number;
  text: string;
  flags: number;
  inputTokens: number | null;
  outputTokens: number | null;
  reasoningTokens: number | null;
  finishReason: number | null;
}

/** The pinned exchanges with their text (cut at `limit` characters) and the response's figures. */
export function pinnedEvidenceText(sqlite: Database.Database, caseId: string, limit = 2000): PinnedExchangeText[] {
  const fetch = sqlite.prepare(
    `SELECT p.ts, d.value AS model, p.chars, substr(p.text, 1, ?) AS text, p.flags,
            k.input_tokens AS inputTokens, coalesce(k.output_tokens, c.output_tokens) AS outputTokens,
            coalesce(k.reasoning_tokens, c.reasoning_tokens) AS reasoningTokens, coalesce(k.finish, c.finish) AS finishReason
     FROM (SELECT p.account, p.ts, p.rid, p.model, p.chars, p.text, p.flags FROM prompts p JOIN accounts a ON a.id = p.account
           WHERE a.account_id = ? AND p.request_id = ?
           UNION SELECT c.account, c.ts, c.rid, c.model, c.chars, c.text, c.flags FROM case_prompts c JOIN accounts a ON a.id = c.account
           WHERE c.case_id = ? AND a.account_id = ? AND c.request_id = ?) p
     LEFT JOIN dictionary d ON d.id = p.model
     LEFT JOIN prompts k ON k.account = p.account AND k.ts = p.ts AND k.rid = p.rid
     LEFT JOIN case_prompts c ON c.case_id = ? AND c.account = p.account AND c.ts = p.ts AND c.rid = p.rid
     LIMIT 1`,
  );
  // Read from the case's own copies too: pinned evidence outlives retention (lib/retention).
  return pinnedEvidence(sqlite, caseId).flatMap((pin) => {
    const row = fetch.get(limit, pin.accountId, pin.requestId, caseId, pin.accountId, pin.requestId, caseId) as Omit<PinnedExchangeText, keyof PinnedExchange> | undefined;
    return row ? [{ ...pin, ...row }] : [];
  });
}
