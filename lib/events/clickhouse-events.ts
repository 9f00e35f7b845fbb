/**
 * The ClickHouse event store: the official client (@clickhouse/client) to a
 * server, or to chdb's engine in this process through the same client — so the
 * code the tests run is the code that talks to a cluster. Opening applies the
 * schema migrations (db/clickhouse). It receives ingest's event rows (an
 * EventSink) and computes detection's window features where the rows are (a
 * WindowSource).
 */
import { Readable } from 'node:stream';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { migrateClickHouse } from '../../db/clickhouse/migrate';
import type { WindowScan } from '../features/account-features';
import { accountsBeforeClickHouse, scanWindowClickHouse } from '../features/clickhouse-scan';
import { DAY_MS, dayOf, type Window } from '../features/window';
import type { EventStore } from '../features/window-source';
import type { EventSink } from '../ingest/ingest';
import { EVENT_ROW_COLUMNS, type EventRow } from '../ingest/store-writer';
import type { EventsTarget } from './events-target';

export class ClickHouseEvents implements EventStore, EventSink {
  private constructor(
    readonly client: ClickHouseClient,
    /** Where the events are, for messages (never a password). */
    readonly shown: string,
  ) {}

  static async open(target: Exclude<EventsTarget, { engine: 'sqlite' }>): Promise<ClickHouseEvents> {
    const client = target.engine === 'chdb' ? await chdbClient(target.path) : createClient({
      url: target.url, username: target.username, password: target.password, database: target.database,
    });
    const store = new ClickHouseEvents(client, target.engine === 'chdb' ? `chdb:${target.path}` : target.shown);
    try {
      await migrateClickHouse(client);
    } catch (err) {
      await client.close();
      throw new Error(`cannot open the ClickHouse event store at ${store.shown}: ${(err as Error).message.split('\n')[0]}`);
    }
    return store;
  }

  /**
   * One batch, as TabSeparated text: every value is an integer or null (\\N), so
   * there is nothing to escape, and it is about half the time of JSON rows here.
   */
  async insert(rows: EventRow[]): Promise<number> {
    const before = await this.countBetween(rows);
    let text = '';
    for (const r of rows) text += r.map((v) => (v === null ? '\\N' : v)).join('\t') + '\n';
    const values = Readable.from([Buffer.from(text)], { objectMode: false });
    await this.client.insert({ table: 'events', values, format: 'TabSeparated', columns: [...EVENT_ROW_COLUMNS] });
    return (await this.countBetween(rows)) - before;
  }

  /**
   * Events held in the batch's time span: counted before and after the insert, the
   * difference is the batch's new requests (the rest were already there), so that
   * ingest reports duplicates across runs as SQLite does. Logs come roughly in time
   * order, so the span is short and the count reads few parts.
   */
  private async countBetween(rows: EventRow[]): Promise<number> {
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of rows) {
      const ts = r[1] as number;
      if (ts < lo) lo = ts;
      if (ts > hi) hi = ts;
    }
    const rs = await this.client.query({
      query: `SELECT count() AS n FROM events FINAL WHERE ts >= {lo:Int64} AND ts <= {hi:Int64}`,
      query_params: { lo, hi },
      format: 'JSONEachRow',
    });
    const [row] = (await rs.json()) as { n: number | string }[];
    return Number(row.n);
  }

  scanWindow(window: Window, onProgress?: (events: number) => void): Promise<WindowScan> {
    return scanWindowClickHouse(this.client, window, onProgress);
  }

  accountsBefore(ts: number): Promise<number[]> {
    return accountsBeforeClickHouse(this.client, ts);
  }

  /**
   * Events per UTC day from `since` on, in one grouped query (the daily cycle's "does this
   * day have events" and its day counts): the day is the partition key's, so each day's
   * count reads its own partition. Days with no event are absent.
   */
  async dayCounts(since: number): Promise<Map<string, number>> {
    const rs = await this.client.query({
      query: `SELECT intDiv(ts, ${DAY_MS}) AS day, count() AS n FROM events FINAL WHERE ts >= {since:Int64} GROUP BY day ORDER BY day`,
      query_params: { since },
      format: 'JSONEachRow',
    });
    const rows = (await rs.json()) as { day: number | string; n: number | string }[];
    return new Map(rows.map((r) => [dayOf(Number(r.day) * DAY_MS), Number(r.n)]));
  }

  /**
   * Retention: drops every day partition before `cutoffTs` (a UTC midnight), oldest
   * first, each a metadata operation rather than a delete of rows. Answers the days
   * dropped and the events they held (counted after de-duplication, before the drop).
   */
  async dropDaysBefore(cutoffTs: number): Promise<{ days: string[]; events: number }> {
    if (cutoffTs % DAY_MS !== 0) throw new Error(`retention drops whole days: the cut-off must be a UTC midnight, got ${new Date(cutoffTs).toISOString()}`);
    const rs = await this.client.query({
      query: `SELECT intDiv(ts, ${DAY_MS}) AS day, count() AS n FROM events FINAL WHERE ts < {cutoff:Int64} GROUP BY day ORDER BY day`,
      query_params: { cutoff: cutoffTs },
      format: 'JSONEachRow',
    });
    const rows = (await rs.json()) as { day: number | string; n: number | string }[];
    let events = 0;
    for (const r of rows) {
      // The partition key is intDiv(ts, 86400000) (db/clickhouse/migrations/0000_events.sql): the day's number.
      await this.client.command({ query: `ALTER TABLE events DROP PARTITION ${Math.trunc(Number(r.day))}` });
      events += Number(r.n);
    }
    return { days: rows.map((r) => dayOf(Number(r.day) * DAY_MS)), events };
  }

  /** The oldest event's time, or null when none is held. */
  async firstTs(): Promise<number | null> {
    const rs = await this.client.query({ query: `SELECT min(ts) AS ts, count() AS n FROM events`, format: 'JSONEachRow' });
    const [row] = (await rs.json()) as { ts: number | string; n: number | string }[];
    return Number(row.n) === 0 ? null : Number(row.ts);
  }

  /** Events held (after de-duplication). */
  async count(): Promise<number> {
    const rs = await this.client.query({ query: `SELECT count() AS n FROM events FINAL`, format: 'JSONEachRow' });
    const [row] = (await rs.json()) as { n: number | string }[];
    return Number(row.n);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/**
 * chdb is a development dependency (about 500 MB): the tests and the bench run on
 * it, a deployment talks to a server. Loaded only when asked for.
 */
async function chdbClient(path: string): Promise<ClickHouseClient> {
  let mod: typeof import('chdb/connection');
  try {
    mod = await import('chdb/connection');
  } catch {
    throw new Error('chdb: the in-process ClickHouse engine is not installed (npm install, with dev dependencies)');
  }
  // chdb types its connection against its own copy of @clickhouse/client-common; the shapes are the same.
  type Connection = NonNullable<Parameters<typeof createClient>[0]>['connection'];
  return createClient({ connection: mod.createChdbConnection({ path }) as unknown as Connection });
}
