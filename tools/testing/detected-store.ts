/**
 * A real store for the dashboard's query tests: a small generated month,
 * ingested and detected twice (the day before the last, then the last), so
 * that scores have a history and the queue has more than one day.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore, type Store } from '../../db/client';
import { detect } from '../../lib/detect/detect';
import { ingestFiles } from '../../lib/ingest/ingest';
import { generateScenario } from '../scenario/generate';

export interface DetectedStore {
  store: Store;
  days: string[];
}

export async function detectedStore(prefix: string, scale = 0.04, seed = 11): Promise<DetectedStore> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const scenario = await generateScenario({ out: path.join(dir, 'scenario.ndjson'), scale, seed });
  const store = openStore(path.join(dir, 'store.db'));
  await ingestFiles(store, [scenario.out]);
  const last = (store.sqlite.prepare(`SELECT value FROM meta WHERE key = 'last_event'`).get() as { value: string }).value;
  const lastDay = new Date(Number(last)).toISOString().slice(0, 10);
  const before = new Date(Date.parse(`${lastDay}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  detect(store.sqlite, { asOf: before });
  detect(store.sqlite, { asOf: lastDay });
  return { store, days: [before, lastDay] };
}
