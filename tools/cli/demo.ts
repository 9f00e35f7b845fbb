import { rmSync } from 'node:fs';
import path from 'node:path';
import { openStore } from '../../db/client';
import { createUser } from '../../lib/auth/users';
import { detect } from '../../lib/detect/detect';
import { ingestFiles } from '../../lib/ingest/ingest';
import { formatCount } from '../../lib/progress';
import { generateScenario } from '../scenario/generate';
import { numberOption, parse, UsageError } from '../../lib/cli/args';
import { ensureBuild, projectRoot } from '../../lib/cli/project';
import { listenOptions, serveDashboard } from '../../lib/cli/commands/serve';

/** The demo's analysts (README lists them). */
export const DEMO_USERS = [
  { name: 'analyst', role: 'analyst', password: 'analyst-demo-pass' },
  { name: 'lead', role: 'lead', password: 'lead-demo-pass' },
  { name: 'legal', role: 'legal', password: 'legal-demo-pass' },
  { name: 'admin', role: 'admin', password: 'admin-demo-pass' },
] as const;

/**
 * A fresh demo store from a generated scenario, detection run, demo users,
 * then the dashboard. Uses data/demo/ (or --db) so that it never touches a
 * working store.
 */
export async function demoCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { port: { type: 'string' }, host: { type: 'string' }, scale: { type: 'string' }, seed: { type: 'string' }, 'no-serve': { type: 'boolean' } });
  const scale = numberOption(values, 'scale', 0.5);
  const { host, port } = listenOptions(values);
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
    const d = detect(store.sqlite);
    process.stderr.write(`demo: detection flagged ${formatCount(d.flagged)} accounts in ${d.flagged_rings} rings; ${d.alerts} alerts\n`);
    for (const u of DEMO_USERS) await createUser(store.sqlite, { ...u, actor: 'demo' });
    process.stderr.write(`demo: sign in as ${DEMO_USERS.map((u) => `${u.name} / ${u.password}`).join(', ')}\n`);
  } finally {
    store.close();
  }
  ensureBuild();
  if (values['no-serve']) return 0;
  return serveDashboard(dbPath, port, host);
}
