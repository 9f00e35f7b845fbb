/**
 * `distillwatch watch DIR`: ingests each file that appears in DIR, then moves
 * it to DIR/done/, or to DIR/failed/ beside a `<name>.reason` file saying why.
 *
 * Nothing is lost to a crash or a kill -9:
 * - a file is claimed by renaming it into DIR/processing/ (atomic on one file
 *   system), so it is in exactly one place at every moment;
 * - ingest commits in batches and is idempotent (events are keyed on their
 *   request id and time; accounts are upserts), so a file found in
 *   processing/ at start was interrupted and is simply ingested again: what
 *   was committed comes back as duplicates, the rest lands;
 * - the file leaves processing/ only after its ingest returned; the reason
 *   file is written (to a temporary name, then renamed) before the move.
 *
 * A file is claimed once its size and modification time are unchanged over one
 * polling interval (a writer still appending is left alone); names starting
 * with a dot or ending in .tmp, .part, .partial or .crdownload are never
 * claimed: write there, then rename into DIR, which is the safe way to drop
 * a file. A file with rejected lines goes to failed/: its good lines are in
 * the store, and the reason names the reject file.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Store } from '../../db/client';
import type { FormatName } from './formats/format-spec';
import { ingestFiles, type EventSink, type IngestResult } from './ingest';

export const WATCH_SUBDIRS = ['processing', 'done', 'failed'] as const;
const IGNORED = /^\.|\.(tmp|part|partial|crdownload)$/i;

export interface WatchOptions {
  format?: FormatName;
  map?: unknown;
  /** Polling interval (ms); default 1000. */
  intervalMs?: number;
  /** Ingest what is in DIR now (no waiting for files to settle) and return. */
  once?: boolean;
  /** Stops the watch between two files. */
  signal?: AbortSignal;
  log?: (line: string) => void;
  workers?: number;
  /** The event rows' engine when it is not SQLite (ingest.ts). */
  eventSink?: EventSink;
}

export interface FileOutcome {
  file: string;
  outcome: 'done' | 'failed';
  summary?: IngestResult;
  reason?: string;
}

/** A free name in `dir` for `name`: the name itself, else with a time stamp before its extension. */
function freeName(dir: string, name: string): string {
  if (!existsSync(path.join(dir, name)) && !existsSync(path.join(dir, `${name}.reason`))) return path.join(dir, name);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  for (let i = 0; ; i++) {
    const candidate = `${stamp}${i ? `-${i}` : ''}-${name}`;
    if (!existsSync(path.join(dir, candidate))) return path.join(dir, candidate);
  }
}

function writeAtomically(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

/** Ingests one claimed file (in processing/) and moves it to done/ or failed/. */
async function finish(store: Store, root: string, claimed: string, opts: WatchOptions): Promise<FileOutcome> {
  const name = path.basename(claimed);
  let summary: IngestResult | undefined;
  let reason: string | undefined;
  try {
    summary = await ingestFiles(store, [claimed], { format: opts.format ?? 'auto', map: opts.map, workers: opts.workers, showProgress: false, eventSink: opts.eventSink });
    if (summary.rejected > 0) {
      const first = summary.rejectSample.slice(0, 5).map((r) => `  line ${r.line}: ${r.reason}`).join('\n');
      reason =
        `${summary.rejected} line${summary.rejected === 1 ? '' : 's'} rejected; the good lines were ingested ` +
        `(${summary.events} events, ${summary.accounts} account records, ${summary.duplicates} duplicates).\n` +
        `Every rejected line with its reason: ${summary.rejects_file}\n${first}\n` +
        'Fix the rejected lines and drop the file again: lines already ingested count once.\n';
    }
  } catch (err) {
    reason = `not ingested: ${(err as Error).message.replace(`${claimed}: `, '')}\n` + (summary ? '' : 'Lines read before the error were ingested; dropping the file again is safe.\n');
  }
  const target = reason === undefined ? 'done' : 'failed';
  const dest = freeName(path.join(root, target), name);
  if (reason !== undefined) writeAtomically(`${dest}.reason`, reason);
  renameSync(claimed, dest);
  return { file: name, outcome: target, summary, reason };
}

/** Files ready to claim: settled since the last scan (or, with `once`, all). */
export function readyFiles(root: string, seen: Map<string, string>, once: boolean): string[] {
  const ready: string[] = [];
  const now = new Map<string, string>();
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isFile() || IGNORED.test(entry.name)) continue;
    let st;
    try {
      st = statSync(path.join(root, entry.name));
    } catch {
      continue;
    }
    const sig = `${st.size}:${st.mtimeMs}`;
    now.set(entry.name, sig);
    if (once || seen.get(entry.name) === sig) ready.push(entry.name);
  }
  seen.clear();
  for (const [k, v] of now) seen.set(k, v);
  return ready.sort();
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });

/** Watches `root` until `signal` aborts (or, with `once`, until what is there is done). Returns what it did. */
export async function watchFolder(store: Store, root: string, opts: WatchOptions = {}): Promise<FileOutcome[]> {
  const log = opts.log ?? (() => {});
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`${root} is not a directory`);
  for (const sub of WATCH_SUBDIRS) mkdirSync(path.join(root, sub), { recursive: true });
  const outcomes: FileOutcome[] = [];
  const report = (o: FileOutcome) => {
    outcomes.push(o);
    const s = o.summary;
    log(`${o.file}: ${s ? `${s.events} events, ${s.accounts} account records, ${s.duplicates} duplicates, ${s.rejected} rejected` : 'not ingested'} → ${o.outcome}/`);
  };
  // Files a killed run had claimed: ingest them again (idempotent), first.
  const processing = path.join(root, 'processing');
  for (const name of readdirSync(processing).filter((n) => !n.endsWith('.tmp')).sort()) {
    log(`${name}: found in processing/ (interrupted run), ingesting it again`);
    report(await finish(store, root, path.join(processing, name), opts));
  }
  const seen = new Map<string, string>();
  while (!opts.signal?.aborted) {
    for (const name of readyFiles(root, seen, opts.once === true)) {
      if (opts.signal?.aborted) break;
      const claimed = path.join(processing, name);
      try {
        renameSync(path.join(root, name), claimed);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // taken away meanwhile
        throw err;
      }
      report(await finish(store, root, claimed, opts));
    }
    if (opts.once) break;
    await sleep(opts.intervalMs ?? 1000, opts.signal);
  }
  return outcomes;
}
