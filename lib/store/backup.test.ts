import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../../db/client';
import { evidenceScenario } from '../../tools/testing/evidence-scenario';
import { main } from '../cli/main';
import { ingestFiles } from '../ingest/ingest';
import { backupStore } from './backup';

let dir: string;
let store: Store;
let events: number;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'dw-backup-'));
  const file = path.join(dir, 'input.ndjson');
  writeFileSync(file, evidenceScenario(5, 3_000, 40).map((l) => JSON.stringify(l)).join('\n') + '\n');
  store = openStore(path.join(dir, 'store.db'));
  events = (await ingestFiles(store, [file], { workers: 0, showProgress: false, writeRejects: false })).events;
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

const count = (db: Database.Database, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('backupStore', () => {
  it('copies a store while another connection writes, and the copy opens with the rows', async () => {
    expect(events).toBeGreaterThan(2_000);
    const other = new Database(store.path);
    other.pragma('busy_timeout = 15000');
    const before = count(other, 'accounts');
    const add = other.prepare(`INSERT INTO accounts (account_id, has_record, updated_at) VALUES (?, 0, 0)`);
    let written = 0;
    const dest = path.join(dir, 'copy.db');
    // One page a step, and a commit from the other connection between steps: SQLite restarts the copy.
    const r = await backupStore(store.sqlite, dest, { pagesPerStep: 1, onProgress: () => add.run(`concurrent_${written++}`) });
    other.close();
    expect(written).toBeGreaterThan(0);
    expect(r.restarts).toBeGreaterThan(0);
    const copy = new Database(dest, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(count(copy, 'events')).toBe(events);
      expect(count(copy, 'prompts')).toBe(count(store.sqlite, 'prompts'));
      // A consistent snapshot: every account written before the copy finished, no more than were written in all.
      expect(count(copy, 'accounts')).toBeGreaterThanOrEqual(before + 1);
      expect(count(copy, 'accounts')).toBeLessThanOrEqual(before + written);
      expect(r.rows).toMatchObject({ events, accounts: count(copy, 'accounts') });
    } finally {
      copy.close();
    }
    // No temporary file is left beside it.
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('refuses an existing destination without force, and replaces it with force', async () => {
    const dest = path.join(dir, 'existing.db');
    writeFileSync(dest, 'not a store');
    await expect(backupStore(store.sqlite, dest)).rejects.toThrow(/exists \(use --force/);
    expect(readFileSync(dest, 'utf8')).toBe('not a store');
    const r = await backupStore(store.sqlite, dest, { force: true, check: 'full' });
    expect(r.rows.events).toBe(events);
  });
});

function captured(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  return fn().then((code) => ({ code, out, err }));
}

describe('distillwatch backup', () => {
  it('writes a verified copy and says what it holds (--json)', async () => {
    const dest = path.join(dir, 'cli-copy.db');
    const r = await captured(() => main(['backup', dest, '--db', store.path, '--json']));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ dest, check: 'quick', rows: { events } });
    expect(existsSync(dest)).toBe(true);
  });

  it.each([
    [['backup', '--db', 'STORE'], /needs exactly one DEST/],
    [['backup', 'a.db', 'b.db', '--db', 'STORE'], /needs exactly one DEST/],
    [['backup', 'OUT', '--db', 'STORE', '--check', 'sometimes'], /--check must be quick or full/],
    [['backup', 'OUT', '--db', 'STORE', '--frobnicate'], /Unknown option/],
    [['backup', path.join('NOWHERE', 'x.db'), '--db', 'STORE'], /does not exist/],
    [['backup', 'OUT', '--db', path.join('NOWHERE', 'missing.db')], /no store at/],
    [['backup', 'STORE', '--db', 'STORE', '--force'], /the store itself/],
  ])('refuses %j with a clear reason and writes nothing', async (args, reason) => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'dw-backup-bad-'));
    const argv = args.map((a) =>
      a.replace('STORE', store.path).replace('OUT', path.join(outDir, 'out.db')).replace('NOWHERE', path.join(outDir, 'no', 'such')),
    );
    const r = await captured(() => main(argv));
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(reason);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(outDir)).toEqual([]);
    rmSync(outDir, { recursive: true, force: true });
  });
});
