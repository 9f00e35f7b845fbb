/**
 * `npm run bench`: generate scenarios of ~1 M and ~4 M events (~16 M with
 * --full), ingest each into a fresh store in a child process, and write the
 * figures to bench/results/: events/s, store bytes per event, peak RSS, and
 * the ratio of ingest time to the bare JSON.parse floor of the same file;
 * then detection on the same store: seconds and peak memory.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jsonParseFloor } from '../../bench/json-floor';
import { formatCount } from '../../progress';
import { generateScenario } from '../../scenario/generate';
import { parse } from '../args';
import { projectRoot } from '../project';

interface Run {
  seconds: number;
  maxRssMiB: number;
  stdout: string;
}

/** Run the CLI in a child process, timing it and reading its peak memory. */
function cli(args: string[]): Promise<Run> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'distillwatch.mjs'), ...args], {
      env: { ...process.env, DISTILLWATCH_REPORT_RSS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      process.stderr.write(d);
    });
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`distillwatch ${args[0]} failed: ${stderr.trim().split('\n').pop()}`));
      const kb = Number(/max_rss_kb=(\d+)/.exec(stderr)?.[1] ?? 0);
      resolve({ seconds: (performance.now() - t) / 1000, maxRssMiB: Math.round(kb / 1024), stdout });
    });
  });
}

function storeBytes(db: string): number {
  return ['', '-wal'].reduce((n, s) => n + (existsSync(db + s) ? statSync(db + s).size : 0), 0);
}

export async function benchCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { full: { type: 'boolean' }, sizes: { type: 'string' }, keep: { type: 'boolean' } });
  const sizes = typeof values.sizes === 'string' ? values.sizes.split(',').map(Number) : values.full ? [1, 4, 16] : [1, 4];
  const tmp = path.join(projectRoot, 'bench', 'tmp');
  const outDir = path.join(projectRoot, 'bench', 'results');
  mkdirSync(tmp, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  const results = [];
  for (const millions of sizes) {
    const file = path.join(tmp, `scenario-${millions}m.ndjson`);
    const db = path.join(tmp, `store-${millions}m.db`);
    process.stderr.write(`bench: generating ~${millions} M events…\n`);
    const gen = await generateScenario({ out: file, scale: millions, seed: `bench-${millions}` });
    process.stderr.write(`bench: JSON.parse floor…\n`);
    const floor = await jsonParseFloor(file);
    for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
    process.stderr.write(`bench: ingest…\n`);
    const ingest = await cli(['ingest', file, '--db', db, '--json']);
    const summary = JSON.parse(ingest.stdout);
    const bytes = storeBytes(db);
    process.stderr.write(`bench: detect…\n`);
    const det = await cli(['detect', '--db', db, '--json']);
    const detSummary = JSON.parse(det.stdout);
    const r = {
      events: summary.events,
      accounts: gen.accounts,
      file_bytes: statSync(file).size,
      json_parse_floor_s: +floor.seconds.toFixed(2),
      ingest_s: +ingest.seconds.toFixed(2),
      ingest_events_per_s: Math.round(summary.events / ingest.seconds),
      ingest_to_floor_ratio: +(ingest.seconds / floor.seconds).toFixed(2),
      ingest_peak_rss_mib: ingest.maxRssMiB,
      store_bytes: bytes,
      store_bytes_per_event: +(bytes / summary.events).toFixed(1),
      detect_s: +det.seconds.toFixed(2),
      detect_peak_rss_mib: det.maxRssMiB,
      detect_flagged: detSummary.flagged,
      detect_rings: detSummary.rings,
    };
    results.push(r);
    process.stderr.write(
      `bench: ${formatCount(r.events)} events: ingest ${r.ingest_s} s (${formatCount(r.ingest_events_per_s)}/s, ${r.ingest_to_floor_ratio}× JSON.parse), ` +
        `peak ${r.ingest_peak_rss_mib} MiB, ${r.store_bytes_per_event} B/event; detect ${r.detect_s} s, peak ${r.detect_peak_rss_mib} MiB\n`,
    );
    if (!values.keep) for (const f of [file, `${file}.labels.csv`, db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  }
  const report = { date: new Date().toISOString(), machine: { cpus: (await import('node:os')).availableParallelism(), node: process.version }, results };
  const stamp = report.date.slice(0, 19).replace(/[:T]/g, '-');
  writeFileSync(path.join(outDir, `bench-${stamp}.json`), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  return 0;
}
