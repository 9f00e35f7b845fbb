import { renameSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { openStore } from '../../../db/client';
import { recordDenial } from '../../auth/record-denial';
import { findUser } from '../../auth/users';
import { ForbiddenError } from '../../errors';
import { buildCaseFile } from '../../export/case-file';
import { progress } from '../../progress';
import { parse, storePath, UsageError } from '../args';

const USAGE = 'usage: distillwatch export-case CASE_ID --out FILE.zip [--user NAME]';

/**
 * Writes the legal case file. With --user the export is attributed to that
 * dashboard user, who must be allowed to export (lead or legal); without it,
 * to the operating-system account running the command (`cli:<name>`).
 */
export async function exportCaseCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { out: { type: 'string' }, user: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError(USAGE);
  if (typeof values.out !== 'string') throw new UsageError('--out FILE.zip is required');
  const [caseId] = positionals;
  const store = openStore(storePath(values));
  try {
    let exportedBy: { name: string; role: 'lead' | 'legal' | 'analyst' | 'admin' } | string;
    if (typeof values.user === 'string') {
      const user = findUser(store.sqlite, values.user);
      if (!user || user.disabled) throw new Error(`no active user named ${values.user} (create one with distillwatch users add)`);
      exportedBy = { name: user.name, role: user.role };
    } else {
      exportedBy = `cli:${userInfo().username}`;
    }
    const shown = progress('export-case');
    const started = performance.now();
    let file;
    try {
      // Whether --user may export is buildCaseFile's rule (lib/export/export-permission.ts), as for the dashboard.
      file = await buildCaseFile(store.sqlite, caseId, { exportedBy });
    } catch (err) {
      if (err instanceof ForbiddenError) recordDenial(store.sqlite, { ...err.denied, via: 'cli export-case' });
      throw err;
    }
    const seconds = (performance.now() - started) / 1000;
    const out = path.resolve(values.out);
    const partial = `${out}.partial`;
    writeFileSync(partial, file.zip);
    renameSync(partial, out);
    shown.done(`built in ${seconds.toFixed(1)} s`);
    if (values.json) {
      process.stdout.write(
        JSON.stringify({ case_id: caseId, file: out, bytes: file.zip.byteLength, files: file.files.length, manifest_sha256: file.manifestSha256, audit_seq: file.auditSeq, exported_by: file.exportedBy, seconds: +seconds.toFixed(3) }) + '\n',
      );
    } else {
      process.stdout.write(
        `${caseId}: wrote ${out} (${file.files.length} files, ${(file.zip.byteLength / 1e6).toFixed(2)} MB) in ${seconds.toFixed(1)} s\n` +
          `manifest SHA-256 ${file.manifestSha256}, recorded as audit entry ${file.auditSeq} (exported by ${file.exportedBy})\n`,
      );
    }
    return 0;
  } finally {
    store.close();
  }
}
