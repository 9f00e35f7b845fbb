import type { KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openStore } from '../../../db/client';
import { existingPublicKey, readPublicKey } from '../../audit/anchor-key';
import { auditHashAt, exportEntryOf, type ExportEntry } from '../../audit/queries';
import { verifyCaseFile } from '../../export/verify-case-file';
import { parse, UsageError } from '../args';

const USAGE = 'usage: distillwatch verify FILE.zip [--db PATH] [--public-key FILE] [--json]';

/**
 * What the store says about this file, when --db names a store to look in:
 * its record of the export, and the hash its trail holds at the file's signed head.
 */
function storeFacts(db: string, manifestSha256: string | null, headSeq: number | null): { recorded: ExportEntry | null; hashAtHead: string | null } {
  if (!existsSync(db)) throw new Error(`no store at ${db}`);
  const store = openStore(db, { readonly: true });
  try {
    const recorded = manifestSha256 ? exportEntryOf(store.sqlite, manifestSha256) : null;
    const hashAtHead = headSeq === null ? null : auditHashAt(store.sqlite, headSeq);
    return { recorded, hashAtHead };
  } finally {
    store.close();
  }
}

/** The keys audit-head.json must be signed with: --public-key files, else the store's key (--db). */
function pinnedKeys(values: Record<string, unknown>): KeyObject[] | undefined {
  const given = values['public-key'] as string[] | undefined;
  if (given?.length) return given.map((p) => readPublicKey(p));
  if (typeof values.db === 'string') {
    const key = existingPublicKey(path.resolve(values.db));
    if (!key) throw new Error(`the store ${values.db} has no audit key beside it to check the signed head against (give --public-key FILE)`);
    return [key];
  }
  return undefined;
}

/**
 * Checks a case file on its own: every file against manifest.sha256, nothing
 * missing or extra, audit.json's hash chain, audit-head.json's signature over
 * the store's head and the case's entries. With --public-key (the store's
 * published key), that the store's key signed it. With --db, that too (the
 * store's own key), that the store's audit trail recorded this very export
 * (its manifest's SHA-256), and that the trail still holds the signed head.
 */
export async function verifyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { 'public-key': { type: 'string', multiple: true } });
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const [file] = positionals;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const pinned = pinnedKeys(values);
  const result = verifyCaseFile(bytes, { publicKeys: pinned });
  let recorded: ExportEntry | null | undefined;
  if (typeof values.db === 'string') {
    const facts = storeFacts(values.db, result.manifestSha256, result.signedHead?.seq ?? null);
    recorded = facts.recorded;
    if (result.manifestSha256 && !recorded) result.problems.push(`manifest.sha256: its SHA-256 is not recorded as an export in the store ${values.db}`);
    if (result.signedHead && facts.hashAtHead !== result.signedHead.hash) {
      result.problems.push(
        `audit-head.json: the store's trail no longer holds the signed head (seq ${result.signedHead.seq} is ${facts.hashAtHead ? 'a different entry' : 'gone'}): rewritten or truncated since the export`,
      );
    }
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
        signed_head: result.signedHead,
        key_id: result.keyId,
        key_pinned: pinned !== undefined,
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
          `  signed head: store seq ${result.signedHead?.seq ?? '—'}, key ${result.keyId}${pinned ? ' (the store\u2019s key)' : ' (compare with `distillwatch audit public-key` of the store, or give --public-key)'}\n` +
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
