/** What the store holds (`distillwatch stats`, the overview page). */
import type Database from 'better-sqlite3';

export interface StoreStats {
  accounts: number;
  events: number;
  first_event: string | null;
  last_event: string | null;
  alerts: number;
  rings: number;
  cases: number;
}

export function storeStats(sqlite: Database.Database): StoreStats {
  const meta = new Map(
    (sqlite.prepare(`SELECT key, value FROM meta`).all() as { key: string; value: string }[]).map((r) => [r.key, r.value]),
  );
  const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
  const iso = (v: string | undefined) => (v === undefined ? null : new Date(Number(v)).toISOString());
  return {
    accounts: count(`SELECT count(*) AS n FROM accounts`),
    events: Number(meta.get('event_count') ?? 0),
    first_event: iso(meta.get('first_event')),
    last_event: iso(meta.get('last_event')),
    alerts: count(`SELECT count(*) AS n FROM alerts`),
    rings: count(`SELECT count(*) AS n FROM rings WHERE as_of = (SELECT max(as_of) FROM rings)`),
    cases: count(`SELECT count(*) AS n FROM cases`),
  };
}
