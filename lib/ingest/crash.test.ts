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
import { account, event } from '../testing/records';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'bin', 'distillwatch.mjs');
const EVENTS = 200_000;

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

    for (const delayMs of [1500, 2500]) {
      const child = spawn(process.execPath, [cli, 'ingest', file, '--db', db], { stdio: 'ignore' });
      const exited = new Promise((r) => child.on('exit', r));
      await new Promise((r) => setTimeout(r, delayMs));
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
