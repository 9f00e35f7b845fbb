import { rmSync } from 'node:fs';
import path from 'node:path';
import { openStore } from '../../../db/client';
import { ingestFiles } from '../../ingest/ingest';
import { formatCount } from '../../progress';
import { generateScenario } from '../../scenario/generate';
import { numberOption, parse, UsageError } from '../args';
import { projectRoot } from '../project';
import { ensureBuild, serveDashboard } from './serve';

/**
 * A fresh demo store from a generated scenario, then the dashboard.
 * Uses data/demo/ (or --db) so that it never touches a working store.
 */
export async function demoCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { port: { type: 'string' }, scale: { type: 'string' }, seed: { type: 'string' }, 'no-serve': { type: 'boolean' } });
  const scale = numberOption(values, 'scale', 0.5);
  const port = numberOption(values, 'port', 3000);
  if (scale <= 0 || scale > 100) throw new UsageError('--scale must be in (0, 100]');
  const dir = path.join(projectRoot, 'data', 'demo');
  const dbPath = typeof values.db === 'string' ? values.db : path.join(dir, 'distillwatch.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });

  const scenario = path.join(dir, 'scenario.ndjson.gz');
  process.stderr.write(`demo: generating a scenario (scale ${scale})…\n`);
  const gen = await generateScenario({ out: scenario, scale, seed: typeof values.seed === 'string' ? values.seed : 'demo' });
  process.stderr.write(`demo: ${formatCount(gen.events)} events of ${formatCount(gen.accounts)} accounts\n`);

  const store = openStore(dbPath, { cacheMiB: 96 });
  try {
    const s = await ingestFiles(store, [scenario]);
    process.stderr.write(`demo: ingested ${formatCount(s.events)} events\n`);
  } finally {
    store.close();
  }
  ensureBuild();
  if (values['no-serve']) return 0;
  return serveDashboard(dbPath, port);
}
