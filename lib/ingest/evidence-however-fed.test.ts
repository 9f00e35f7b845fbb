/**
 * Ingest keeps the same evidence prompts however the events are fed: one
 * clean run; a run cut short (its first batches committed) and then run
 * again; the first lines of the file and then the whole file; the events
 * split across several files, gzip or not, ingested in any order, with any
 * number of parser threads. Each way must end with exactly the prompts of
 * the clean run (the same rows, text included) and the same counts.
 * The real-kill variant (SIGKILL of the CLI process) is in crash.test.ts.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../db/client';
import { writeNdjson } from '../../tools/testing/records';
import { evidenceScenario, rng, shuffled } from '../../tools/testing/evidence-scenario';
import { ingestFiles } from './ingest';

interface Outcome {
  events: number;
  prompts: number;
  /** SHA-256 of every kept prompt: account, request id, text. */
  hash: string;
}

function outcome(dbFile: string): Outcome {
  const s = openStore(dbFile);
  try {
    const rows = s.sqlite
      .prepare(`SELECT a.account_id, p.request_id, p.text FROM prompts p JOIN accounts a ON a.id = p.account ORDER BY a.account_id, p.ts, p.rid`)
      .raw(true)
      .all() as string[][];
    const events = (s.sqlite.prepare(`SELECT count(*) AS n FROM events`).get() as { n: number }).n;
    return { events, prompts: rows.length, hash: createHash('sha256').update(JSON.stringify(rows)).digest('hex') };
  } finally {
    s.close();
  }
}

/** Ingest `feeds` one after the other into a fresh store; each feed is one `ingest` run of its files. */
async function ingestRuns(dir: string, name: string, feeds: (object | string)[][][], opts: { workers: number; batchSize?: number; gzip?: boolean }): Promise<Outcome> {
  const dbFile = path.join(dir, name, 'store.db');
  const store = openStore(dbFile);
  try {
    for (const [run, files] of feeds.entries()) {
      const paths = files.map((lines, i) => {
        const f = path.join(dir, name, `run${run}-part${i}.ndjson${opts.gzip ? '.gz' : ''}`);
        writeNdjson(f, lines, opts.gzip);
        return f;
      });
      await ingestFiles(store, paths, { workers: opts.workers, batchSize: opts.batchSize, showProgress: false });
    }
  } finally {
    store.close();
  }
  return outcome(dbFile);
}

describe('evidence prompts however the events are fed', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: clean, cut short and rerun, prefix then whole, split in any order — same prompts`, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'dw-evidence-'));
      const r = rng(seed * 7919);
      const lines = evidenceScenario(seed);
      const clean = await ingestRuns(dir, 'clean', [[lines]], { workers: 2 });
      // The caps must bite for the test to mean anything.
      expect(clean.prompts).toBeGreaterThan(500);
      expect(clean.prompts).toBeLessThan(lines.length / 4);

      // (b) a run whose first batches committed before it stopped, then the same file again.
      const cut = 1 + r(lines.length - 1);
      const rerun = await ingestRuns(dir, 'rerun', [[lines.slice(0, cut)], [lines]], { workers: 1, batchSize: 500 });
      // (c) the first N lines as their own file, then the whole file.
      const n = 1 + r(lines.length - 1);
      const prefix = await ingestRuns(dir, 'prefix', [[lines.slice(0, n)], [lines]], { workers: 0 });
      // (d) split at random points into 2–5 files, fed in a random order: in one run, and one run per file (gzip).
      const points = [...new Set(Array.from({ length: 1 + r(4) }, () => 1 + r(lines.length - 1)))].sort((a, b) => a - b);
      const parts = [0, ...points].map((p, i, all) => lines.slice(p, all[i + 1] ?? lines.length));
      const oneRun = await ingestRuns(dir, 'split', [shuffled(parts, r)], { workers: 2, batchSize: 777 });
      const runPerFile = await ingestRuns(dir, 'split-runs', shuffled(parts, r).map((p) => [p]), { workers: 1, gzip: true });
      // Overlapping windows fed out of order: the second half, then everything, then the first half again.
      const half = Math.floor(lines.length / 2);
      const overlapping = await ingestRuns(dir, 'overlap', [[lines.slice(half)], [lines], [lines.slice(0, half)]], { workers: 2 });

      for (const other of [rerun, prefix, oneRun, runPerFile, overlapping]) expect(other).toEqual(clean);
    });
  }
});
