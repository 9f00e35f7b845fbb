/**
 * The writer keeps each account's kept-prompt keys between batches; they
 * must be read again once another connection has changed the store (the
 * server's retention pruning prompts while the CLI ingests, say).
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { tempStore } from '../../tools/testing/temp-store';
import { parseChunk } from './parsed-chunk';
import { CandidatePicker } from './retention';
import { StoreWriter } from './store-writer';

const T0 = Date.UTC(2026, 10, 1);

function chunk(...minutes: number[]) {
  const lines = minutes.map((m) =>
    JSON.stringify({
      type: 'event', request_id: `r${m}`, ts: new Date(T0 + m * 60_000).toISOString(), account_id: 'acct_1', ip: '10.0.0.1',
      model: 'm', prompt: `Explain step by step how to solve: problem number ${m}`, input_tokens: 10, output_tokens: 10,
    }),
  );
  // A fresh picker each time: a parser that has not seen the earlier batches (another worker, another run).
  return parseChunk(Buffer.from(lines.join('\n') + '\n'), new CandidatePicker());
}

const keptMinutes = (store: Store) =>
  (store.sqlite.prepare(`SELECT ts FROM prompts ORDER BY ts`).pluck().all() as number[]).map((ts) => (ts - T0) / 60_000);

let store: Store;
afterEach(() => store?.close());

describe('StoreWriter kept-prompt cache', () => {
  it('keeps the first two of a template across batches', () => {
    store = tempStore('dw-writer-');
    const writer = new StoreWriter(store.sqlite);
    writer.flush([], [chunk(1, 2)]);
    writer.flush([], [chunk(3)]);
    expect(keptMinutes(store)).toEqual([1, 2]);
  });

  it('reads the kept prompts again after another connection deleted them', () => {
    store = tempStore('dw-writer-');
    const writer = new StoreWriter(store.sqlite);
    writer.flush([], [chunk(1, 2)]);
    expect(keptMinutes(store)).toEqual([1, 2]);
    const other = new Database(store.path);
    other.prepare(`DELETE FROM prompts`).run();
    other.close();
    // With the stale keys, minute 3 would be its template's third and refused.
    writer.flush([], [chunk(3)]);
    expect(keptMinutes(store)).toEqual([3]);
  });

  it('reads them again after a batch that failed and rolled back', () => {
    store = tempStore('dw-writer-');
    const writer = new StoreWriter(store.sqlite);
    const bad = chunk(1, 2);
    // A value SQLite cannot bind: the batch throws after both prompts were admitted in memory.
    bad.samples[1].requestId = {} as unknown as string;
    expect(() => writer.flush([], [bad])).toThrow();
    expect(keptMinutes(store)).toEqual([]);
    writer.flush([], [chunk(5)]);
    expect(keptMinutes(store)).toEqual([5]);
  });
});
