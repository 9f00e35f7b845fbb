/**
 * `distillwatch fit --labels FILE [--out weights.json]`: fits the account
 * model's weights on the labelled scenario in the store (see lib/detect/fit.ts)
 * and writes them as a new versioned weights file. Use several stores (seeds)
 * by running it on a store that holds several scenarios' accounts.
 */
import { writeFileSync } from 'node:fs';
import { openStore } from '../../../db/client';
import { defaultAsOf } from '../../detect/detect';
import { readLabels } from '../../detect/evaluate';
import { scanWindow } from '../../features/account-features';
import { fitLogistic, labelledSamples } from '../../detect/fit';
import { MODEL } from '../../detect/model';
import { loadAccounts } from '../../features/profiles';
import { SIGNALS } from '../../detect/signals';
import { windowFor } from '../../features/window';
import type { ClickHouseEvents } from '../../events/clickhouse-events';
import { openEvents } from '../../events/open-events';
import { eventsFlag, EVENTS_OPTION, parse, storePath, UsageError } from '../args';

export async function fitCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { labels: { type: 'string' }, out: { type: 'string' }, version: { type: 'string' }, l2: { type: 'string' }, ...EVENTS_OPTION });
  if (typeof values.labels !== 'string') throw new UsageError('usage: distillwatch fit --labels FILE [--out FILE] [--version V]');
  const labels = readLabels(values.labels);
  const store = openStore(storePath(values));
  let events: ClickHouseEvents | null = null;
  try {
    events = await openEvents(store.sqlite, eventsFlag(values));
    const window = windowFor(defaultAsOf(store.sqlite));
    const scan = events ? await events.scanWindow(window) : scanWindow(store.sqlite, window);
    const accounts = loadAccounts(store.sqlite);
    const codes = SIGNALS.map((s) => s.code);
    const samples = labelledSamples(scan, accounts, labels);
    const l2 = typeof values.l2 === 'string' ? Number(values.l2) : 0.01;
    const fit = fitLogistic(samples, codes, { l2 });
    const model = {
      version: typeof values.version === 'string' ? values.version : `fitted-${new Date().toISOString().slice(0, 10)}`,
      note: `Fitted by \`distillwatch fit\` on ${samples.length} samples (${samples.filter((s) => s.y).length} extraction; verified legitimate accounts also as if unverified); l2 ${l2}; group-balanced log loss ${fit.loss.toFixed(4)}.`,
      bias: +fit.bias.toFixed(4),
      threshold: MODEL.threshold,
      ring: MODEL.ring,
      // Hand-set weights (INTEL_MATCH, SMALL_HARVEST: no scenario holds what they weigh) carry over from the shipped model.
      weights: { ...MODEL.weights, ...Object.fromEntries(codes.map((c, i) => [c, +fit.weights[i].toFixed(4)])) },
    };
    const text = JSON.stringify(model, null, 2) + '\n';
    if (typeof values.out === 'string') writeFileSync(values.out, text);
    process.stdout.write(text);
    return 0;
  } finally {
    await events?.close();
    store.close();
  }
}
