/**
 * `npm run bench -- --only independent`: ingest of a file the scenario
 * generator did not write (tools/bench/independent-file.ts: nearly every
 * prompt unique, many small accounts, a long tail of long prompts), against
 * the bare JSON.parse floor of the same file measured in the same run. The
 * floor is measured before and after the ingest and the faster one is used:
 * on a shared machine the load drifts during the run, and the ratio to the
 * floor is the figure to compare across runs, not the seconds.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { formatCount } from '../../lib/progress';
import { runCli } from './cli-process';
import { INDEPENDENT_DEFAULT_EVENTS, writeIndependentFile } from './independent-file';
import { jsonParseFloor } from './json-floor';

export interface IndependentBenchResult {
  events: number;
  accounts: number;
  file_bytes: number;
  bytes_per_line: number;
  json_parse_floor_s: number;
  ingest_s: number;
  ingest_cpu_s: number;
  ingest_events_per_s: number;
  ingest_to_floor_ratio: number;
  ingest_peak_rss_mib: number;
  prompts_kept: number;
}

export async function runIndependentBench(opts: { dir: string; keep: boolean; events?: number }): Promise<IndependentBenchResult> {
  const file = path.join(opts.dir, 'independent.ndjson');
  const db = path.join(opts.dir, 'independent.db');
  process.stderr.write(`bench independent: writing ${formatCount(opts.events ?? INDEPENDENT_DEFAULT_EVENTS)} events…\n`);
  const gen = await writeIndependentFile({ out: file, events: opts.events });
  const floorBefore = await jsonParseFloor(file);
  for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
  const ingest = await runCli(['ingest', file, '--db', db, '--json']);
  const floorAfter = await jsonParseFloor(file);
  const floor = Math.min(floorBefore.seconds, floorAfter.seconds);
  const summary = JSON.parse(ingest.stdout) as { events: number };
  const kept = await promptsKept(db);
  const r: IndependentBenchResult = {
    events: summary.events,
    accounts: gen.accounts,
    file_bytes: gen.bytes,
    bytes_per_line: Math.round(gen.bytes / floorBefore.lines),
    json_parse_floor_s: +floor.toFixed(2),
    ingest_s: +ingest.seconds.toFixed(2),
    ingest_cpu_s: +ingest.cpuSeconds.toFixed(2),
    ingest_events_per_s: Math.round(summary.events / ingest.seconds),
    ingest_to_floor_ratio: +(ingest.seconds / floor).toFixed(2),
    ingest_peak_rss_mib: ingest.maxRssMiB,
    prompts_kept: kept,
  };
  process.stderr.write(
    `bench independent: ${formatCount(r.events)} events, ${r.bytes_per_line} B a line: ingest ${r.ingest_s} s ` +
      `(${formatCount(r.ingest_events_per_s)}/s, ${r.ingest_to_floor_ratio}× JSON.parse), ${formatCount(kept)} prompts kept\n`,
  );
  if (!opts.keep) for (const f of [file, db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  return r;
}

async function promptsKept(db: string): Promise<number> {
  const { default: Database } = await import('better-sqlite3');
  const s = new Database(db, { readonly: true });
  try {
    return s.prepare(`SELECT count(*) FROM prompts`).pluck().get() as number;
  } finally {
    s.close();
  }
}
