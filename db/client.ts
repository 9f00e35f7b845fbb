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

const builders = new WeakMap<Database.Database, Db>();

/**
 * drizzle's query builder over a connection the code already holds (most
 * modules take the better-sqlite3 connection: raw SQL stays on the hot
 * paths). One builder per connection, made on first use.
 */
export function dbOf(sqlite: Database.Database): Db {
  let db = builders.get(sqlite);
  if (!db) {
    db = drizzle(sqlite, { schema });
    builders.set(sqlite, db);
  }
  return db;
}

const preparedQueries = new WeakMap<Database.Database, Map<(db: Db) => unknown, unknown>>();

/**
 * A drizzle query prepared once per connection (built with `sql.placeholder`
 * for its values and `.prepare()`), for the statements that run once per case
 * or per request: building a query costs several times what running it does
 * (~80 µs against ~4 µs on the 2-core machine), and detection opens 50,000
 * cases in one run. `build` must be a module-level function: it is the key.
 */
export function preparedQuery<Q>(sqlite: Database.Database, build: (db: Db) => Q): Q {
  let queries = preparedQueries.get(sqlite);
  if (!queries) preparedQueries.set(sqlite, (queries = new Map()));
  let query = queries.get(build) as Q | undefined;
  if (query === undefined) queries.set(build, (query = build(dbOf(sqlite))));
  return query;
}

export function defaultStorePath(): string {
  return process.env.DISTILLWATCH_DB || path.join('data', 'distillwatch.db');
}

/**
 * Where the migrations are: $DISTILLWATCH_MIGRATIONS, beside this module
 * (the CLI and tests, run from anywhere), or under the working directory (the
 * built server, whose modules are bundled away from db/). Paths are built at
 * run time and marked for Turbopack to leave alone: it would otherwise try to
 * bundle the folder, or trace the whole project into the server's output.
 */
function migrationsFolder(): string {
  const candidates = [process.env.DISTILLWATCH_MIGRATIONS];
  if (import.meta.url.startsWith('file:')) candidates.push(path.join(/* turbopackIgnore: true */ path.dirname(fileURLToPath(import.meta.url)), 'migrations'));
  candidates.push(path.join(/* turbopackIgnore: true */ process.cwd(), 'db', 'migrations'));
  const found = candidates.find((c) => c && existsSync(path.join(c, 'meta', '_journal.json')));
  if (!found) throw new Error('cannot find db/migrations (set DISTILLWATCH_MIGRATIONS)');
  return found;
}

export function openStore(file = defaultStorePath(), opts: OpenOptions = {}): Store {
  if (file !== ':memory:') {
    const dir = path.dirname(path.resolve(/* turbopackIgnore: true */ file));
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
  const db = dbOf(sqlite);
  if (!opts.readonly) {
    migrate(db, { migrationsFolder: migrationsFolder() });
    addReasonCodeBits(sqlite);
  }
  return { db, sqlite, path: file, close: () => sqlite.close() };
}

/**
 * A reason code added to REASON_CODES after migration 0003 gets its bit in
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
 * failing half-way with SQLITE_BUSY. Once the outermost one commits, the
 * work registered with `afterCommit` during it runs.
 */
export function writeTransaction<T>(sqlite: Database.Database, fn: () => T): T {
  const outermost = !sqlite.inTransaction;
  let result: T;
  try {
    result = sqlite.transaction(fn).immediate();
  } catch (err) {
    if (outermost) pendingAfterCommit.delete(sqlite);
    throw err;
  }
  if (outermost) runAfterCommit(sqlite);
  return result;
}

const pendingAfterCommit = new WeakMap<Database.Database, Map<string, () => void>>();

/**
 * Work to do once the current write transaction has committed (registered
 * under `key`: the same key twice runs once). It must read what it needs from
 * the store then, not from the transaction that registered it: a registration
 * from a rolled-back savepoint may still run, and must find nothing to do.
 * Errors are reported on stderr, never thrown: the transaction is committed.
 */
export function afterCommit(sqlite: Database.Database, key: string, fn: () => void): void {
  let pending = pendingAfterCommit.get(sqlite);
  if (!pending) pendingAfterCommit.set(sqlite, (pending = new Map()));
  pending.set(key, fn);
}

function runAfterCommit(sqlite: Database.Database): void {
  const pending = pendingAfterCommit.get(sqlite);
  if (!pending) return;
  pendingAfterCommit.delete(sqlite);
  for (const fn of pending.values()) {
    try {
      fn();
    } catch (err) {
      process.stderr.write(`distillwatch: after-commit work failed: ${(err as Error).message}\n`);
    }
  }
}
