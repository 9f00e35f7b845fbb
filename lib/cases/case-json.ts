/**
 * Cases as JSON for the CLI and the API: snake_case and ISO times, the
 * case object `cases --json` prints, extended with optional fields.
 */
import type { CaseRow } from './case-row';
import type { CaseDetail } from './queries';

const iso = (ms: number) => new Date(ms).toISOString();

export function caseJson(row: CaseRow) {
  return {
    case_id: row.id,
    status: row.status,
    subject: { kind: row.subjectKind, id: row.subjectId },
    accounts: row.accounts,
    score: row.score,
    assignee: row.assignee,
    version: row.version,
    opened_at: iso(row.openedAt),
    updated_at: iso(row.updatedAt),
    snoozed_until: row.snoozedUntil === null ? null : iso(row.snoozedUntil),
  };
}

export function caseDetailJson(detail: CaseDetail) {
  return {
    case: caseJson(detail.case),
    decisions: detail.decisions.map((d) => ({ id: d.id, action: d.action, reason: d.reason, author: d.author, role: d.role, at: iso(d.at) })),
    notes: detail.notes.map((n) => ({ id: n.id, author: n.author, body: n.body, at: iso(n.at) })),
    disposition: detail.dispositions.length ? detail.dispositions[detail.dispositions.length - 1].disposition : null,
    dispositions: detail.dispositions.map((d) => ({ id: d.id, disposition: d.disposition, note: d.note, decision_id: d.decisionId, author: d.author, role: d.role, at: iso(d.at) })),
    lineage: detail.lineage.map((l) => ({ kind: l.kind, from_case: l.fromCase, to_case: l.toCase, from_ring: l.fromRing, accounts: l.accounts, reason: l.reason, author: l.author, role: l.role, at: iso(l.at) })),
    audit: detail.audit.map((e) => ({
      seq: e.seq,
      at: iso(e.at),
      actor: e.actor,
      action: e.action,
      details: JSON.parse(e.details) as unknown,
      prev_hash: e.prevHash,
      hash: e.hash,
    })),
  };
}
