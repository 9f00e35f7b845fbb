/**
 * Next.js calls register() once when a server process starts. On the Node.js
 * runtime of a server that has a store (`distillwatch serve` sets
 * DISTILLWATCH_DB), it starts the daily cycle: scheduled detection, webhook
 * deliveries and retention (lib/schedule/server-loop.ts, README "The daily cycle"),
 * and warms the largest rings' graph answers (lib/rings/graph-answer.ts).
 */
import type Database from 'better-sqlite3';

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || !process.env.DISTILLWATCH_DB || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { scheduleConfig } = await import('./lib/schedule/config');
  const { startServerCycle } = await import('./lib/schedule/server-loop');
  // Where the events are: DISTILLWATCH_CLICKHOUSE_URL, else the store's SQLite table, as for the CLI
  // (lib/events/open-events.ts). Without the setting the ClickHouse modules are never loaded: the cycle
  // reads SQLite's table, and refuses a store whose events are in ClickHouse with the CLI's sentence.
  const openEvents = process.env.DISTILLWATCH_CLICKHOUSE_URL?.trim()
    ? async (sqlite: Database.Database) =>
        (await import('./lib/events/open-events')).openEvents(sqlite, undefined, process.env)
    : undefined;
  startServerCycle({ dbPath: process.env.DISTILLWATCH_DB, config: scheduleConfig(), openEvents });
  // The largest rings' graphs, built before the first analyst asks for one (lib/rings/graph-answer.ts).
  const { serverStore } = await import('./lib/store/server-store');
  const { startRingGraphWarmer } = await import('./lib/rings/graph-answer');
  startRingGraphWarmer(() => serverStore().sqlite);
}
