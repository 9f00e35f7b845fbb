/**
 * `distillwatch ingest`: stream NDJSON files into the store.
 *
 *   read + split lines (line-reader, main thread)
 *     → parse, validate, prompt facts (parsed-chunk, on worker threads)
 *     → write in batched transactions (store-writer, main thread)
 *
 * Chunks are written in file order. Bad lines go to the reject file with
 * their file and line number; the good lines around them all land. A batch is
 * one transaction, so a kill loses at most the unfinished batch, and a rerun
 * completes it without duplicates (events are keyed on time and request id).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Store } from '../../db/client';
import { eventsEngine } from '../../db/events-engine';
import { formatCount, progress } from '../progress';
import type { ConcreteFormat, FormatName } from './formats/format-spec';
import { ParsePool } from './parse-pool';
import { fileSource, openInput, type IngestSource } from './record-chunks';
import type { ParsedChunk } from './parsed-chunk';
import type { AccountRecord } from './records';
import { RejectFile } from './rejects';
import { StoreWriter, type EventRow } from './store-writer';

export interface IngestSummary {
  accounts: number;
  events: number;
  duplicates: number;
  rejected: number;
  rejects_file: string | null;
}

export interface IngestOptions {
  /** Events per transaction. */
  batchSize?: number;
  /** Parser threads; 0 parses on the main thread. */
  workers?: number;
  showProgress?: boolean;
  /** The inputs' format (default `contract`; the CLI's default is `auto`). */
  format?: FormatName;
  /** The field map (parsed JSON) for the gateway, LiteLLM and account formats. */
  map?: unknown;
  /** Write bad lines to the reject file (default true); the first ones are in the result's `rejectSample` either way. */
  writeRejects?: boolean;
  /**
   * The event rows' engine when it is not SQLite's `events` table (ClickHouse):
   * each batch's rows are handed to it after the batch commits in SQLite.
   */
  eventSink?: EventSink;
  /** Told each input's format once it is known. */
  onFormat?: (source: string, format: ConcreteFormat, layout: string) => void;
}

/**
 * Receives each batch's event rows (EVENT_ROW_COLUMNS order), distinct within the batch;
 * must be idempotent on (ts, rid) — a rerun sends a batch again — and says how many
 * of them it did not hold yet.
 */
export interface EventSink {
  insert(rows: EventRow[]): Promise<number>;
}

/** What a run returns: the contract's summary (CONTRACT.md §2) and, beside it, the first bad lines. */
export interface IngestResult extends IngestSummary {
  rejectSample: { file: string; line: number; reason: string }[];
}

/**
 * Chunks (~1 MB each) parsed ahead of the writer. Enough that the parsers
 * keep busy while the writer commits a batch (~100 ms); few enough to bound memory.
 */
const MAX_IN_FLIGHT = 16;

export function newRunId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

