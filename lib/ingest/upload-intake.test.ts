/** The upload's limit setting, and an upload ingested all or nothing straight through lib/ (the route's tests cover HTTP). */
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { account, event } from '../../tools/testing/records';
import { tempStore } from '../../tools/testing/temp-store';
import { ingestLimit, ingestUpload, INGEST_MAX_BYTES_DEFAULT } from './upload-intake';

let store: Store;
beforeEach(() => {
  store = tempStore('dw-upload-');
});
afterEach(() => store.close());

const body = (...records: (object | string)[]) => Readable.from([Buffer.from(records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n')]);
const events = () => (store.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

describe('ingestLimit', () => {
  it('reads DISTILLWATCH_INGEST_MAX_BYTES as whole bytes, 16 MiB when unset, and refuses anything else', () => {
    expect(ingestLimit({})).toBe(INGEST_MAX_BYTES_DEFAULT);
    expect(INGEST_MAX_BYTES_DEFAULT).toBe(16 * 1024 * 1024);
    expect(ingestLimit({ DISTILLWATCH_INGEST_MAX_BYTES: '1048576' })).toBe(1_048_576);
    for (const bad of ['10MB', '-1', '0', '1.5']) expect(() => ingestLimit({ DISTILLWATCH_INGEST_MAX_BYTES: bad })).toThrow(/whole number of bytes/);
  });
});

describe('ingestUpload', () => {
  it('commits a good body, rolls back a body with one bad line, and runs uploads one at a time', async () => {
    const good = ingestUpload(store.path, body(account('u1'), event('u1', { request_id: 'u-1' })), { format: 'auto', limit: 1 << 20 });
    const bad = ingestUpload(store.path, body(event('u1', { request_id: 'u-2' }), '{nope'), { format: 'auto', limit: 1 << 20 });
    const gz = ingestUpload(store.path, Readable.from([gzipSync(JSON.stringify(event('u1', { request_id: 'u-3' })) + '\n')]), { format: 'contract', limit: 1 << 20, declaredGzip: true });
    expect(await good).toMatchObject({ ok: true, summary: { accounts: 1, events: 1 } });
    expect(await bad).toMatchObject({ ok: false, status: 400, rejected: 1, rejects: [{ line: 2, reason: expect.stringMatching(/^not JSON/) }] });
    expect(await gz).toMatchObject({ ok: true, summary: { events: 1 } });
    expect(events()).toBe(2);
    expect(store.sqlite.prepare(`SELECT count(*) FROM ingest_runs`).pluck().get()).toBe(2);
  });
});
