/**
 * Parses chunks on worker threads (parseChunk is CPU-bound: JSON, validation,
 * prompt facts) while the main thread reads the file and writes the store.
 * Results come back in submission order. With `workers: 0` everything runs
 * in-thread (same code path, for debugging and tiny files).
 */
import { buildSync } from 'esbuild';
import { mkdirSync } from 'node:fs';
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
 * The worker's code as one plain JavaScript file, bundled once per process
 * with esbuild (~50 ms). Workers started on TypeScript through tsx would each
 * run their own loader thread and transpiler: tens of MB apiece, measured.
 */
let workerBundle: string | null = null;
function bundledWorker(): string {
  if (workerBundle) return workerBundle;
  const dir = path.join(tmpdir(), 'distillwatch');
  mkdirSync(dir, { recursive: true });
  const outfile = path.join(dir, `parse-worker-${process.pid}.mjs`);
  buildSync({
    entryPoints: [fileURLToPath(new URL(/* turbopackIgnore: true */ './parse-worker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
  });
  workerBundle = outfile;
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
