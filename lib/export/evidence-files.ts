/**
 * The machine-readable evidence of a case file: evidence/*.csv (every cell
 * neutralised against spreadsheet formulas, lib/export/csv.ts) and
 * case.json. Column meanings are listed in case.json's `files` section so
 * that the archive explains itself.
 */
import { caseJson } from '../cases/case-json';
import type { CaseEvidence } from './case-evidence';
import { EVENTS_SAMPLE, EVENTS_SAMPLE_RULE } from './case-evidence';
import { toCsv } from './csv';

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

export const CASE_FILE_FORMAT = 'distillwatch-case-file/1';

export const EVIDENCE_DESCRIPTIONS: Record<string, string> = {
  'evidence/accounts.csv':
    'Every member account: its sign-up record and its latest score (score: with the ring; own_score: its own behaviour); excluded: an analyst excluded it from the case as a false positive.',
  'evidence/excluded_members.csv':
    'Members excluded from the case as false positives, apart from the ring: who excluded each, in what role, when and why (the full history of exclusions and reinstatements is in case.json, member_decisions).',
  'evidence/dispositions.csv':
    'Why the case was closed: every disposition (false_positive, confirmed_extraction, policy_referral) with its note, author, role and time; the last row is the current one, an earlier row is a change of mind, never edited.',
  'evidence/lineage.csv':
    'Where members went and came from: each split (members moved from this case into a new one, or into this one) and merge (a case absorbed into another), with the accounts, reason, author and time.',
  'evidence/identifiers.csv':
    'Every identifier each member account used in the detection window (kind, value), the account\u2019s requests in that window, and whether the ring shares the identifier.',
  'evidence/daily_activity.csv': 'Full per-account, per-day aggregates of every exchange: requests, tokens and requests in each UTC hour (h00–h23).',
  'evidence/events_sample.csv': `A bounded sample of the exchanges with their prompt text, the response's output tokens and finish reason; pinned: an analyst pinned it to the case. ${EVENTS_SAMPLE_RULE}`,
  'evidence/alerts.csv': 'The alerts raised on this case, with their reasons as JSON.',
  'evidence/scores.csv': 'Every daily score of every member account, with its reasons (largest first) and the raw figures behind them, as JSON.',
  'case.json': 'The case, its subject, decisions, notes, alerts, the detection run and the sampling rules, as JSON.',
  'audit.json': 'The case\u2019s entries of the store\u2019s hash-chained audit trail, up to this export.',
  'report.pdf': 'The readable report.',
};

