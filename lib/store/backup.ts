/**
 * An online backup of the store through SQLite's backup API (better-sqlite3's
 * `db.backup()`): a page-by-page copy of one consistent snapshot, taken while
 * the server and ingest keep writing. In WAL mode a reader never blocks a
 * writer, so the copy holds nobody up.
 *
 * SQLite restarts a backup whose source another connection changes between
 * two steps. Copying in steps keeps progress visible; once a restart is seen
 * (the remaining pages grow), the rest is copied in one step, which holds one
 * read snapshot until it is done and so cannot restart again.
 *
 * Nothing appears at the destination until the copy is verified: it is
 * written beside it under a temporary name, checked (`quick_check` or
 * `integrity_check`, then counted), and renamed into place.
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** Tables whose rows the report counts: what an analyst would miss first. */
export const BACKUP_COUNTED_TABLES = ['accounts', 'events', 'prompts', 'cases', 'decisions', 'audit_log', 'users'] as const;

/** Pages copied per step (4 KiB pages: 16 MiB) while nothing else writes. */
const PAGES_PER_STEP = 4096;

export interface BackupOptions {
  /** Replace an existing file at the destination. */
  force?: boolean;
  /** `quick` (quick_check, linear in the file) or `full` (integrity_check, also checks every index against its table). */
  check?: 'quick' | 'full';
  /** Told as pages are copied (between steps). */
  onProgress?: (copied: number, total: number) => void;
  /** Pages per step before any restart (default 4096). */
  pagesPerStep?: number;
}

export interface BackupResult {
  dest: string;
  bytes: number;
  pages: number;
  /** Times the copy started again because another connection wrote mid-copy. */
  restarts: number;
  check: 'quick' | 'full';
  /** Row counts of the copy (tables it lacks are left out). */
  rows: Record<string, number>;
}

export class BackupError extends Error {}

/** Refuse what cannot be a good destination before anything is written. */
export function checkDestination(source: string, dest: string, force: boolean): void {
  const dir = path.dirname(path.resolve(dest));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new BackupError(`directory ${dir} does not exist`);
  if (path.resolve(dest) === path.resolve(source)) throw new BackupError('the destination is the store itself');
  if (existsSync(dest)) {
    if (!statSync(dest).isFile()) throw new BackupError(`${dest} exists and is not a file`);
    if (!force) throw new BackupError(`${dest} exists (use --force to replace it)`);
  }
}

/** Copy the store open on `sqlite` (a file store) to `dest`, verified. */
export async function backupStore(sqlite: Database.Database, dest: string, opts: BackupOptions = {}): Promise<BackupResult> {
  const check = opts.check ?? 'quick';
  checkDestination(sqlite.name, dest, opts.force === true);
  const partial = path.join(path.dirname(path.resolve(dest)), `.${path.basename(dest)}.partial-${process.pid}`);
  rmSync(partial, { force: true });
  try {
    const { pages, restarts } = await copyPages(sqlite, partial, opts.pagesPerStep ?? PAGES_PER_STEP, opts.onProgress);
    const rows = verifyCopy(partial, check);
    renameSync(partial, dest);
    return { dest, bytes: statSync(dest).size, pages, restarts, check, rows };
  } finally {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) rmSync(f, { force: true });
  }
}

async function copyPages(sqlite: Database.Database, to: string, step: number, onProgress?: (copied: number, total: number) => void) {
  let restarts = 0;
  let lastRemaining = Infinity;
  let total = 0;
  const meta = await sqlite.backup(to, {
    progress({ totalPages, remainingPages }) {
      total = totalPages;
      if (remainingPages > lastRemaining) restarts++;
      lastRemaining = remainingPages;
      onProgress?.(totalPages - remainingPages, totalPages);
      // After a restart, finish in one step: one snapshot, no further restart.
      return restarts > 0 ? Math.max(totalPages, 1) : step;
    },
  });
  return { pages: meta.totalPages || total, restarts };
}

/** Open the copy on its own, run SQLite's check and count the key tables; throws when the copy is not sound. */
export function verifyCopy(file: string, check: 'quick' | 'full'): Record<string, number> {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const problems = copy.pragma(check === 'full' ? 'integrity_check' : 'quick_check', { simple: false }) as Record<string, string>[];
    const messages = problems.map((r) => Object.values(r)[0]);
    if (messages.length !== 1 || messages[0] !== 'ok') {
      throw new BackupError(`the copy failed its ${check} check: ${messages.slice(0, 3).join('; ')}`);
    }
    const tables = new Set((copy.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]));
    const rows: Record<string, number> = {};
    for (const t of BACKUP_COUNTED_TABLES) {
      if (tables.has(t)) rows[t] = copy.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number;
    }
    return rows;
  } finally {
    copy.close();
  }
}
