/**
 * Versioned schema migrations for the ClickHouse event store, like drizzle's for
 * SQLite: db/clickhouse/migrations/NNNN_name.sql applied in order, each recorded in
 * `distillwatch_migrations` so that a store is migrated once and a newer one is
 * refused rather than misread.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClickHouseClient } from '@clickhouse/client';

/**
 * Beside this module (the CLI and tests), or under the working directory (the built
 * server, whose modules are bundled away from db/: its daily cycle opens the event
 * store), as db/client.ts finds SQLite's; found at run time, left alone by Turbopack.
 */
function migrationsDir(): string {
  const candidates: string[] = [];
  if (import.meta.url.startsWith('file:')) candidates.push(path.join(/* turbopackIgnore: true */ path.dirname(fileURLToPath(import.meta.url)), 'migrations'));
  candidates.push(path.join(/* turbopackIgnore: true */ process.cwd(), 'db', 'clickhouse', 'migrations'));
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error('cannot find db/clickhouse/migrations');
  return found;
}

export interface ClickHouseMigration {
  version: number;
  name: string;
  statements: string[];
}

/** The migration files, in version order; statements are separated by `;` at a line's end. */
export function clickhouseMigrations(dir = migrationsDir()): ClickHouseMigration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(path.join(dir, file), 'utf8').replace(/^\s*--.*$/gm, '');
      return {
        version: Number(file.slice(0, 4)),
        name: file.replace(/\.sql$/, ''),
        statements: sql.split(/;\s*$/m).map((s) => s.trim()).filter(Boolean),
      };
    });
}

/** Applies what the store has not had yet; returns the names applied. */
export async function migrateClickHouse(client: ClickHouseClient, migrations = clickhouseMigrations()): Promise<string[]> {
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS distillwatch_migrations (version UInt32, name String, applied_at Int64)
            ENGINE = MergeTree ORDER BY version`,
  });
  const done = await client.query({ query: `SELECT version FROM distillwatch_migrations`, format: 'JSONEachRow' });
  const applied = new Set(((await done.json()) as { version: number | string }[]).map((r) => Number(r.version)));
  const newest = Math.max(-1, ...applied);
  const known = migrations.at(-1)?.version ?? -1;
  if (newest > known) throw new Error(`the ClickHouse event store is at schema version ${newest}, newer than this build knows (${known})`);
  const ran: string[] = [];
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    for (const statement of m.statements) await client.command({ query: statement });
    await client.insert({ table: 'distillwatch_migrations', values: [{ version: m.version, name: m.name, applied_at: Date.now() }], format: 'JSONEachRow' });
    ran.push(m.name);
  }
  return ran;
}
