import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openStore } from '../../../db/client';
import { findUser } from '../../auth/users';
import { can } from '../../auth/permissions';
import { exportIntel } from '../../intel/export';
import { importIntel } from '../../intel/import';
import { sharingKey } from '../../intel/keyed-hash';
import { TLP_LEVELS, type TlpLevel } from '../../intel/stix';
import { BundleError, MAX_BUNDLE_BYTES } from '../../intel/validate';
import { parse, storePath, UsageError } from '../args';

const USAGE = 'usage: distillwatch intel export --out FILE.json [--tlp clear|green|amber|amber+strict|red] [--producer NAME] [--user NAME] | intel import FILE.json [--json] [--user NAME]';

/** An optional --user must be an active user who may do this; without one the CLI acts as "cli". */
function actorName(sqlite: Parameters<typeof findUser>[0], name: unknown, exporting: boolean): string {
  if (typeof name !== 'string') return 'cli';
  const user = findUser(sqlite, name);
  if (!user || user.disabled) throw new Error(`no active user named ${name} (create one with distillwatch users add)`);
  if (exporting && !can(user.role, 'export_intel')) throw new Error(`${user.name} (${user.role}) may not export indicators: leads and legal may`);
  if (!exporting && !can(user.role, 'work_cases')) throw new Error(`${user.name} (${user.role}) may not import indicators`);
  return user.name;
}

export async function intelCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'export') return exportCommand(rest);
  if (sub === 'import') return importCommand(rest);
  throw new UsageError(USAGE);
}

async function exportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { out: { type: 'string' }, tlp: { type: 'string' }, producer: { type: 'string' }, user: { type: 'string' } });
  if (positionals.length > 0 || typeof values.out !== 'string') throw new UsageError(USAGE);
  const tlp = (values.tlp ?? 'amber') as TlpLevel;
  if (!(TLP_LEVELS as readonly string[]).includes(tlp)) throw new UsageError(`--tlp must be one of ${TLP_LEVELS.join(', ')}`);
  sharingKey();
  const store = openStore(storePath(values));
  try {
    const actor = actorName(store.sqlite, values.user, true);
    const r = exportIntel(store.sqlite, { tlp, producer: typeof values.producer === 'string' ? values.producer : undefined, actor });
    const out = path.resolve(values.out);
    const tmp = `${out}.${process.pid}.tmp`;
    writeFileSync(tmp, r.text);
    renameSync(tmp, out);
    if (values.json) {
      process.stdout.write(JSON.stringify({ out, bundle_id: r.bundle.id, sha256: r.sha256, campaigns: r.campaigns, indicators: r.indicators, withheld: r.withheld }) + '\n');
    } else {
      process.stdout.write(
        `wrote ${r.indicators} indicators of ${r.campaigns} confirmed case${r.campaigns === 1 ? '' : 's'} (TLP:${tlp.toUpperCase()}) to ${values.out}; ` +
          `${r.withheld} identifiers held back as not specific enough\n`,
      );
    }
    return 0;
  } finally {
    store.close();
  }
}

async function importCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { user: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError(USAGE);
  sharingKey();
  const file = positionals[0];
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new Error(`cannot read ${file}`);
  }
  // Refused before reading: a 50 MB file never reaches memory.
  if (size > MAX_BUNDLE_BYTES) throw new BundleError(`refused: ${file} is ${(size / 2 ** 20).toFixed(1)} MiB, over the ${MAX_BUNDLE_BYTES / 2 ** 20} MiB limit`);
  const bytes = readFileSync(file);
  const store = openStore(storePath(values));
  try {
    const actor = actorName(store.sqlite, values.user, false);
    const r = await importIntel(store.sqlite, bytes, { actor });
    for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
    if (values.json) {
      // Exactly the fields of the case object `cases --json` prints.
      process.stdout.write(JSON.stringify({ indicators: r.indicators, matched_accounts: r.matchedAccounts }) + '\n');
    } else {
      const head = r.alreadyImported
        ? `${file} was already imported (bundle ${r.bundleId} from ${r.producer}): nothing changed`
        : `imported ${r.indicators} indicators from ${r.producer} (${r.matchable} matchable); ${r.matchedAccounts.length} of our accounts match; ${r.alerts} new alerts`;
      process.stdout.write(`${head}\n`);
      for (const a of r.matchedAccounts) process.stdout.write(`${a}\n`);
    }
    return 0;
  } finally {
    store.close();
  }
}
