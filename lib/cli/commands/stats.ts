import { openStore } from '../../../db/client';
import { formatCount } from '../../progress';
import { storeStats } from '../../store/stats';
import { parse, storePath } from '../args';

export async function statsCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {});
  const store = openStore(storePath(values));
  try {
    const s = storeStats(store.sqlite);
    if (values.json) process.stdout.write(JSON.stringify(s) + '\n');
    else {
      const rows: [string, string][] = [
        ['accounts', formatCount(s.accounts)],
        ['events', formatCount(s.events)],
        ['first event', s.first_event ?? '—'],
        ['last event', s.last_event ?? '—'],
        ['alerts', formatCount(s.alerts)],
        ['rings', formatCount(s.rings)],
        ['cases', formatCount(s.cases)],
      ];
      for (const [k, v] of rows) process.stdout.write(`${k.padEnd(12)} ${v}\n`);
    }
    return 0;
  } finally {
    store.close();
  }
}
