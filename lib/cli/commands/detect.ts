import { readFileSync } from 'node:fs';
import { openStore } from '../../../db/client';
import { detect, detectFrom } from '../../detect/detect';
import type { ClickHouseEvents } from '../../events/clickhouse-events';
import { openEvents } from '../../events/open-events';
import { parseModel } from '../../detect/model';
import { formatCount } from '../../progress';
import { acquireLock, DETECT_LOCK, holderName, releaseLock } from '../../schedule/lock';
import { eventsFlag, EVENTS_OPTION, parse, storePath } from '../args';

/** A hand-run detection holds the store's detection lock too: never two runs at once (lib/schedule/lock.ts). */
const LEASE_MS = 6 * 3_600_000;

export async function detectCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { 'as-of': { type: 'string' }, weights: { type: 'string' }, ...EVENTS_OPTION });
  const model = typeof values.weights === 'string' ? parseModel(readFileSync(values.weights, 'utf8'), values.weights) : undefined;
  const store = openStore(storePath(values), { cacheMiB: 256 });
  const holder = holderName();
  const lock = acquireLock(store.sqlite, DETECT_LOCK, holder, LEASE_MS, Date.now());
  if (!lock.acquired) {
    store.close();
    throw new Error(`another detection run holds the lock (${lock.holder}, until ${new Date(lock.expiresAt).toISOString()})`);
  }
  let events: ClickHouseEvents | null = null;
  try {
    events = await openEvents(store.sqlite, eventsFlag(values));
    const opts = { asOf: typeof values['as-of'] === 'string' ? values['as-of'] : undefined, model };
    // SQLite: the synchronous scan, unchanged; ClickHouse: the features computed there first (detectFrom).
    const s = events ? await detectFrom(store.sqlite, events, opts) : detect(store.sqlite, opts);
    if (values.json) process.stdout.write(JSON.stringify(s) + '\n');
    else
      process.stdout.write(
        `detect ${s.as_of}: ${formatCount(s.accounts)} accounts scored over ${s.window_days} days (${formatCount(s.events)} events); ` +
          `${formatCount(s.flagged)} flagged, ${formatCount(s.rings)} rings (${s.flagged_rings} flagged), ${formatCount(s.alerts)} new alerts in ${s.seconds} s\n`,
      );
    return 0;
  } finally {
    releaseLock(store.sqlite, DETECT_LOCK, holder);
    await events?.close();
    store.close();
  }
}
