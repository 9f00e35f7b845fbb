/**
 * Parses chunks on worker threads (parseChunk is CPU-bound: JSON, validation,
 * prompt facts) while the main thread reads the file and writes the store.
 * Results come back in submission order. With `workers: 0` everything runs
 * in-thread (same code path, for debugging and tiny files).
 */
import { buildSync, version as esbuildVersion } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as workerThreads from 'node:worker_threads';

/**
 * The Worker constructor, reached so that the Next.js bundler does not take
 * `new Worker(path)` for a module to bundle: the dashboard's POST /api/ingest
 * imports this module but parses in-thread (`workers: 0`), and the worker's
 * file is built at run time by esbuild (below) for the CLI.
 */
const Worker: typeof workerThreads.Worker = Reflect.get(workerThreads, 'Worker');
type Worker = workerThreads.Worker;
import type { ChunkFormat } from './formats/format-spec';
import { parseChunk, type ParsedChunk } from './parsed-chunk';
import { CandidatePicker } from './retention';

interface Pending {
  resolve: (c: ParsedChunk) => void;
  reject: (e: Error) => void;
}

export function defaultWorkerCount(): number {
  const env = process.env.DISTILLWATCH_INGEST_WORKERS;
  if (env !== undefined && /^\d+$/.test(env)) return Number(env);
  // Parsing is the larger half of the work: as many parsers as cores, the
  // writer sharing a core with one of them (measured best on 2 cores).
  return Math.max(1, Math.min(4, availableParallelism()));
}

/**
 * The worker's code as one plain JavaScript file, bundled with esbuild.
 * Workers started on TypeScript through tsx would each run their own loader
 * thread and transpiler: tens of MB apiece, measured.
 *
 * The bundle is reused by later processes while every file that went into it
 * (listed by esbuild's metafile, recorded beside it with a SHA-256 of their
 * contents) is unchanged: bundling takes 0.1 s on a quiet machine but
 * 0.7–1.8 s on a busy one (measured), on the thread that then writes the
 * store — a tenth of the JSON.parse floor of a 500,000-event file. Hashing
 * the ~120 inputs again costs a few milliseconds.
 */
let workerBundle: string | null = null;
function bundledWorker(): string {
  if (workerBundle) return workerBundle;
  const dir = path.join(tmpdir(), 'distillwatch');
  mkdirSync(dir, { recursive: true });
  const entry = fileURLToPath(new URL(/* turbopackIgnore: true */ './parse-worker.ts', import.meta.url));
  // One record per checkout: several worktrees may share the temporary directory.
  const record = path.join(dir, `parse-worker-${createHash('sha256').update(`${esbuildVersion}\0${entry}`).digest('hex').slice(0, 16)}.json`);
  workerBundle = reusableBundle(record) ?? buildWorker(entry, dir, record);
  return workerBundle;
}

interface BundleRecord {
  bundle: string;
  inputs: string[];
  sha256: string;
}

function digestOf(files: string[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(f).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

/** The bundle a record names, if it is there and every input it lists is unchanged; else null. */
export function reusableBundle(record: string): string | null {
  try {
    const r = JSON.parse(readFileSync(record, 'utf8')) as BundleRecord;
    return existsSync(r.bundle) && digestOf(r.inputs) === r.sha256 ? r.bundle : null;
  } catch {
    return null; // no record yet, or an input gone: build
  }
}

function buildWorker(entry: string, dir: string, record: string): string {
  const outfile = path.join(dir, `parse-worker-${process.pid}-${Date.now()}.mjs`);
  const cwd = process.cwd();
  const { metafile } = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
    metafile: true,
    absWorkingDir: cwd,
  });
  const inputs = Object.keys(metafile.inputs).map((f) => path.resolve(cwd, f));
  // Written whole then renamed: a process starting meanwhile reads the old record or the new one, never half of one.
  const tmp = `${record}.${process.pid}`;
  writeFileSync(tmp, JSON.stringify({ bundle: outfile, inputs, sha256: digestOf(inputs) } satisfies BundleRecord));
  renameSync(tmp, record);
  return outfile;
}

export class ParsePool {
  private workers: Worker[] = [];
  private pending = new Map<number, Pending>();
  private seq = 0;
  private failed: Error | null = null;
  /** Evidence candidates when parsing in-thread (workers keep their own). */
  private retention = new CandidatePicker<string>();

  constructor(count = defaultWorkerCount()) {
    for (let i = 0; i < count; i++) {
      // A parser holds one chunk at a time: a small heap keeps the process's
      // peak memory bounded (GC runs sooner instead of the heap growing).
      const w = new Worker(bundledWorker(), {
        resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 },
      });
      w.on('message', (m: { seq: number; chunk: ParsedChunk }) => {
        const p = this.pending.get(m.seq);
        this.pending.delete(m.seq);
        p?.resolve(m.chunk);
      });
      w.on('error', (err) => this.fail(err));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`parse worker exited with code ${code}`));
      });
      this.workers.push(w);
    }
  }

  private fail(err: Error): void {
    this.failed = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  /**
   * Parse a chunk of whole lines. `buf` is handed over: when it owns its
   * memory it moves to the worker without a copy, and the caller must not use it again.
   */
  submit(buf: Buffer, format?: ChunkFormat): Promise<ParsedChunk> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.workers.length === 0) {
      try {
        return Promise.resolve(parseChunk(buf, this.retention, format));
      } catch (err) {
        return Promise.reject(err as Error);
      }
    }
    const seq = this.seq++;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      // A pooled Buffer (small, sharing its ArrayBuffer) cannot be transferred: copy that one.
      const owned = buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength;
      const bytes = owned ? new Uint8Array(buf.buffer as ArrayBuffer, 0, buf.byteLength) : new Uint8Array(buf);
      this.workers[seq % this.workers.length].postMessage({ seq, buf: bytes, format }, [bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers = [];
  }
}