function checkReadable(files: string[]): void {
  if (files.length === 0) throw new Error('ingest needs at least one FILE');
  for (const f of files) {
    try {
      accessSync(f, constants.R_OK);
      if (!statSync(f).isFile()) throw new Error('not a regular file');
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw new Error(`cannot read ${f}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
    }
  }
}

interface InFlight {
  file: string;
  parsed: Promise<ParsedChunk>;
}

export async function ingestFiles(store: Store, files: string[], opts: IngestOptions = {}): Promise<IngestResult> {
  checkReadable(files);
  return ingestSources(store, files.map(fileSource), opts);
}

/**
 * Ingests inputs (files, a request body) in order. Each batch is its own
 * transaction, or, when the caller holds one open, a savepoint inside it
 * (POST /api/ingest commits all or nothing).
 */
export async function ingestSources(store: Store, sources: IngestSource[], opts: IngestOptions = {}): Promise<IngestResult> {
  const files = sources.map((s) => s.name);
  const batchSize = opts.batchSize ?? 20_000;
  const runId = newRunId();
  const rejects = new RejectFile(store.path, runId, { write: opts.writeRejects !== false });
  // Bulk load: checkpoint the WAL every 64 MB instead of every 4 MB (fewer
  // fsyncs and page copies); durability is unchanged.
  store.sqlite.pragma('wal_autocheckpoint = 16384');
  const sink = opts.eventSink;
  // Never half of a store's events in each engine (db/events-engine.ts).
  if (!sink && eventsEngine(store.sqlite) === 'clickhouse') {
    throw new Error("this store's events are in ClickHouse: ingest with --events clickhouse://… or DISTILLWATCH_CLICKHOUSE_URL");
  }
  const writer = new StoreWriter(store.sqlite, sink ? 'staged' : 'events');
  const pool = new ParsePool(opts.workers);
  const summary: IngestResult = { accounts: 0, events: 0, duplicates: 0, rejected: 0, rejects_file: null, rejectSample: [] };
  store.sqlite
    .prepare(`INSERT INTO ingest_runs (id, started_at, files) VALUES (?, ?, ?)`)
    .run(runId, Date.now(), JSON.stringify(files));

  let accounts: AccountRecord[] = [];
  let parts: ParsedChunk[] = [];
  let pendingEvents = 0;
  let lines = 0;
  const started = Date.now();
  const bar = progress('ingest');

  // Synchronous for SQLite; with a sink, the batch's rows go to it once the SQLite side has committed
  // (a kill in between loses them there, and the rerun sends them again: the sink de-duplicates).
  const flush = (): Promise<void> | void => {
    if (accounts.length === 0 && parts.length === 0) return;
    const r = writer.flush(accounts, parts);
    const sent = r.staged && r.staged.length > 0 && sink ? sink.insert(r.staged).then((fresh) => countKnown(r.staged!.length - fresh)) : undefined;
    summary.accounts += accounts.length;
    summary.events += r.inserted;
    summary.duplicates += r.duplicates;
    accounts = [];
    parts = [];
    pendingEvents = 0;
    return sent;
  };

  // Requests the sink already held: duplicates, as SQLite's INSERT OR IGNORE would have counted them.
  const countKnown = (known: number) => {
    if (known <= 0) return;
    summary.events -= known;
    summary.duplicates += known;
    writer.uncount(known);
  };

  // Line numbers: chunks are consumed in file order, so count as they come.
  let lineBase = 0;
  const consume = async (item: InFlight) => {
    const chunk = await item.parsed;
    lines += chunk.lines;
    for (const r of chunk.rejects) rejects.add(item.file, lineBase + r.line + 1, r.reason, r.text, r.base64);
    lineBase += chunk.rawLines;
    for (const a of chunk.accounts) accounts.push(a.record);
    if (chunk.n > 0) parts.push(chunk);
    pendingEvents += chunk.n;
    if (pendingEvents >= batchSize || accounts.length >= batchSize) await flush();
  };

  const queue: InFlight[] = [];
  try {
    for (const [fileIndex, source] of sources.entries()) {
      const file = source.name;
      try {
        const input = await openInput(source, { format: opts.format ?? 'contract', map: opts.map });
        opts.onFormat?.(file, input.format.format, input.layout);
        lineBase = input.linesBefore;
        for await (const c of input.chunks) {
          queue.push({ file, parsed: pool.submit(c.buf, input.format) });
          while (queue.length >= MAX_IN_FLIGHT) await consume(queue.shift()!);
          if (opts.showProgress !== false) {
            bar.update(() => {
              const pct = source.size ? `${((c.bytesRead / Math.max(1, source.size)) * 100).toFixed(0)}%` : `${formatCount(c.bytesRead)} bytes`;
              const rate = Math.round(lines / Math.max(0.001, (Date.now() - started) / 1000));
              return `file ${fileIndex + 1}/${files.length} ${pct} · ${formatCount(lines)} lines · ${formatCount(rate)} lines/s · ${formatCount(rejects.count)} rejected`;
            });
          }
        }
      } finally {
        // Whatever happened to the file (a truncated gzip, say), keep the good
        // lines read before it; the error, if any, then stops the run.
        while (queue.length > 0) await consume(queue.shift()!);
        await flush();
      }
    }
  } finally {
    await pool.close();
    rejects.close();
    summary.rejected = rejects.count;
    summary.rejects_file = rejects.written;
    summary.rejectSample = rejects.sample;
    store.sqlite
      .prepare(
        `UPDATE ingest_runs SET finished_at = ?, accounts = ?, events = ?, duplicates = ?, rejected = ?, rejects_file = ? WHERE id = ?`,
      )
      .run(Date.now(), summary.accounts, summary.events, summary.duplicates, summary.rejected, summary.rejects_file, runId);
  }
  const secs = (Date.now() - started) / 1000;
  bar.done(`${formatCount(lines)} lines in ${secs.toFixed(1)} s (${formatCount(Math.round(lines / Math.max(secs, 0.001)))}/s)`);
  return summary;
}
