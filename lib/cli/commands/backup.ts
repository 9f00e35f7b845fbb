/**
 * `distillwatch backup DEST [--force] [--check quick|full] [--json]`: an
 * online, verified copy of the store (lib/store/backup.ts), safe while the
 * server and ingest run. Progress on stderr; the summary on stdout.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { openStore } from '../../../db/client';
import { formatCount, progress } from '../../progress';
import { backupStore, checkDestination } from '../../store/backup';
import { parse, storePath, UsageError } from '../args';

const backupArgs = z.object({
  dest: z.string().min(1, 'backup needs a DEST file'),
  db: z.string().min(1),
  force: z.boolean(),
  check: z.enum(['quick', 'full'], { message: '--check must be quick or full' }),
  json: z.boolean(),
});

function backupOptions(argv: string[]) {
  const { values, positionals } = parse(argv, { force: { type: 'boolean' }, check: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError(`backup needs exactly one DEST file, got ${positionals.length}`);
  const r = backupArgs.safeParse({
    dest: positionals[0],
    db: storePath(values),
    force: values.force === true,
    check: values.check ?? 'quick',
    json: values.json === true,
  });
  if (!r.success) throw new UsageError(r.error.issues[0].message);
  return r.data;
}

export async function backupCommand(argv: string[]): Promise<number> {
  const args = backupOptions(argv);
  // Opening a store that is not there would create an empty one: a backup of nothing.
  if (!existsSync(args.db)) throw new Error(`no store at ${args.db}`);
  // Refuse before opening the store (which runs migrations) when the destination is wrong.
  checkDestination(args.db, args.dest, args.force);
  const store = openStore(args.db);
  const bar = progress('backup');
  try {
    const r = await backupStore(store.sqlite, args.dest, {
      force: args.force,
      check: args.check,
      onProgress: (copied, total) => bar.update(() => `${formatCount(copied)} of ${formatCount(total)} pages (${((copied / Math.max(total, 1)) * 100).toFixed(0)}%)`),
    });
    bar.done(`${formatCount(r.pages)} pages copied${r.restarts ? ` (restarted ${r.restarts}× by concurrent writes)` : ''}, ${r.check} check ok`);
    if (args.json) process.stdout.write(JSON.stringify(r) + '\n');
    else {
      process.stdout.write(`backup ${r.dest}: ${formatCount(r.bytes)} bytes, ${r.check} check ok\n`);
      for (const [t, n] of Object.entries(r.rows)) process.stdout.write(`${t.padEnd(12)} ${formatCount(n)}\n`);
    }
    return 0;
  } finally {
    store.close();
  }
}
