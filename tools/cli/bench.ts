/**
 * `npm run bench`: generate scenarios of ~1 M and ~4 M events (~16 M with
 * --full), ingest each into a fresh store in a child process, and write the
 * figures to bench/results/: events/s, store bytes per event, peak RSS, and
 * the ratio of ingest time to the bare JSON.parse floor of the same file;
 * then detection on the same store: seconds and peak memory. Then the
 * dashboard (tools/bench/dashboard.ts): the first page of a 50,000-alert queue
 * and a 2,000-account ring graph in headless Chromium, on the real server.
 *
 * Then each ingest format's throughput against the contract's on the same
 * exchanges (tools/bench/ingest-formats.ts; `--formats-scale`, default 0.05).
 *
 * Then ingest of an independently written file (tools/bench/independent-ingest.ts:
 * nearly every prompt unique, many small accounts) against its JSON.parse floor
 * (`--independent-events`, default 529,000).
 *
 * Then the first frame of a 2,000-account ring's graph from the click
 * (tools/bench/big-ring-first-frame.ts; `--big-ring-runs`, default 7).
 *
 * `--only ingest`, `--only dashboard`, `--only formats`, `--only independent` or `--only big-ring` runs one part; the
 * other parts' latest figures are carried over into latest.json with their own date.
 *
 * `--engine clickhouse` runs each size on SQLite and then on ClickHouse (chdb, in
 * process) from the same file, and writes to engines-latest.json (and a dated copy)
 * instead, so that the usual figures are not replaced by another part's sizes.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { runCli } from '../bench/cli-process';
import { DASHBOARD_DEFAULTS, runDashboardBench, type DashboardBenchResult } from '../bench/dashboard';
import { FORMATS_SCALE_DEFAULT, runFormatsBench, type FormatBenchResult } from '../bench/ingest-formats';
import { INDEPENDENT_DEFAULT_EVENTS } from '../bench/independent-file';
import { runIndependentBench, type IndependentBenchResult } from '../bench/independent-ingest';
import { BIG_RING_DEFAULTS, runBigRingBench, type BigRingResult } from '../bench/big-ring-first-frame';
import { jsonParseFloor } from '../bench/json-floor';
import { formatCount } from '../../lib/progress';
import { generateScenario } from '../scenario/generate';
import { parse, UsageError } from '../../lib/cli/args';
import { projectRoot } from '../../lib/cli/project';

const PARTS = ['ingest', 'dashboard', 'formats', 'independent', 'big-ring'] as const;
type Part = (typeof PARTS)[number];

function storeBytes(db: string): number {
  return ['', '-wal'].reduce((n, s) => n + (existsSync(db + s) ? statSync(db + s).size : 0), 0);
}

/** Event engines the bench can run: SQLite alone, or SQLite and then ClickHouse (chdb, in process) on the same file. */
const ENGINES = ['sqlite', 'clickhouse'] as const;
type Engine = (typeof ENGINES)[number];

function dirBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((n, e) => n + statSync(path.join(e.parentPath, e.name)).size, 0);
}

/**
 * The same file on ClickHouse: ingest with the events in chdb (the case store stays
 * SQLite), detect with the window scan pushed down. Node's heap is reported beside the
 * RSS: with chdb, the RSS holds ClickHouse's engine too; with a server it would not.
 */
