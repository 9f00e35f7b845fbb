import { existsSync, readFileSync } from 'node:fs';
import { openStore } from '../../../db/client';
import { verifyCaseFile } from '../../export/verify-case-file';
import { parse, UsageError } from '../args';

const USAGE = 'usage: distillwatch verify FILE.zip [--db PATH] [--json]';

interface ExportRecord {
  seq: number;
  at: number;
  actor: string;
  case_id: string;
}

/** The store's record of this export, when --db names a store to look in. */
function exportRecord(db: string, manifestSha256: string): ExportRecord | null {
  if (!existsSync(db)) throw new Error(`no store at ${db}`);
  const store = openStore(db, { readonly: true });
  try {
    return (
      (store.sqlite
        .prepare(
          `SELECT seq, at, actor, case_id FROM audit_log WHERE action = 'case_exported' AND json_extract(details, '$.manifest_sha256') = ? ORDER BY seq LIMIT 1`,
        )
        .get(manifestSha256) as ExportRecord | undefined) ?? null
    );
  } finally {
    store.close();
  }
}

/**
 * Checks a case file on its own: every file against manifest.sha256, nothing
 * missing or extra, audit.json's hash chain. With --db, also that the store's
 * audit trail recorded this very export (its manifest's SHA-256).
 */
export async function verifyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {});
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const [file] = positionals;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const result = verifyCaseFile(bytes);
  let recorded: ExportRecord | null | undefined;
  if (typeof values.db === 'string' && result.manifestSha256) {
    recorded = exportRecord(values.db, result.manifestSha256);
    if (!recorded) result.problems.push(`manifest.sha256: its SHA-256 is not recorded as an export in the store ${values.db}`);
    result.ok = result.problems.length === 0;
  }
  if (values.json) {
    process.stdout.write(
      JSON.stringify({
        ok: result.ok,
        case_id: result.caseId,
        manifest_sha256: result.manifestSha256,
        files_checked: result.checked,
        audit_entries: result.auditEntries,
        recorded: recorded ? { audit_seq: recorded.seq, exported_by: recorded.actor, at: new Date(recorded.at).toISOString() } : recorded === null ? null : undefined,
        problems: result.problems,
      }) + '\n',
    );
  } else {
    for (const p of result.problems) process.stdout.write(`FAILED ${p}\n`);
    if (result.ok) {
      process.stdout.write(
        `${file}: OK, case ${result.caseId ?? '?'}\n` +
          `  ${result.checked.length} files match manifest.sha256, none missing or extra\n` +
          `  audit chain intact (${result.auditEntries} ${result.auditEntries === 1 ? 'entry' : 'entries'})\n` +
          `  manifest SHA-256 ${result.manifestSha256}` +
          (recorded ? `\n  recorded in the store: exported by ${recorded.actor} at ${new Date(recorded.at).toISOString()} (audit entry ${recorded.seq})\n` : ' (match it against the export record on the case page)\n'),
      );
    }
  }
  if (!result.ok) {
    const names = result.problems.map((p) => p.split(':')[0]);
    process.stderr.write(`distillwatch verify: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}: ${[...new Set(names)].join(', ')}\n`);
    return 1;
  }
  return 0;
}
