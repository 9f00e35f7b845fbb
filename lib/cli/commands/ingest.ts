import { readFileSync } from 'node:fs';
import { openStore } from '../../../db/client';
import { FORMAT_NAMES, formatNameSchema } from '../../ingest/formats/format-spec';
import { ingestFiles } from '../../ingest/ingest';
import { formatCount } from '../../progress';
import { eventsFlag, EVENTS_OPTION, parse, storePath, UsageError } from '../args';
import type { ClickHouseEvents } from '../../events/clickhouse-events';
import { openEvents } from '../../events/open-events';

const USAGE = `usage: distillwatch ingest FILE… [--format ${FORMAT_NAMES.join('|')}] [--map FILE] [--events URL] [--db PATH] [--json]`;

/** The field map file: JSON (its shape is checked by the format it is for). */
export function readMapFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the field map ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`the field map ${file} is not JSON: ${(err as Error).message}`);
  }
}

export async function ingestCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { format: { type: 'string' }, map: { type: 'string' }, ...EVENTS_OPTION });
  if (positionals.length === 0) throw new UsageError(USAGE);
  const format = formatNameSchema.safeParse(values.format ?? 'auto');
  if (!format.success) throw new UsageError(`--format must be one of ${FORMAT_NAMES.join(', ')}`);
  const map = typeof values.map === 'string' ? readMapFile(values.map) : undefined;
  // Appending needs little page cache; memory is better left to the parse pipeline.
  const store = openStore(storePath(values), { cacheMiB: 32 });
  let events: ClickHouseEvents | null = null;
  try {
    events = await openEvents(store.sqlite, eventsFlag(values));
    const s = await ingestFiles(store, positionals, {
      eventSink: events ?? undefined,
      format: format.data,
      map,
      onFormat: (file, f, layout) => {
        if (format.data === 'auto' || f !== 'contract') process.stderr.write(`ingest: ${file}: ${f} (${layout === 'lines' ? 'JSON lines' : layout === 'csv' ? 'CSV' : 'JSON array'})\n`);
      },
    });
    if (values.json) {
      const { accounts, events, duplicates, rejected, rejects_file } = s;
      process.stdout.write(JSON.stringify({ accounts, events, duplicates, rejected, rejects_file }) + '\n');
    } else {
      process.stdout.write(
        `ingested ${formatCount(s.events)} events and ${formatCount(s.accounts)} account records; ` +
          `${formatCount(s.duplicates)} duplicates skipped; ${formatCount(s.rejected)} lines rejected` +
          (s.rejects_file ? ` (see ${s.rejects_file})` : '') + '\n',
      );
    }
    return 0;
  } finally {
    await events?.close();
    store.close();
  }
}
