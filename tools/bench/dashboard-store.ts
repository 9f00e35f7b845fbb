/**
 * The dashboard benchmark's store, built from nothing by the project's own
 * commands: a generated month (`generateScenario`, the generator behind
 * `distillwatch generate`) large enough that its proxy network forms a ring
 * of over 2,000 accounts (at scale 2.8 the campaign has 2,660 accounts),
 * loaded by `distillwatch ingest`, scored by `distillwatch detect` (which
 * also stores the large rings' graph positions), a user
 * from `distillwatch users add`, and the as-of day's alert queue topped up
 * to 50,000 alerts by `./alert-queue.ts` (synthetic accounts through the
 * real ingest, their alerts through detection's raiseAlerts).
 *
 * With `reuse`, a store this module finished earlier (its summary file is
 * beside it) is used again as it is.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openStore } from '../../db/client';
import { generateScenario } from '../scenario/generate';
import { QUEUE_ACCOUNT_PREFIX, queueAccountLines, raiseQueueAlerts } from './alert-queue';
import { runCli } from './cli-process';

export interface DashboardStoreOptions {
  dir: string;
  scale: number;
  seed: string;
  /** Alerts the as-of day's queue should hold. */
  queueAlerts: number;
  reuse: boolean;
}

export interface DashboardStore {
  db: string;
  /** The generated scenario. */
  scale: number;
  seed: string;
  asOf: string;
  /** The largest ring of the as-of day: the one the graph is measured on. */
  ring: { ringId: string; size: number };
  /** Alerts on the as-of day: from detection, and raised for synthetic accounts. */
  alerts: { total: number; detected: number; synthetic: number };
  user: { name: string; password: string };
  events: number;
  accounts: number;
  buildSeconds: number;
  reused: boolean;
}

const USER = { name: 'bench', password: 'bench-analyst-pass' };

/** Delete a bench store and its summary. */
export function removeStore(db: string): void {
  for (const s of ['', '-wal', '-shm', '.summary.json']) rmSync(db + s, { force: true });
}

export async function buildDashboardStore(opts: DashboardStoreOptions): Promise<DashboardStore> {
  const db = path.join(opts.dir, 'store.db');
  const summaryFile = `${db}.summary.json`;
  if (opts.reuse && existsSync(summaryFile) && existsSync(db)) {
    const kept = JSON.parse(readFileSync(summaryFile, 'utf8')) as DashboardStore;
    if (kept.scale === opts.scale && kept.seed === opts.seed && kept.alerts.total === opts.queueAlerts) {
      process.stderr.write(`bench: reusing the dashboard store ${db}\n`);
      return { ...kept, reused: true };
    }
  }
  const started = performance.now();
  mkdirSync(opts.dir, { recursive: true });
  removeStore(db);
  const scenario = path.join(opts.dir, 'scenario.ndjson');
  const queueFile = path.join(opts.dir, 'queue-accounts.ndjson');
  try {
    process.stderr.write(`bench: dashboard store: generating scale ${opts.scale} (seed ${opts.seed})…\n`);
    const gen = await generateScenario({ out: scenario, scale: opts.scale, seed: opts.seed });
    process.stderr.write('bench: dashboard store: ingest…\n');
    const ingest = JSON.parse((await runCli(['ingest', scenario, '--db', db, '--json'])).stdout) as { events: number };
    rmSync(scenario, { force: true });
    rmSync(`${scenario}.labels.csv`, { force: true });
    process.stderr.write('bench: dashboard store: detect…\n');
    const detected = JSON.parse((await runCli(['detect', '--db', db, '--json'])).stdout) as { as_of: string };
    await runCli(['users', 'add', USER.name, '--role', 'analyst', '--password', USER.password, '--db', db]);

    const store = openStore(db);
    let detectedAlerts: number;
    let ring: DashboardStore['ring'];
    try {
      const sqlite = store.sqlite;
      detectedAlerts = (sqlite.prepare(`SELECT count(*) AS n FROM alerts WHERE day = ?`).get(detected.as_of) as { n: number }).n;
      const r = sqlite.prepare(`SELECT ring_id AS ringId, size FROM rings WHERE as_of = ? ORDER BY size DESC LIMIT 1`).get(detected.as_of) as
        | DashboardStore['ring']
        | undefined;
      if (!r) throw new Error('detection found no ring in the dashboard scenario');
      ring = r;
    } finally {
      store.close();
    }

    const missing = Math.max(0, opts.queueAlerts - detectedAlerts);
    process.stderr.write(`bench: dashboard store: ${detectedAlerts} alerts from detection, raising ${missing} more for synthetic accounts…\n`);
    writeFileSync(queueFile, queueAccountLines(missing, detected.as_of).join('\n') + '\n');
    await runCli(['ingest', queueFile, '--db', db, '--json']);
    rmSync(queueFile, { force: true });
    const again = openStore(db);
    let synthetic: number;
    let total: number;
    try {
      synthetic = raiseQueueAlerts(again.sqlite, detected.as_of, Date.now(), QUEUE_ACCOUNT_PREFIX);
      total = (again.sqlite.prepare(`SELECT count(*) AS n FROM alerts WHERE day = ?`).get(detected.as_of) as { n: number }).n;
    } finally {
      again.close();
    }

    const result: DashboardStore = {
      db,
      scale: opts.scale,
      seed: opts.seed,
      asOf: detected.as_of,
      ring,
      alerts: { total, detected: detectedAlerts, synthetic },
      user: USER,
      events: ingest.events,
      accounts: gen.accounts + missing,
      buildSeconds: +((performance.now() - started) / 1000).toFixed(1),
      reused: false,
    };
    writeFileSync(summaryFile, JSON.stringify(result, null, 2) + '\n');
    return result;
  } catch (err) {
    removeStore(db);
    throw err;
  } finally {
    rmSync(scenario, { force: true });
    rmSync(`${scenario}.labels.csv`, { force: true });
    rmSync(queueFile, { force: true });
  }
}
