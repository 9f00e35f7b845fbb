/**
 * Checking a case file: every file against manifest.sha256 (the same check
 * as `sha256sum -c manifest.sha256` in the unpacked folder), no file
 * missing and none extra, audit.json's hash chain, and audit-head.json's
 * signature over the store's head and the case's entries. Each problem names
 * the file or the audit entry.
 */
import type { KeyObject } from 'node:crypto';
import { unzipSync } from 'fflate';
import { checkAuditFile } from './audit-file';
import { CASE_HEAD_NAME, checkCaseHead } from './case-file-head';
import { MANIFEST_NAME, parseManifest, sha256Hex } from './manifest';

export interface Verification {
  ok: boolean;
  /** SHA-256 of manifest.sha256: the value the store's `case_exported` entry records. */
  manifestSha256: string | null;
  caseId: string | null;
  /** Files the manifest lists that matched. */
  checked: string[];
  auditEntries: number;
  /** The store's head the file was signed at, and the id of the key that signed. */
  signedHead: { seq: number; hash: string } | null;
  keyId: string | null;
  problems: string[];
}

export interface VerifyOptions {
  /** Keys audit-head.json must be signed with (the store's published key); without, the key it carries is reported. */
  publicKeys?: KeyObject[];
}

const decoder = new TextDecoder();

export function verifyCaseFile(zip: Uint8Array, opts: VerifyOptions = {}): Verification {
  const result: Verification = { ok: false, manifestSha256: null, caseId: null, checked: [], auditEntries: 0, signedHead: null, keyId: null, problems: [] };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (err) {
    result.problems.push(`not a readable zip archive (${(err as Error).message})`);
    return result;
  }
  // Folder entries carry no content.
  for (const name of Object.keys(files)) if (name.endsWith('/')) delete files[name];

  const manifest = files[MANIFEST_NAME];
  if (!manifest) {
    result.problems.push(`${MANIFEST_NAME}: missing`);
    return result;
  }
  result.manifestSha256 = sha256Hex(manifest);
  const { lines, problems } = parseManifest(decoder.decode(manifest));
  result.problems.push(...problems.map((p) => `${MANIFEST_NAME}: ${p}`));
  const listed = new Set<string>();
  for (const line of lines) {
    if (listed.has(line.path)) result.problems.push(`${line.path}: listed twice in ${MANIFEST_NAME}`);
    listed.add(line.path);
    const data = files[line.path];
    if (!data) result.problems.push(`${line.path}: missing (listed in ${MANIFEST_NAME})`);
    else if (sha256Hex(data) !== line.sha256) result.problems.push(`${line.path}: SHA-256 does not match ${MANIFEST_NAME} (altered)`);
    else result.checked.push(line.path);
  }
  for (const name of Object.keys(files).sort()) {
    if (name !== MANIFEST_NAME && !listed.has(name)) result.problems.push(`${name}: extra file, not in ${MANIFEST_NAME}`);
  }

  const caseJson = files['case.json'];
  if (caseJson) {
    try {
      result.caseId = (JSON.parse(decoder.decode(caseJson)) as { case?: { case_id?: string } }).case?.case_id ?? null;
    } catch {
      result.problems.push('case.json: not valid JSON');
    }
  }
  const audit = files['audit.json'];
  let entries: { seq: number; hash: string }[] | null = null;
  if (!audit) {
    if (!listed.has('audit.json')) result.problems.push('audit.json: missing');
  } else {
    const text = decoder.decode(audit);
    result.problems.push(...checkAuditFile(text, result.caseId ?? undefined));
    try {
      const listedEntries = (JSON.parse(text) as { entries?: { seq: number; hash: string }[] }).entries;
      result.auditEntries = listedEntries?.length ?? 0;
      entries = Array.isArray(listedEntries) ? listedEntries.map((e) => ({ seq: e?.seq, hash: e?.hash })) : null;
    } catch {
      // reported by checkAuditFile
    }
  }
  const head = files[CASE_HEAD_NAME];
  if (head || !listed.has(CASE_HEAD_NAME)) {
    const check = checkCaseHead(head ? decoder.decode(head) : undefined, result.caseId, entries, opts.publicKeys);
    result.problems.push(...check.problems);
    result.signedHead = check.head;
    result.keyId = check.keyId;
  }
  result.ok = result.problems.length === 0;
  return result;
}