export function evidenceCsvFiles(ev: CaseEvidence): Map<string, string> {
  const accountId = new Map(ev.members.map((m) => [m.key, m.accountId]));
  const sharedKeys = new Set(ev.ring ? ev.shared.map((s) => `${s.kind}\u0000${s.value}`) : []);
  const files = new Map<string, string>();
  const excluded = new Set(ev.excluded.map((m) => m.accountId));

  files.set(
    'evidence/accounts.csv',
    toCsv(
      ['account_id', 'created_at', 'email', 'email_domain', 'org_id', 'plan', 'country', 'signup_ip', 'payment_fp', 'verified', 'score', 'own_score', 'flagged', 'window_requests', 'top_reasons', 'excluded'],
      ev.members.map((m) => [
        m.accountId,
        iso(m.createdAt),
        m.email,
        m.emailDomain,
        m.orgId,
        m.plan,
        m.country,
        m.signupIp,
        m.paymentFp,
        m.verified,
        m.score,
        m.ownScore,
        m.flagged,
        m.windowEvents,
        m.reasons.slice(0, 3).map((r) => r.code).join(' '),
        excluded.has(m.accountId),
      ]),
    ),
  );

  files.set(
    'evidence/excluded_members.csv',
    toCsv(
      ['account_id', 'excluded_by', 'role', 'excluded_at', 'reason'],
      ev.excluded.map((m) => [m.accountId, m.author, m.role, iso(m.at), m.reason]),
    ),
  );

  files.set(
    'evidence/dispositions.csv',
    toCsv(
      ['disposition', 'note', 'decision_id', 'author', 'role', 'at', 'current'],
      ev.dispositions.map((d, i) => [d.disposition, d.note, d.decisionId, d.author, d.role, iso(d.at), i === ev.dispositions.length - 1]),
    ),
  );

  files.set(
    'evidence/lineage.csv',
    toCsv(
      ['kind', 'direction', 'from_case', 'to_case', 'from_ring', 'accounts', 'account_ids', 'reason', 'author', 'role', 'at'],
      ev.lineage.map((l) => [
        l.kind,
        l.fromCase === ev.caseRow.id ? 'out' : 'in',
        l.fromCase,
        l.toCase,
        l.fromRing,
        l.accounts.length,
        l.accounts.join(' '),
        l.reason,
        l.author,
        l.role,
        iso(l.at),
      ]),
    ),
  );

  files.set(
    'evidence/identifiers.csv',
    toCsv(
      ['account_id', 'kind', 'value', 'account_window_requests', 'shared_by_ring'],
      ev.identifiers.map((i) => [accountId.get(i.account) ?? String(i.account), i.kind, i.value, i.events, ev.ring ? sharedKeys.has(`${i.kind}\u0000${i.value}`) : null]),
    ),
  );

  const hourHeaders = Array.from({ length: 24 }, (_, h) => `h${String(h).padStart(2, '0')}`);
  files.set(
    'evidence/daily_activity.csv',
    toCsv(
      ['account_id', 'day', 'requests', 'input_tokens', 'output_tokens', ...hourHeaders],
      ev.days.map((d) => [accountId.get(d.account) ?? String(d.account), d.day, d.events, d.inputTokens, d.outputTokens, ...d.hours]),
    ),
  );

  files.set(
    'evidence/events_sample.csv',
    toCsv(
      ['request_id', 'account_id', 'time', 'model', 'capability', 'flags', 'template', 'chars', 'truncated', 'prompt', 'system_prompt', 'pinned', 'output_tokens', 'finish_reason'],
      ev.prompts.map((p) => [
        p.requestId,
        accountId.get(p.account) ?? String(p.account),
        iso(p.ts),
        p.model,
        p.capability,
        p.flags.join(' '),
        p.template,
        p.chars,
        p.chars > EVENTS_SAMPLE.MAX_CHARS,
        p.text,
        p.systemPrompt,
        p.pinned,
        p.outputTokens,
        p.finishReason,
      ]),
    ),
  );

  files.set(
    'evidence/alerts.csv',
    toCsv(
      ['alert_id', 'day', 'kind', 'subject_kind', 'subject_id', 'score', 'accounts', 'top_reason', 'ring_id', 'plan', 'created_at', 'reasons'],
      ev.alerts.map((a) => [a.id, a.day, a.kind, a.subjectKind, a.subjectId, a.score, a.accounts, a.topReason, a.ringId, a.plan, iso(a.createdAt), JSON.stringify(a.reasons)]),
    ),
  );

  files.set(
    'evidence/scores.csv',
    toCsv(
      ['account_id', 'as_of', 'score', 'own_score', 'flagged', 'ring_id', 'window_requests', 'reason_codes', 'reasons', 'features'],
      ev.scores.map((s) => [
        accountId.get(s.account) ?? String(s.account),
        s.asOf,
        s.score,
        s.ownScore,
        s.flagged,
        s.ringId,
        s.events,
        s.reasons.map((r) => r.code).join(' '),
        JSON.stringify(s.reasons),
        JSON.stringify(s.features),
      ]),
    ),
  );
  return files;
}

