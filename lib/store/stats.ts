/** What the store holds (`distillwatch stats`, the overview page). */
import type Database from 'better-sqlite3';
import { count, eq, sql, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { dbOf } from '../../db/client';
import { accounts, alerts, cases, meta, rings } from '../../db/schema';

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
  const db = dbOf(sqlite);
  const facts = new Map(db.select().from(meta).all().map((r) => [r.key, r.value]));
  const rows = (table: SQLiteTable, where?: SQL) => db.select({ n: count() }).from(table).where(where).get()?.n ?? 0;
  const iso = (v: string | undefined) => (v === undefined ? null : new Date(Number(v)).toISOString());
  return {
    accounts: rows(accounts),
    events: Number(facts.get('event_count') ?? 0),
    first_event: iso(facts.get('first_event')),
    last_event: iso(facts.get('last_event')),
    alerts: rows(alerts),
    rings: rows(rings, eq(rings.asOf, sql`(SELECT max(${rings.asOf}) FROM ${rings})`)),
    cases: rows(cases),
  };
}
