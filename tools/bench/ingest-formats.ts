/**
 * `npm run bench -- --only formats`: each adapter's ingest throughput against
 * the contract format's, on the same exchanges (tools/bench/format-transcode.ts),
 * each file ingested into a fresh store by the CLI in a child process.
 * Small by default (`--formats-scale 0.02`, ~60,000 events): the point is the ratio.
 * The contract file is ingested first and again last, and the faster of the two
 * is the baseline: on a shared machine the load drifts during the run.
 */
import { rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { formatCount } from '../../lib/progress';
import { generateScenario } from '../scenario/generate';
import { runCli } from './cli-process';
import { BENCH_FORMATS, transcodeScenario } from './format-transcode';

export const FORMATS_SCALE_DEFAULT = 0.02;

export interface FormatBenchRow {
  format: string;
  events: number;
  file_bytes: number;
  ingest_s: number;
  events_per_s: number;
  /** Ingest time relative to the contract format's on the same exchanges (1.0 = as fast). */
  time_vs_contract: number;
  /** CPU seconds of the ingest process (all threads), and relative to the contract's: steadier than the wall clock on a shared machine. */
  cpu_s: number;
  cpu_vs_contract: number;
  peak_rss_mib: number;
}

export interface FormatBenchResult {
  scale: number;
  events: number;
  rows: FormatBenchRow[];
}

export async function runFormatsBench(opts: { scale: number; dir: string; keep: boolean }): Promise<FormatBenchResult> {
  const contract = path.join(opts.dir, `formats-${opts.scale}.ndjson`);
  process.stderr.write(`bench formats: generating scale ${opts.scale}…\n`);
  await generateScenario({ out: contract, scale: opts.scale, seed: 'bench-formats' });
  process.stderr.write('bench formats: writing the same exchanges in each format…\n');
  const { files } = await transcodeScenario(contract, path.join(opts.dir, `formats-${opts.scale}`));
  const inputs: [string, string, string[]][] = [
    ['contract', contract, ['--format', 'contract']],
    ['gateway', files.gateway, ['--format', 'gateway']],
    ['otel', files.otel, ['--format', 'otel']],
    ['litellm (JSON lines)', files['litellm-jsonl'], ['--format', 'litellm']],
    ['litellm (CSV)', files['litellm-csv'], ['--format', 'litellm']],
    ['contract (again)', contract, ['--format', 'contract']],
  ];
  const rows: FormatBenchRow[] = [];
  let contractSeconds = 0;
  let contractCpu = 0;
  let contractEvents = 0;
  for (const [format, file, args] of inputs) {
    const db = path.join(opts.dir, 'formats-store.db');
    for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
    process.stderr.write(`bench formats: ingest ${format}…\n`);
    const run = await runCli(['ingest', file, ...args, '--db', db, '--json']);
    const summary = JSON.parse(run.stdout) as { events: number; rejected: number };
    if (summary.rejected > 0) throw new Error(`bench formats: ${format} rejected ${summary.rejected} lines`);
    if (format === 'contract') {
      contractSeconds = run.seconds;
      contractCpu = run.cpuSeconds;
      contractEvents = summary.events;
    } else if (format === 'contract (again)') {
      contractSeconds = Math.min(contractSeconds, run.seconds);
      contractCpu = Math.min(contractCpu, run.cpuSeconds);
    } else if (summary.events !== contractEvents) {
      throw new Error(`bench formats: ${format} gave ${summary.events} events, the contract file ${contractEvents}`);
    }
    const row: FormatBenchRow = {
      format, events: summary.events, file_bytes: statSync(file).size, ingest_s: +run.seconds.toFixed(2),
      events_per_s: Math.round(summary.events / run.seconds), time_vs_contract: +(run.seconds / contractSeconds).toFixed(2), peak_rss_mib: run.maxRssMiB,
      cpu_s: +run.cpuSeconds.toFixed(2), cpu_vs_contract: +(run.cpuSeconds / contractCpu).toFixed(2),
    };
    rows.push(row);
    process.stderr.write(`bench formats: ${format}: ${formatCount(row.events)} events in ${row.ingest_s} s (${formatCount(row.events_per_s)}/s, ${row.time_vs_contract}× the contract's time; ${row.cpu_s} s CPU)\n`);
    for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
  }
  // Ratios against the faster contract run.
  for (const row of rows) {
    row.time_vs_contract = +(row.ingest_s / contractSeconds).toFixed(2);
    row.cpu_vs_contract = +(row.cpu_s / contractCpu).toFixed(2);
  }
  if (!opts.keep) for (const f of [contract, `${contract}.labels.csv`, ...BENCH_FORMATS.map((k) => files[k])]) rmSync(f, { force: true });
  return { scale: opts.scale, events: contractEvents, rows };
}
