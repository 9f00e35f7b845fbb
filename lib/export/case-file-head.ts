/**
 * audit-head.json: the case file's signed head. At export the server signs,
 * with the store's audit key (lib/audit/anchor-key.ts), a statement naming
 * the store's head (last seq and hash) when the evidence was read, whether
 * the whole trail verified then, and the seq and hash of each of this case's
 * entries in audit.json. `distillwatch verify` checks the signature and that
 * audit.json holds exactly those entries; with the store's public key
 * (`--public-key`, or `--db`) it also checks who signed, and with `--db` that
 * the store still holds that head.
 *
 * audit.json alone proves only that its entries are unchanged; the signed
 * head ties them to a point of the store's trail that the store's head file
 * and webhook copies can be held to later.
 */
import type { KeyObject } from 'node:crypto';
import type { AuditKey } from '../audit/anchor-key';
import { keyIdOf, readPublicKey } from '../audit/anchor-key';
import type { AuditEntry } from '../audit/chain';
import { checkSignature, signStatement, type Signed } from '../audit/signed-statement';

export const CASE_HEAD_NAME = 'audit-head.json';
export const CASE_HEAD_FORMAT = 'distillwatch-case-head/1';

export interface CaseHeadStatement {
  kind: 'case_file_head';
  format: typeof CASE_HEAD_FORMAT;
  case_id: string;
  exported_at: string;
  /** The store's last entry when the evidence was read. */
  store_head: { seq: number; hash: string } | null;
  /** Whether the whole trail verified then (lib/audit/verify-trail.ts), and if not, its first problem. */
  store_trail_verified: boolean;
  store_trail_problem: string | null;
  /** The newest signed head the trail agreed with then. */
  signed_head_seq: number | null;
  /** [seq, hash] of each of the case's entries in audit.json, in order. */
  case_entries: [number, string][];
}

export interface CaseHeadFile {
  statement: Signed<CaseHeadStatement>;
  /** The key that signed (SPKI PEM), for convenience: check its id against the store's published key. */
  public_key: string;
  note: string;
}

const NOTE =
  'statement is signed with Ed25519 over its canonical JSON without "sig" (keys sorted at every depth, no whitespace); "key" is the first 16 hex ' +
  'digits of the SHA-256 of the public key (SPKI DER). Compare it with the store\u2019s published key (distillwatch audit public-key).';

export function caseHeadFile(
  key: AuditKey,
  input: Omit<CaseHeadStatement, 'kind' | 'format' | 'case_entries'> & { entries: AuditEntry[] },
): CaseHeadFile {
  const { entries, ...rest } = input;
  const statement = signStatement<CaseHeadStatement>(key, {
    kind: 'case_file_head',
    format: CASE_HEAD_FORMAT,
    ...rest,
    case_entries: entries.map((e) => [e.seq, e.hash]),
  });
  return { statement, public_key: key.publicPem, note: NOTE };
}

export interface CaseHeadCheck {
  problems: string[];
  head: { seq: number; hash: string } | null;
  keyId: string | null;
}

/**
 * Every problem with audit-head.json, each naming the file. `pinned`: the
 * keys it must be signed with (the store's); without them, the key it carries
 * is used and reported, for comparison with the published one.
 */
export function checkCaseHead(text: string | undefined, caseId: string | null, auditEntries: { seq: number; hash: string }[] | null, pinned?: KeyObject[]): CaseHeadCheck {
  const result: CaseHeadCheck = { problems: [], head: null, keyId: null };
  const fail = (what: string) => result.problems.push(`${CASE_HEAD_NAME}: ${what}`);
  if (text === undefined) {
    fail('missing (the case file carries no signed head)');
    return result;
  }
  let file: CaseHeadFile;
  try {
    file = JSON.parse(text) as CaseHeadFile;
  } catch {
    fail('not valid JSON');
    return result;
  }
  const s = file?.statement;
  if (!s || s.kind !== 'case_file_head' || s.format !== CASE_HEAD_FORMAT || !Array.isArray(s.case_entries)) {
    fail('not a signed case-file head');
    return result;
  }
  result.keyId = typeof s.key === 'string' ? s.key : null;
  let keys: KeyObject[] = pinned ?? [];
  if (!pinned) {
    try {
      keys = [readPublicKey(file.public_key)];
    } catch {
      fail('carries no readable public key');
      return result;
    }
  }
  const signature = checkSignature(s, keys);
  if (signature === 'unknown key') fail(`signed by key ${s.key}, not ${keys.map(keyIdOf).join(' or ') || 'the store\u2019s key'}`);
  else if (signature === 'bad signature') fail('the signature does not verify (altered)');
  if (caseId !== null && s.case_id !== caseId) fail(`is about case ${s.case_id}, not ${caseId}`);
  result.head = s.store_head;
  if (!s.store_trail_verified) fail(`the store's audit trail did not verify when this file was exported: ${s.store_trail_problem ?? 'see the report'}`);
  if (auditEntries) {
    const signed = s.case_entries.map(([seq, hash]) => `${seq}:${hash}`).join(',');
    const present = auditEntries.map((e) => `${e.seq}:${e.hash}`).join(',');
    if (signed !== present) {
      const signedSeqs = new Set(s.case_entries.map(([seq]) => seq));
      const presentSeqs = new Set(auditEntries.map((e) => e.seq));
      const missing = [...signedSeqs].filter((q) => !presentSeqs.has(q));
      const extra = [...presentSeqs].filter((q) => !signedSeqs.has(q));
      const parts = [
        missing.length ? `seq ${missing.join(', ')} signed but not in audit.json` : '',
        extra.length ? `seq ${extra.join(', ')} in audit.json but not signed` : '',
      ].filter(Boolean);
      fail(`audit.json's entries are not the signed ones (${parts.length ? parts.join('; ') : 'a hash differs'})`);
    }
    const beyond = s.store_head ? auditEntries.filter((e) => e.seq > s.store_head!.seq) : auditEntries;
    if (beyond.length) fail(`audit.json has entries after the signed store head (seq ${beyond.map((e) => e.seq).join(', ')})`);
  }
  return result;
}
