/**
 * A kill at any moment leaves a consistent store, and the same command run
 * again converges on exactly the file's events. Uses the real CLI process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { account, event } from '../../tools/testing/records';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'bin', 'distillwatch.mjs');
const EVENTS = 200_000;

/** Events in the store so far (0 before the child has created it), read by a second connection. */
function eventsSoFar(db: string): number {
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
}

/** Wait until the child has committed more than `above` events (a kill then lands mid-ingest, however slow the machine), then `extraMs` more. */
async function midIngest(db: string, above: number, extraMs: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (eventsSoFar(db) <= above && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, extraMs));
}

async function bigFile(file: string): Promise<void> {
  const out = createWriteStream(file);
  const write = (o: object) => (out.write(JSON.stringify(o) + '\n') ? null : new Promise<void>((r) => out.once('drain', () => r())));
  for (let a = 0; a < 200; a++) await write(account(`acct_${a}`));
  for (let i = 0; i < EVENTS; i++) {
    await write(event(`acct_${i % 200}`, { request_id: `kill_${i}`, prompt: `Explain step by step item ${i} of the list, please` }));
  }
  await new Promise<void>((r) => { out.end(() => r()); });
}

describe('ingest killed with SIGKILL', () => {
  it('leaves an intact store and a rerun converges without duplicates', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dw-kill-'));
    const file = path.join(dir, 'big.ndjson');
    const db = path.join(dir, 'store.db');
    await bigFile(file);

    // The first kill lands as soon as events are committed, the second a little after the rerun has added more.
    for (const extraMs of [0, 500]) {
      const before = eventsSoFar(db);
      const child = spawn(process.execPath, [cli, 'ingest', file, '--db', db], { stdio: 'ignore' });
      const exited = new Promise((r) => child.on('exit', r));
      await midIngest(db, before, extraMs);
      child.kill('SIGKILL');
      await exited;
      const s = new Database(db);
      expect(s.pragma('integrity_check', { simple: true })).toBe('ok');
      const n = (s.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
      expect(n).toBeLessThanOrEqual(EVENTS);
      s.close();
    }

    const rerun = spawnSync(process.execPath, [cli, 'ingest', file, '--db', db, '--json'], { encoding: 'utf8' });
    expect(rerun.status).toBe(0);
    const summary = JSON.parse(rerun.stdout);
    const s = new Database(db);
    const n = (s.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    expect(n).toBe(EVENTS);
    expect(summary.events + summary.duplicates).toBe(EVENTS);
    expect(s.pragma('integrity_check', { simple: true })).toBe('ok');
    s.close();
  });
});
