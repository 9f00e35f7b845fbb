/**
 * `distillwatch watch DIR`: files that appear are ingested and moved to done/
 * or failed/ with a reason; a watcher killed with SIGKILL mid-file and
 * started again loses nothing and counts nothing twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { fixture } from '../../tools/testing/adapter-fixtures';
import { account, event, writeNdjson } from '../../tools/testing/records';
import { tempStore } from '../../tools/testing/temp-store';
import { readyFiles, watchFolder, type FileOutcome } from './watch-folder';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'bin', 'distillwatch.mjs');

let store: Store;
let dir: string;
beforeEach(() => {
  store = tempStore('dw-watch-');
  dir = mkdtempSync(path.join(tmpdir(), 'dw-watch-dir-'));
});
afterEach(() => store.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: () => T | undefined | false, label: string, timeoutMs = 240_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = what();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}`);
    await sleep(25);
  }
}
const count = (sql: string) => (store.sqlite.prepare(sql).get() as { n: number }).n;

/** Writes under a temporary name, then renames into the folder: the safe way to drop a file. */
function drop(name: string, write: (file: string) => void): void {
  const tmp = path.join(dir, `.${name}.tmp`);
  write(tmp);
  renameSync(tmp, path.join(dir, name));
}

describe('watch DIR', () => {
  it('ingests files as they appear: good ones to done/, bad ones to failed/ with a reason; dotfiles and .part files are left alone', async () => {
    const stop = new AbortController();
    const outcomes: FileOutcome[] = [];
    const watching = watchFolder(store, dir, { intervalMs: 20, signal: stop.signal, workers: 0 }).then((o) => outcomes.push(...o));
    drop('first.ndjson', (f) => writeNdjson(f, [account('w1'), event('w1', { request_id: 'w-1' }), event('w1', { request_id: 'w-2' })]));
    await until(() => existsSync(path.join(dir, 'done', 'first.ndjson')), 'first.ndjson in done/');
    expect(count('SELECT count(*) AS n FROM events')).toBe(2);

    drop('spans.jsonl', (f) => writeFileSync(f, readFileSync(fixture('otel', 'spans.jsonl'))));
    drop('mixed.ndjson', (f) => writeNdjson(f, [event('w1', { request_id: 'w-3' }), '{oops', event('w1', { request_id: 'w-4', ip: 'x' })]));
    drop('broken.ndjson.gz', (f) => writeFileSync(f, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00])));
    writeFileSync(path.join(dir, 'upload.part'), 'not yet');
    await until(() => readdirSync(path.join(dir, 'failed')).filter((n) => !n.endsWith('.reason')).length === 2 && existsSync(path.join(dir, 'done', 'spans.jsonl')), 'three more files handled');
    stop.abort();
    await watching;

    expect(readdirSync(path.join(dir, 'done')).sort()).toEqual(['first.ndjson', 'spans.jsonl']);
    expect(readdirSync(path.join(dir, 'failed')).sort()).toEqual(['broken.ndjson.gz', 'broken.ndjson.gz.reason', 'mixed.ndjson', 'mixed.ndjson.reason']);
    expect(readdirSync(path.join(dir, 'processing'))).toEqual([]);
    expect(existsSync(path.join(dir, 'upload.part'))).toBe(true);
    const mixed = readFileSync(path.join(dir, 'failed', 'mixed.ndjson.reason'), 'utf8');
    expect(mixed).toMatch(/^2 lines rejected; the good lines were ingested \(1 events, 0 account records, 0 duplicates\)/);
    expect(mixed).toMatch(/line 2: not JSON/);
    expect(mixed).toMatch(/line 3: field "ip" is not an IPv4 or IPv6 address/);
    expect(readFileSync(path.join(dir, 'failed', 'broken.ndjson.gz.reason'), 'utf8')).toMatch(/^not ingested: corrupt or truncated gzip data/);
    // 2 + 2 spans + the good line of mixed.
    expect(count('SELECT count(*) AS n FROM events')).toBe(5);
    expect(outcomes.map((o) => [o.file, o.outcome])).toEqual([
      ['first.ndjson', 'done'], ['broken.ndjson.gz', 'failed'], ['mixed.ndjson', 'failed'], ['spans.jsonl', 'done'],
    ]);
  });

  it('claims a file only once it stopped growing over one scan; ignores dotfiles and partial names', () => {
    const seen = new Map<string, string>();
    const f = path.join(dir, 'growing.ndjson');
    writeFileSync(f, 'one\n');
    writeFileSync(path.join(dir, '.hidden'), 'x');
    writeFileSync(path.join(dir, 'upload.partial'), 'x');
    expect(readyFiles(dir, seen, false)).toEqual([]);
    writeFileSync(f, 'two\n', { flag: 'a' });
    expect(readyFiles(dir, seen, false)).toEqual([]);
    expect(readyFiles(dir, seen, false)).toEqual(['growing.ndjson']);
    expect(readyFiles(dir, new Map(), true)).toEqual(['growing.ndjson']);
  });

  it('files the same name twice without overwriting, and counts a resent file once', async () => {
    const firstLine = event('g1', { request_id: 'g-1' });
    const stop = new AbortController();
    const watching = watchFolder(store, dir, { intervalMs: 20, signal: stop.signal, workers: 0 });
    drop('resent.ndjson', (f) => writeNdjson(f, [firstLine]));
    await until(() => existsSync(path.join(dir, 'done', 'resent.ndjson')), 'resent.ndjson done');
    drop('resent.ndjson', (f) => writeNdjson(f, [firstLine]));
    await until(() => readdirSync(path.join(dir, 'done')).length === 2, 'the second resent.ndjson done');
    stop.abort();
    await watching;
    expect(readdirSync(path.join(dir, 'done')).filter((n) => n.endsWith('-resent.ndjson'))).toHaveLength(1);
    expect(count('SELECT count(*) AS n FROM events')).toBe(1);
  });

  it('survives kill -9 mid-file: on restart the claimed file is ingested again, nothing lost, nothing twice', async () => {
    const EVENTS = 150_000;
    const db = path.join(dir, '..', `${path.basename(dir)}-store.db`);
    const big = path.join(dir, '.big.ndjson.tmp');
    const out = createWriteStream(big);
    for (let i = 0; i < EVENTS; i++) {
      const line = JSON.stringify(event(`k${i % 500}`, { request_id: `kill-${i}` })) + '\n';
      if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((r) => { out.end(() => r()); });

    const eventsIn = () => {
      if (!existsSync(db)) return 0;
      try {
        const s = new Database(db, { readonly: true, fileMustExist: true });
        try {
          return (s.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
        } finally {
          s.close();
        }
      } catch {
        return 0;
      }
    };
    const start = (): ChildProcess => spawn(process.execPath, [cli, 'watch', dir, '--db', db, '--interval', '50'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const first = start();
    const firstExit = new Promise((r) => first.on('exit', r));
    renameSync(big, path.join(dir, 'big.ndjson'));
    // Kill once some batches are committed and the file is still being ingested.
    await until(() => eventsIn() > 0 && first.exitCode === null, 'first committed batch');
    expect(eventsIn()).toBeLessThan(EVENTS);
    first.kill('SIGKILL');
    await firstExit;
    expect(readdirSync(path.join(dir, 'processing'))).toEqual(['big.ndjson']);
    const partial = eventsIn();

    const second = start();
    let log = '';
    second.stderr!.on('data', (d) => (log += String(d)));
    const secondExit = new Promise((r) => second.on('exit', r));
    await until(() => existsSync(path.join(dir, 'done', 'big.ndjson')), 'big.ndjson in done/ after the restart');
    second.kill('SIGTERM');
    expect(await secondExit).toBe(0);
    expect(log).toMatch(/big\.ndjson: found in processing\/ \(interrupted run\), ingesting it again/);
    expect(log).toMatch(new RegExp(`big\\.ndjson: ${EVENTS - partial} events, 0 account records, ${partial} duplicates, 0 rejected → done/`));
    expect(eventsIn()).toBe(EVENTS);
    expect(readdirSync(path.join(dir, 'processing'))).toEqual([]);
  }, 600_000);
});
