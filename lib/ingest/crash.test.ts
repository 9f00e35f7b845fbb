/**
 * A kill at any moment leaves a consistent store, and the same command run
 * again converges on exactly the file's events and the evidence prompts a
 * clean run keeps. Uses the real CLI process.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { account } from '../../tools/testing/records';
import { evidenceEvent, rng } from '../../tools/testing/evidence-scenario';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'bin', 'distillwatch.mjs');
const EVENTS = 200_000;
const ACCOUNTS = 2_000;

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

/** Wait until the child has committed more than `above` events, so that a kill lands mid-ingest however slow the machine. */
async function midIngest(db: string, above: number, child: ChildProcess): Promise<void> {
  while (eventsSoFar(db) <= above && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
}

/** The kept evidence prompts (account, request id, text), hashed, and their number. */
function evidence(db: string): { prompts: number; hash: string } {
  const s = new Database(db, { readonly: true });
  try {
    const rows = s
      .prepare(`SELECT a.account_id, p.request_id, p.text FROM prompts p JOIN accounts a ON a.id = p.account ORDER BY a.account_id, p.ts, p.rid`)
      .raw(true)
      .all();
    return { prompts: rows.length, hash: createHash('sha256').update(JSON.stringify(rows)).digest('hex') };
  } finally {
    s.close();
  }
}

async function bigFile(file: string): Promise<void> {
  const out = createWriteStream(file);
  const write = (o: object) => (out.write(JSON.stringify(o) + '\n') ? null : new Promise<void>((r) => out.once('drain', () => r())));
  for (let a = 0; a < ACCOUNTS; a++) await write(account(`acct_${a}`));
  const r = rng(13);
  for (let i = 0; i < EVENTS; i++) await write(evidenceEvent(13, i, EVENTS, ACCOUNTS, r));
  await new Promise<void>((r) => { out.end(() => r()); });
}

describe('ingest killed with SIGKILL', () => {
  it('leaves an intact store and a rerun converges without duplicates', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dw-kill-'));
    const file = path.join(dir, 'big.ndjson');
    const db = path.join(dir, 'store.db');
    await bigFile(file);

    // The first kill lands as soon as events are committed, the second once the rerun has added 20,000 more.
    for (const more of [0, 20_000]) {
      const before = eventsSoFar(db);
      const child = spawn(process.execPath, [cli, 'ingest', file, '--db', db], { stdio: 'ignore' });
      const exited = new Promise((r) => child.on('exit', r));
      await midIngest(db, before + more, child);
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

    // The same evidence as one clean run of the file.
    const cleanDb = path.join(dir, 'clean.db');
    expect(spawnSync(process.execPath, [cli, 'ingest', file, '--db', cleanDb], { stdio: 'ignore' }).status).toBe(0);
    const clean = evidence(cleanDb);
    expect(clean.prompts).toBeGreaterThan(ACCOUNTS * 20);
    expect(evidence(db)).toEqual(clean);
  }, 600_000); // a bound against a hang, not a time to meet: four ingests of 200,000 events on a loaded machine
});
