/**
 * The one module that opens the store: a SQLite file in WAL mode, wrapped
 * with drizzle, with every migration applied (new file or old).
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REASON_CODES } from '../lib/domain/reason-codes';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;
export interface Store {
  db: Db;
  sqlite: Database.Database;
  path: string;
  close(): void;
}

export interface OpenOptions {
  /** Page cache in MiB. Ingest keeps it modest so that peak memory stays bounded. */
  cacheMiB?: number;
  readonly?: boolean;
}

export function defaultStorePath(): string {
  return process.env.DISTILLWATCH_DB || path.join('data', 'distillwatch.db');
}

function migrationsFolder(): string {
  const candidates = [
    process.env.DISTILLWATCH_MIGRATIONS,
    path.join(process.cwd(), 'db', 'migrations'),
  ];
  try {
    candidates.splice(1, 0, fileURLToPath(new URL('./migrations', import.meta.url)));
  } catch {
    // Bundled (Next.js server): import.meta.url is not a file URL; use cwd.
  }
  const found = candidates.find((c) => c && existsSync(path.join(c, 'meta', '_journal.json')));
  if (!found) throw new Error('cannot find db/migrations (set DISTILLWATCH_MIGRATIONS)');
  return found;
}

export function openStore(file = defaultStorePath(), opts: OpenOptions = {}): Store {
  if (file !== ':memory:') {
    const dir = path.dirname(path.resolve(file));
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      throw new Error(`cannot create store directory ${dir}: ${(err as Error).message}`);
    }
  }
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: opts.readonly ?? false });
  } catch (err) {
    throw new Error(`cannot open store ${file}: ${(err as Error).message}`);
  }
  sqlite.pragma('busy_timeout = 15000');
  if (!opts.readonly) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
  }
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma(`cache_size = -${(opts.cacheMiB ?? 64) * 1024}`);
  const db = drizzle(sqlite, { schema });
  if (!opts.readonly) {
    migrate(db, { migrationsFolder: migrationsFolder() });
    addReasonCodeBits(sqlite);
  }
  return { db, sqlite, path: file, close: () => sqlite.close() };
}

/**
 * A reason code added to REASON_CODES after migration 0001 gets its bit in
 * `alerts.reason_bits` (kept by triggers) from its place in the list.
 */
function addReasonCodeBits(sqlite: Database.Database): void {
  const known = (sqlite.prepare(`SELECT count(*) AS n FROM reason_code_bits`).get() as { n: number }).n;
  if (known >= REASON_CODES.length) return;
  const put = sqlite.prepare(`INSERT OR IGNORE INTO reason_code_bits (code, bit) VALUES (?, ?)`);
  sqlite.transaction(() => REASON_CODES.forEach((code, bit) => put.run(code, bit)))();
}

/**
 * Run `fn` in a write transaction that takes the write lock up front
 * (BEGIN IMMEDIATE), so concurrent writers wait (busy_timeout) instead of
 * failing half-way with SQLITE_BUSY.
 */
export function writeTransaction<T>(sqlite: Database.Database, fn: () => T): T {
  return sqlite.transaction(fn).immediate();
}
