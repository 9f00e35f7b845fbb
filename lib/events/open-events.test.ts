/**
 * A store keeps its events in one engine. (Opening ClickHouse itself is
 * exercised in clickhouse-equivalence.test.ts, the one file that runs chdb.)
 */
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { recordClickHouseEvents } from '../../db/events-engine';
import type { Store } from '../../db/client';
import { tempStore } from '../../tools/testing/temp-store';
import { ingestSources } from '../ingest/ingest';
import { pruneExpired } from '../retention/prune';
import { openEvents } from './open-events';

let store: Store;
afterEach(() => store?.close());

// Refused before a byte is read.
const source = () => ({ name: 'empty.ndjson', open: () => Readable.from([]) });

describe('one engine per store', () => {
  it('keeps SQLite when nothing says otherwise', async () => {
    store = tempStore('dw-ch-open-');
    expect(await openEvents(store.sqlite, undefined, {})).toBeNull();
  });

  it('refuses ClickHouse for a store whose events are already in SQLite, before connecting anywhere', async () => {
    store = tempStore('dw-ch-open-');
    store.sqlite.prepare(`INSERT INTO meta (key, value) VALUES ('event_count', '12')`).run();
    await expect(openEvents(store.sqlite, 'clickhouse://127.0.0.1:1')).rejects.toThrow(/events are in SQLite/);
  });

  it('refuses SQLite for a store whose events are in ClickHouse: detection, ingest, retention', async () => {
    store = tempStore('dw-ch-open-');
    recordClickHouseEvents(store.sqlite);
    await expect(openEvents(store.sqlite, undefined, {})).rejects.toThrow(/events are in ClickHouse: pass --events/);
    await expect(ingestSources(store, [source()], { workers: 0, writeRejects: false })).rejects.toThrow(/ingest with --events/);
    await expect(pruneExpired(store.sqlite, { days: 30, now: Date.now() })).rejects.toThrow(/retention reads them from SQLite/);
  });
});
