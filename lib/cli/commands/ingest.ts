import { openStore } from '../../../db/client';
import { ingestFiles } from '../../ingest/ingest';
import { formatCount } from '../../progress';
import { parse, storePath, UsageError } from '../args';

export async function ingestCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {});
  if (positionals.length === 0) throw new UsageError('usage: distillwatch ingest FILE… [--db PATH] [--json]');
  // Appending needs little page cache; memory is better left to the parse pipeline.
  const store = openStore(storePath(values), { cacheMiB: 32 });
  try {
    const s = await ingestFiles(store, positionals);
    if (values.json) process.stdout.write(JSON.stringify(s) + '\n');
    else {
      process.stdout.write(
        `ingested ${formatCount(s.events)} events and ${formatCount(s.accounts)} account records; ` +
          `${formatCount(s.duplicates)} duplicates skipped; ${formatCount(s.rejected)} lines rejected` +
          (s.rejects_file ? ` (see ${s.rejects_file})` : '') + '\n',
      );
    }
    return 0;
  } finally {
    store.close();
  }
}
