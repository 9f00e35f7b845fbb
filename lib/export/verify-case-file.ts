/**
 * Checking a case file: every file against manifest.sha256 (the same check
 * as `sha256sum -c manifest.sha256` in the unpacked folder), no file
 * missing and none extra, and audit.json's hash chain. Each problem names
 * the file or the audit entry.
 */
import { unzipSync } from 'fflate';
import { checkAuditFile } from './audit-file';
import { MANIFEST_NAME, parseManifest, sha256Hex } from './manifest';

export interface Verification {
  ok: boolean;
  /** SHA-256 of manifest.sha256: the value the store's `case_exported` entry records. */
  manifestSha256: string | null;
  caseId: string | null;
  /** Files the manifest lists that matched. */
  checked: string[];
  auditEntries: number;
  problems: string[];
}

const decoder = new TextDecoder();

export function verifyCaseFile(zip: Uint8Array): Verification {
  const result: Verification = { ok: false, manifestSha256: null, caseId: null, checked: [], auditEntries: 0, problems: [] };
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
  if (!audit) {
    if (!listed.has('audit.json')) result.problems.push('audit.json: missing');
  } else {
    const text = decoder.decode(audit);
    result.problems.push(...checkAuditFile(text, result.caseId ?? undefined));
    try {
      result.auditEntries = (JSON.parse(text) as { entries?: unknown[] }).entries?.length ?? 0;
    } catch {
      // reported by checkAuditFile
    }
  }
  result.ok = result.problems.length === 0;
  return result;
}