async function clickhouseRun(file: string, tmp: string, millions: number, events: number) {
  const db = path.join(tmp, `store-${millions}m-ch.db`);
  const data = path.join(tmp, `chdb-${millions}m`);
  for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
  rmSync(data, { recursive: true, force: true });
  const target = ['--events', `chdb:${data}`];
  process.stderr.write(`bench: ingest into ClickHouse (chdb)…\n`);
  const ingest = await runCli(['ingest', file, '--db', db, '--json', ...target]);
  const summary = JSON.parse(ingest.stdout);
  if (summary.events !== events) throw new Error(`chdb ingest stored ${summary.events} events, SQLite ${events}`);
  process.stderr.write(`bench: detect on ClickHouse (chdb)…\n`);
  const det = await runCli(['detect', '--db', db, '--json', ...target]);
  const detSummary = JSON.parse(det.stdout);
  const r = {
    engine: 'clickhouse (chdb)',
    events: summary.events,
    ingest_s: +ingest.seconds.toFixed(2),
    ingest_events_per_s: Math.round(summary.events / ingest.seconds),
    ingest_peak_rss_mib: ingest.maxRssMiB,
    ingest_peak_heap_mib: ingest.maxHeapMiB,
    case_store_bytes: storeBytes(db),
    events_store_bytes: dirBytes(data),
    detect_s: +det.seconds.toFixed(2),
    detect_peak_rss_mib: det.maxRssMiB,
    detect_peak_heap_mib: det.maxHeapMiB,
    detect_flagged: detSummary.flagged,
    detect_rings: detSummary.rings,
  };
  process.stderr.write(
    `bench: chdb ${formatCount(r.events)} events: ingest ${r.ingest_s} s (${formatCount(r.ingest_events_per_s)}/s), peak ${r.ingest_peak_rss_mib} MiB ` +
      `(heap ${r.ingest_peak_heap_mib}); detect ${r.detect_s} s, peak ${r.detect_peak_rss_mib} MiB (heap ${r.detect_peak_heap_mib})\n`,
  );
  return { result: r, files: [db, `${db}-wal`, `${db}-shm`], dir: data };
}

async function ingestBench(sizes: number[], tmp: string, keep: boolean, engine: Engine = 'sqlite') {
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
    const ingest = await runCli(['ingest', file, '--db', db, '--json']);
    const summary = JSON.parse(ingest.stdout);
    const bytes = storeBytes(db);
    process.stderr.write(`bench: detect…\n`);
    const det = await runCli(['detect', '--db', db, '--json']);
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
      ingest_peak_heap_mib: ingest.maxHeapMiB,
      detect_peak_heap_mib: det.maxHeapMiB,
      detect_flagged: detSummary.flagged,
      detect_rings: detSummary.rings,
    };
    results.push(engine === 'clickhouse' ? { engine: 'sqlite', ...r } : r);
    process.stderr.write(
      `bench: ${formatCount(r.events)} events: ingest ${r.ingest_s} s (${formatCount(r.ingest_events_per_s)}/s, ${r.ingest_to_floor_ratio}× JSON.parse), ` +
        `peak ${r.ingest_peak_rss_mib} MiB, ${r.store_bytes_per_event} B/event; detect ${r.detect_s} s, peak ${r.detect_peak_rss_mib} MiB\n`,
    );
    const ch = engine === 'clickhouse' ? await clickhouseRun(file, tmp, millions, summary.events) : null;
    if (ch) results.push(ch.result);
    if (!keep) {
      for (const f of [file, `${file}.labels.csv`, db, `${db}-wal`, `${db}-shm`, ...(ch?.files ?? [])]) rmSync(f, { force: true });
      if (ch) rmSync(ch.dir, { recursive: true, force: true });
    }
  }
  return results;
}

interface Report {
  date: string;
  machine: { cpus: number; node: string; load_avg_1m: number };
  results: unknown[];
  /** Set when the ingest figures were carried over from an earlier run. */
  results_date?: string;
  dashboard?: DashboardBenchResult;
  /** Each ingest format against the contract's (tools/bench/ingest-formats.ts). */
  ingest_formats?: FormatBenchResult & { date?: string };
  /** Ingest of a file not written by the scenario generator, against its JSON.parse floor. */
  ingest_independent?: IndependentBenchResult & { date?: string };
  /** Click → first drawn frame of a 2,000-account ring's graph (tools/bench/big-ring-first-frame.ts). */
  big_ring?: BigRingResult;
}

function previousReport(file: string): Partial<Report> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Partial<Report>;
  } catch {
    return {};
  }
}

