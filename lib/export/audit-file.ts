/**
 * audit.json: a case's entries of the store's hash-chained audit trail, up
 * to the export, and the check `distillwatch verify` runs on them.
 *
 * A case's entries are a subset of the store's trail (sign-ins and other
 * cases sit between them), so the check proves what a subset can: each
 * entry's hash matches its own content and the previous hash it names, and
 * where two entries are consecutive in the store (seq n and n+1) the second
 * names the first's hash. Only the store's whole trail proves that no entry
 * was removed; the export records that the whole trail verified at the time.
 */
import { entryHash, GENESIS_HASH, type AuditEntry } from '../audit/chain';

export const AUDIT_FORMAT = 'distillwatch-audit/1';

export const HASH_RULE =
  'hash = SHA-256 (hex) of prev_hash followed by the canonical JSON of {seq, at, actor, action, subjectKind, subjectId, caseId, details} ' +
  '(keys sorted at every depth, no whitespace; at in epoch milliseconds); the store\u2019s first entry has a prev_hash of 64 zeros.';

export const SUBSET_NOTE =
  'These are this case\u2019s entries only. Each entry\u2019s hash is checked against its own content and the prev_hash it names; where two ' +
  'entries are consecutive in the store\u2019s trail (seq n and n+1) the link between them is checked too. Entries about other cases or ' +
  'sign-ins sit in the gaps; the whole trail was verified in the store at export (store_chain_intact_at_export).';

export interface AuditFileEntry {
  seq: number;
  at: number;
  actor: string;
  action: string;
  subject_kind: string | null;
  subject_id: string | null;
  case_id: string | null;
  details: unknown;
  prev_hash: string;
  hash: string;
}

export interface AuditFile {
  format: typeof AUDIT_FORMAT;
  case_id: string;
  exported_at: string;
  chain_head: { seq: number; hash: string } | null;
  store_chain_intact_at_export: boolean;
  hash_rule: string;
  note: string;
  entries: AuditFileEntry[];
}

export function auditFile(caseId: string, entries: AuditEntry[], opts: { exportedAt: number; chainHead: { seq: number; hash: string } | null; storeChainIntact: boolean }): AuditFile {
  return {
    format: AUDIT_FORMAT,
    case_id: caseId,
    exported_at: new Date(opts.exportedAt).toISOString(),
    chain_head: opts.chainHead,
    store_chain_intact_at_export: opts.storeChainIntact,
    hash_rule: HASH_RULE,
    note: SUBSET_NOTE,
    entries: entries.map((e) => ({
      seq: e.seq,
      at: e.at,
      actor: e.actor,
      action: e.action,
      subject_kind: e.subjectKind,
      subject_id: e.subjectId,
      case_id: e.caseId,
      details: JSON.parse(e.details) as unknown,
      prev_hash: e.prevHash,
      hash: e.hash,
    })),
  };
}

const isHash = (x: unknown): x is string => typeof x === 'string' && /^[0-9a-f]{64}$/.test(x);

/** Every problem with an audit.json, each naming the entry; empty when it verifies. */
export function checkAuditFile(text: string, expectedCaseId?: string): string[] {
  let file: AuditFile;
  try {
    file = JSON.parse(text) as AuditFile;
  } catch {
    return ['audit.json is not valid JSON'];
  }
  if (!file || typeof file !== 'object' || !Array.isArray(file.entries)) return ['audit.json has no entries list'];
  const problems: string[] = [];
  if (file.format !== AUDIT_FORMAT) problems.push(`audit.json: unknown format ${JSON.stringify(file.format)}`);
  if (expectedCaseId !== undefined && file.case_id !== expectedCaseId) problems.push(`audit.json is about case ${file.case_id}, not ${expectedCaseId}`);
  let previous: AuditFileEntry | undefined;
  file.entries.forEach((e, i) => {
    const name = `audit.json entry ${typeof e?.seq === 'number' ? `seq ${e.seq}` : `#${i + 1}`}${typeof e?.action === 'string' ? ` (${e.action})` : ''}`;
    if (!e || typeof e !== 'object' || typeof e.seq !== 'number' || typeof e.at !== 'number' || !isHash(e.hash) || !isHash(e.prev_hash)) {
      problems.push(`${name}: malformed`);
      return;
    }
    if (e.case_id !== file.case_id) problems.push(`${name}: belongs to case ${e.case_id}, not ${file.case_id}`);
    if (previous && e.seq <= previous.seq) problems.push(`${name}: out of order (after seq ${previous.seq})`);
    if (e.seq === 1 && e.prev_hash !== GENESIS_HASH) problems.push(`${name}: the first entry must follow the genesis hash`);
    if (previous && e.seq === previous.seq + 1 && e.prev_hash !== previous.hash) problems.push(`${name}: does not link to entry seq ${previous.seq}`);
    const hash = entryHash(e.prev_hash, {
      seq: e.seq,
      at: e.at,
      actor: e.actor,
      action: e.action,
      subjectKind: e.subject_kind,
      subjectId: e.subject_id,
      caseId: e.case_id,
      details: e.details,
    });
    if (hash !== e.hash) problems.push(`${name}: hash does not match the entry's content (altered)`);
    previous = e;
  });
  return problems;
}