export function caseJsonFile(ev: CaseEvidence, meta: { exportedBy: string; exportedAt: number; toolVersion: string }): string {
  const body = {
    format: CASE_FILE_FORMAT,
    case: caseJson(ev.caseRow),
    subject:
      ev.caseRow.subjectKind === 'ring'
        ? {
            kind: 'ring',
            id: ev.caseRow.subjectId,
            ring: ev.ring
              ? { ring_id: ev.ring.ringId, as_of: ev.ring.asOf, score: ev.ring.score, size: ev.ring.size, summary: ev.ring.summary, reasons: ev.ring.reasons, shared: ev.shared }
              : null,
            accounts: ev.members.map((m) => m.accountId),
            // The rings the case covers: its own, and those of cases merged into it.
            rings: [ev.caseRow.subjectId, ...ev.lineage.filter((l) => l.kind === 'merge' && l.toCase === ev.caseRow.id).map((l) => l.fromRing)],
            excluded_members: ev.excluded.map((m) => ({ account_id: m.accountId, reason: m.reason, author: m.author, role: m.role, at: iso(m.at) })),
          }
        : { kind: 'account', id: ev.caseRow.subjectId, shared: ev.shared },
    decisions: ev.decisions.map((d) => ({ id: d.id, action: d.action, reason: d.reason, author: d.author, at: iso(d.at) })),
    disposition: ev.dispositions.length
      ? (({ disposition, note, author, role, at }) => ({ disposition, note, author, role, at: iso(at) }))(ev.dispositions[ev.dispositions.length - 1])
      : null,
    dispositions: ev.dispositions.map((d) => ({ id: d.id, disposition: d.disposition, note: d.note, decision_id: d.decisionId, author: d.author, role: d.role, at: iso(d.at) })),
    lineage: ev.lineage.map((l) => ({
      kind: l.kind,
      direction: l.fromCase === ev.caseRow.id ? 'out' : 'in',
      from_case: l.fromCase,
      to_case: l.toCase,
      from_ring: l.fromRing,
      accounts: l.accounts,
      reason: l.reason,
      author: l.author,
      role: l.role,
      at: iso(l.at),
    })),
    pinned_evidence: ev.pinned.map((x) => ({ account_id: x.accountId, request_id: x.requestId, note: x.note, pinned_by: x.pinnedBy, pinned_at: iso(x.pinnedAt) })),
    graph_views: ev.graphViews.map((v) => ({
      id: v.id,
      name: v.name,
      ring_id: v.ringId,
      ring_as_of: v.asOf,
      saved_by: v.author,
      role: v.role,
      saved_at: iso(v.at),
      case_version: v.caseVersion,
      summary: v.summary,
      view: v.view,
      drawn_in_report: v === ev.graphViews[0],
    })),
    member_decisions: ev.memberDecisions.map((d) => ({ id: d.id, account_id: d.accountId, action: d.action, reason: d.reason, author: d.author, role: d.role, at: iso(d.at) })),
    notes: ev.notes.map((x) => ({ id: x.id, author: x.author, body: x.body, at: iso(x.at) })),
    alerts: ev.alerts.map((a) => ({ id: a.id, day: a.day, kind: a.kind, score: a.score, accounts: a.accounts, reasons: a.reasons })),
    detection: ev.detection
      ? { as_of: ev.detection.asOf, generated_at: iso(ev.detection.generatedAt), threshold: ev.detection.threshold, model_version: ev.detection.modelVersion }
      : null,
    export: {
      exported_by: meta.exportedBy,
      exported_at: iso(meta.exportedAt),
      tool: 'distillwatch',
      tool_version: meta.toolVersion,
      audit_through_seq: ev.chainHead?.seq ?? 0,
      events_sample: {
        rule: EVENTS_SAMPLE_RULE,
        rows: ev.prompts.length,
        retained_prompts_of_members: ev.promptsRetained,
        per_account: ev.caseRow.subjectKind === 'ring' ? EVENTS_SAMPLE.PER_ACCOUNT_RING : EVENTS_SAMPLE.PER_ACCOUNT_SINGLE,
        max_rows: EVENTS_SAMPLE.TOTAL,
        max_chars: EVENTS_SAMPLE.MAX_CHARS,
      },
      csv: 'UTF-8, comma-separated, CRLF line ends; text cells beginning with =, +, -, @, tab or carriage return are prefixed with a single quote so no spreadsheet runs them.',
    },
    files: EVIDENCE_DESCRIPTIONS,
  };
  return JSON.stringify(body, null, 2) + '\n';
}