export async function benchCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    full: { type: 'boolean' }, sizes: { type: 'string' }, engine: { type: 'string' }, keep: { type: 'boolean' }, only: { type: 'string' }, 'formats-scale': { type: 'string' },
    'independent-events': { type: 'string' }, 'big-ring-runs': { type: 'string' },
  });
  const independentEvents = values['independent-events'] === undefined ? INDEPENDENT_DEFAULT_EVENTS : Number(values['independent-events']);
  if (!Number.isInteger(independentEvents) || independentEvents < 1) throw new UsageError('--independent-events must be a positive whole number');
  const formatsScale = values['formats-scale'] === undefined ? FORMATS_SCALE_DEFAULT : Number(values['formats-scale']);
  if (!(formatsScale > 0)) throw new UsageError('--formats-scale must be a positive number (1 ≈ a million events)');
  const sizes = typeof values.sizes === 'string' ? values.sizes.split(',').map(Number) : values.full ? [1, 4, 16] : [1, 4];
  if (sizes.some((s) => !(s > 0))) throw new UsageError('--sizes must be positive numbers of millions, e.g. 1,4');
  if (values.only !== undefined && !PARTS.includes(values.only as Part)) throw new UsageError(`--only must be one of ${PARTS.join(', ')}`);
  const engine = (values.engine ?? 'sqlite') as Engine;
  if (!ENGINES.includes(engine)) throw new UsageError(`--engine must be one of ${ENGINES.join(', ')} (clickhouse: SQLite and then ClickHouse in process, chdb, on the same files)`);
  const parts: Part[] = values.only ? [values.only as Part] : [...PARTS];
  const keep = values.keep === true;
  const tmp = path.join(projectRoot, 'bench', 'tmp');
  const outDir = path.join(projectRoot, 'bench', 'results');
  const prefix = values.engine === 'clickhouse' ? 'engines-' : '';
  const latest = path.join(outDir, `${prefix}latest.json`);
  mkdirSync(tmp, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  const previous = previousReport(latest);

  const date = new Date().toISOString();
  const report: Report = { date, machine: { cpus: availableParallelism(), node: process.version, load_avg_1m: +loadavg()[0].toFixed(2) }, results: [] };
  if (parts.includes('ingest')) report.results = await ingestBench(sizes, tmp, keep, engine);
  else if (previous.results) Object.assign(report, { results: previous.results, results_date: previous.results_date ?? previous.date });
  if (parts.includes('dashboard')) report.dashboard = await runDashboardBench({ ...DASHBOARD_DEFAULTS, dir: path.join(tmp, 'dashboard'), keep });
  else if (previous.dashboard) report.dashboard = previous.dashboard;
  if (parts.includes('formats')) report.ingest_formats = { ...(await runFormatsBench({ scale: formatsScale, dir: tmp, keep })), date };
  else if (previous.ingest_formats) report.ingest_formats = previous.ingest_formats;
  if (parts.includes('independent')) report.ingest_independent = { ...(await runIndependentBench({ dir: tmp, keep, events: independentEvents })), date };
  else if (previous.ingest_independent) report.ingest_independent = previous.ingest_independent;
  if (parts.includes('big-ring')) {
    const runs = values['big-ring-runs'] === undefined ? BIG_RING_DEFAULTS.runs : Number(values['big-ring-runs']);
    if (!(Number.isInteger(runs) && runs >= 2)) throw new UsageError('--big-ring-runs must be a whole number of at least 2');
    report.big_ring = await runBigRingBench({ ...BIG_RING_DEFAULTS, runs, dir: path.join(tmp, 'big-ring'), keep });
    process.stderr.write(
      `bench: big ring: click → first frame: cold ${report.big_ring.cold.click_to_first_frame_ms} ms; warm median ${report.big_ring.warm.median_ms} ms, worst ${report.big_ring.warm.max_ms} ms (goal ${report.big_ring.goal_ms} ms)\n`,
    );
  } else if (previous.big_ring) report.big_ring = previous.big_ring;

  const stamp = date.slice(0, 19).replace(/[:T]/g, '-');
  writeFileSync(path.join(outDir, `${prefix || 'bench-'}${stamp}.json`), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(latest, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  return 0;
}
