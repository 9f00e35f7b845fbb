/**
 * A 20 MiB partner bundle imported through the dashboard's route on the real
 * server, while another process writes to the store every 20 ms (as `ingest`
 * or `detect` would) and the bench asks the server for its health: how long
 * that writer waited for the write lock at worst, how long the server took to
 * answer meanwhile, and the import's own round trip. Then the same size of
 * bundle imported in-process on the stopped server's store, which reports
 * how long its final transaction held the lock (lib/intel/import.ts).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { openStore } from '../../db/client';
import { SESSION_COOKIE } from '../../lib/auth/cookie';
import { projectRoot } from '../../lib/cli/project';
import { importIntel } from '../../lib/intel/import';
import { MAX_BUNDLE_BYTES } from '../../lib/intel/limits';
import { syntheticBundle } from '../testing/intel-bundle';
import { percentile } from './stats';

export interface IntelImportTiming {
  bundle_bytes: number;
  indicators: number;
  /** Indicators naming addresses our accounts use. */
  matching: number;
  status: number;
  matched_accounts: number;
  round_trip_ms: number;
  /** The other process's writes while the import ran: each from BEGIN IMMEDIATE to COMMIT. */
  other_writer: { writes: number; p50_ms: number; max_ms: number };
  /** GET /api/health while the import ran. */
  server_meanwhile: { requests: number; p50_ms: number; max_ms: number };
  /** In-process, same size of bundle: how long the final transaction held the write lock. */
  final_commit_ms: number;
  in_process_total_ms: number;
}

const WRITER = `
const Database = require(${JSON.stringify(path.join(projectRoot, 'node_modules', 'better-sqlite3'))});
const db = new Database(process.argv[1]);
db.pragma('busy_timeout = 600000');
const put = db.prepare("INSERT INTO meta (key, value) VALUES (?, '1')");
const waits = [];
let stop = false, n = 0;
process.stdin.on('data', () => (stop = true));
(async () => {
  while (!stop) {
    const t = performance.now();
    db.transaction(() => put.run('bench-other-writer-' + n++)).immediate();
    waits.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
  db.prepare("DELETE FROM meta WHERE key LIKE 'bench-other-writer-%'").run();
  db.close();
  process.stdout.write(JSON.stringify(waits), () => process.exit(0));
})();
`;

function otherWriter(db: string): { stop: () => Promise<number[]> } {
  const child = spawn(process.execPath, ['-e', WRITER, db], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  return {
    stop: async () => {
      child.stdin.end('stop\n');
      await exited;
      return JSON.parse(out || '[]') as number[];
    },
  };
}

/** Addresses our accounts send from, as dotted IPv4: indicators that will match. */
function ourAddresses(db: string, n: number): string[] {
  const store = openStore(db, { readonly: true });
  try {
    const ints = store.sqlite.prepare(`SELECT ip FROM events WHERE ip >= 0 LIMIT 300000`).pluck().all() as number[];
    return [...new Set(ints)].slice(0, n).map((x) => [x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255].join('.'));
  } finally {
    store.close();
  }
}

const r1 = (x: number) => Math.round(x * 10) / 10;

/** Import through the running server at `base` (signed in as a lead: `token`, `csrf`). */
export async function timeIntelImport(base: string, db: string, session: { token: string; csrf: string }, seed: string): Promise<Omit<IntelImportTiming, 'final_commit_ms' | 'in_process_total_ms'>> {
  const matching = ourAddresses(db, 2_000);
  const bundle = syntheticBundle(MAX_BUNDLE_BYTES, { matching, seed });
  const writer = otherWriter(db);
  await new Promise((r) => setTimeout(r, 500)); // the writer's first writes, before the import
  const health: number[] = [];
  let done = false;
  const t = performance.now();
  const answer = fetch(`${base}/api/intel/import`, {
    method: 'POST',
    headers: { cookie: `${SESSION_COOKIE}=${session.token}`, 'x-csrf-token': session.csrf, origin: base, 'content-type': 'application/stix+json' },
    body: bundle.bytes as unknown as BodyInit,
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as { matched_accounts?: string[]; error?: string }, ms: performance.now() - t }));
  void answer.finally(() => (done = true));
  while (!done) {
    const h = performance.now();
    await fetch(`${base}/api/health`).then((r) => r.arrayBuffer());
    health.push(performance.now() - h);
    await new Promise((r) => setTimeout(r, 50));
  }
  const result = await answer;
  const waits = await writer.stop();
  if (result.status !== 200) throw new Error(`the 20 MiB import answered ${result.status}: ${result.body.error}`);
  return {
    bundle_bytes: bundle.bytes.byteLength,
    indicators: bundle.indicators,
    matching: matching.length,
    status: result.status,
    matched_accounts: result.body.matched_accounts?.length ?? 0,
    round_trip_ms: Math.round(result.ms),
    other_writer: { writes: waits.length, p50_ms: r1(percentile(waits, 0.5)), max_ms: r1(Math.max(...waits)) },
    server_meanwhile: { requests: health.length, p50_ms: r1(percentile(health, 0.5)), max_ms: r1(Math.max(...health)) },
  };
}

/** The same size of bundle imported in-process (the server stopped): the final transaction's hold on the write lock. */
export async function timeIntelImportInProcess(db: string, seed: string): Promise<{ final_commit_ms: number; in_process_total_ms: number }> {
  const bundle = syntheticBundle(MAX_BUNDLE_BYTES, { matching: ourAddresses(db, 2_000), seed });
  const store = openStore(db);
  try {
    let held = NaN;
    const t = performance.now();
    await importIntel(store.sqlite, bundle.bytes, { actor: 'bench', onCommit: (ms) => (held = ms) });
    return { final_commit_ms: r1(held), in_process_total_ms: Math.round(performance.now() - t) };
  } finally {
    store.close();
  }
}
