import { openStore } from '../../../db/client';
import { FORMAT_NAMES, formatNameSchema } from '../../ingest/formats/format-spec';
import { watchFolder } from '../../ingest/watch-folder';
import type { ClickHouseEvents } from '../../events/clickhouse-events';
import { openEvents } from '../../events/open-events';
import { eventsFlag, EVENTS_OPTION, numberOption, parse, storePath, UsageError } from '../args';
import { readMapFile } from './ingest';

const USAGE = `usage: distillwatch watch DIR [--format ${FORMAT_NAMES.join('|')}] [--map FILE] [--interval MS] [--once] [--events URL] [--db PATH]`;

/**
 * Ingests files as they appear in DIR (lib/ingest/watch-folder.ts) until
 * SIGINT or SIGTERM, which stop it between two files; with --once, what is
 * there now, then exits (non-zero when a file failed).
 */
export async function watchCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { format: { type: 'string' }, map: { type: 'string' }, interval: { type: 'string' }, once: { type: 'boolean' }, ...EVENTS_OPTION });
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const format = formatNameSchema.safeParse(values.format ?? 'auto');
  if (!format.success) throw new UsageError(`--format must be one of ${FORMAT_NAMES.join(', ')}`);
  const intervalMs = numberOption(values, 'interval', 1000);
  if (!(intervalMs >= 10)) throw new UsageError('--interval must be at least 10 (milliseconds)');
  const map = typeof values.map === 'string' ? readMapFile(values.map) : undefined;
  const store = openStore(storePath(values), { cacheMiB: 32 });
  let events: ClickHouseEvents | null;
  try {
    events = await openEvents(store.sqlite, eventsFlag(values));
  } catch (err) {
    store.close();
    throw err;
  }
  const stop = new AbortController();
  const onSignal = () => {
    process.stderr.write('watch: stopping after the current file\n');
    stop.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (!values.once) process.stderr.write(`watch: watching ${positionals[0]} (processing/, done/, failed/ inside it)\n`);
    const outcomes = await watchFolder(store, positionals[0], {
      format: format.data, map, intervalMs, eventSink: events ?? undefined, once: values.once === true, signal: stop.signal,
      log: (line) => process.stderr.write(`watch: ${line}\n`),
    });
    if (values.json) process.stdout.write(JSON.stringify({ files: outcomes.map((o) => ({ file: o.file, outcome: o.outcome, reason: o.reason ?? null })) }) + '\n');
    return values.once && outcomes.some((o) => o.outcome === 'failed') ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await events?.close();
    store.close();
  }
}
