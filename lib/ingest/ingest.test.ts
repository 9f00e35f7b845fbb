import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../db/client';
import { PromptFlag } from '../domain';
import { account, event, writeNdjson } from '../../tools/testing/records';
import { ingestFiles } from './ingest';

let dir: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dw-ingest-'));
  store = openStore(path.join(dir, 'store.db'));
});
afterEach(() => store.close());

const count = (sql: string) => (store.sqlite.prepare(sql).get() as { n: number }).n;

describe('ingest', () => {
  it('lands every good line, rejects every bad one with file, line and reason', async () => {
    const file = path.join(dir, 'mixed.ndjson');
    writeNdjson(file, [
      account('a1'),
      event('a1'),
      '{not json',
      event('a1', { input_tokens: 'many' }),
      { type: 'event', request_id: 'r_missing', account_id: 'a1' },
      { type: 'refund', id: 1 },
      event('a2'), // event before its account
      account('a2', { plan: 'education' }),
      event('a1', { ts: 'yesterday' }),
      event('a1', { ip: '999.1.1.1' }),
      '[1,2,3]',
      event('a1', { surprise_field: { nested: true } }), // unknown fields are ignored
    ]);
    const s = await ingestFiles(store, [file], { workers: 0 });
    expect(s).toMatchObject({ accounts: 2, events: 3, duplicates: 0, rejected: 7 });
    expect(count('SELECT count(*) AS n FROM events')).toBe(3);
    const rejects = readFileSync(s.rejects_file!, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rejects.map((r) => r.line)).toEqual([3, 4, 5, 6, 9, 10, 11]);
    expect(rejects.every((r) => r.file === file)).toBe(true);
    expect(rejects[0].reason).toMatch(/not JSON/);
    expect(rejects[1].reason).toMatch(/input_tokens/);
    expect(rejects[2].reason).toMatch(/missing field "ts"/);
    expect(rejects[3].reason).toMatch(/unknown record type "refund"/);
    expect(rejects[4].reason).toMatch(/ts/);
    expect(rejects[5].reason).toMatch(/ip/);
    expect(rejects[0].text).toBe('{not json');
    const a2 = store.sqlite.prepare(`SELECT plan, has_record FROM accounts WHERE account_id = 'a2'`).get();
    expect(a2).toEqual({ plan: 'education', has_record: 1 });
  });

  it('is idempotent: the same file twice adds nothing, duplicates inside a file count once', async () => {
    const e = event('a1');
    const file = path.join(dir, 'dups.ndjson');
    writeNdjson(file, [account('a1'), e, e, event('a1'), event('a1')]);
    const first = await ingestFiles(store, [file], { workers: 0 });
    expect(first).toMatchObject({ events: 3, duplicates: 1, rejected: 0, rejects_file: null });
    const again = await ingestFiles(store, [file], { workers: 1 });
    expect(again).toMatchObject({ events: 0, duplicates: 4 });
    expect(count('SELECT count(*) AS n FROM events')).toBe(3);
    expect(count(`SELECT CAST(value AS INTEGER) AS n FROM meta WHERE key = 'event_count'`)).toBe(3);
  });

  it('reads gzip, and a later account line updates the earlier one', async () => {
    const file = path.join(dir, 'x.ndjson.gz');
    writeNdjson(file, [account('a1', { verified: false }), event('a1'), account('a1', { verified: true, org_id: 'org_9' })], true);
    const s = await ingestFiles(store, [file], { workers: 1 });
    expect(s).toMatchObject({ accounts: 2, events: 1 });
    expect(store.sqlite.prepare(`SELECT verified, org_id FROM accounts WHERE account_id = 'a1'`).get()).toEqual({ verified: 1, org_id: 'org_9' });
  });

  it('keeps hostile and huge prompts as ordinary data', async () => {
    const huge = 'x'.repeat(2 * 1024 * 1024);
    const html = '<img src=x onerror=alert(1)><script>alert("pwned")</script> explain step by step';
    const file = path.join(dir, 'nasty.ndjson');
    writeNdjson(file, [
      account('a1'),
      event('a1', { prompt: huge }),
      event('a1', { prompt: html }),
      event('a1', { prompt: '=HYPERLINK("http://evil","click")' }),
      event('a1', { prompt: '@SUM(A1:A9)' }),
    ]);
    const s = await ingestFiles(store, [file], { workers: 1 });
    expect(s).toMatchObject({ events: 4, rejected: 0 });
    const rows = store.sqlite.prepare(`SELECT chars, text, flags FROM prompts ORDER BY ts`).all() as { chars: number; text: string; flags: number }[];
    expect(rows[0].chars).toBe(huge.length);
    expect(rows[0].text.length).toBeLessThan(huge.length); // cut for storage, length kept
    expect(rows[1].text).toBe(html);
    expect(rows[1].flags & PromptFlag.MARKUP).toBeTruthy();
    expect(rows[1].flags & PromptFlag.COT).toBeTruthy();
    expect(rows[2].flags & PromptFlag.FORMULA_PREFIX).toBeTruthy();
    expect(rows[3].flags & PromptFlag.FORMULA_PREFIX).toBeTruthy();
  });

  for (const gzip of [false, true]) {
    it(`rejects lines that are not UTF-8 with a reason and their exact bytes, and ingests the rest (${gzip ? 'gzip' : 'plain'})`, async () => {
      const line = (o: object) => Buffer.from(JSON.stringify(o), 'utf8');
      /** An event whose prompt carries `bytes` raw, where a JSON string may hold any text. */
      const withBytes = (bytes: number[]) => {
        const [before, after] = JSON.stringify(event('a1', { prompt: 'café <MARK>' })).split('<MARK>');
        return Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from(bytes), Buffer.from(after, 'utf8')]);
      };
      const bad = [
        withBytes([0xff]), // never valid in UTF-8
        withBytes([0xc0, 0xaf]), // overlong "/"
        withBytes([0xed, 0xa0, 0x80]), // a UTF-16 surrogate encoded as UTF-8
        withBytes([0xe2, 0x82]), // a sequence cut short
        withBytes([0xf4, 0x90, 0x80, 0x80]), // above U+10FFFF
      ];
      const lines = [line(account('a1')), line(event('a1', { prompt: 'déjà vu — 東京 🚀' })), ...bad, line(event('a1'))];
      const text = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
      const file = path.join(dir, `bytes.ndjson${gzip ? '.gz' : ''}`);
      writeFileSync(file, gzip ? gzipSync(text) : text);
      for (const workers of [0, 1]) {
        const s = await ingestFiles(store, [file], { workers });
        expect(s).toMatchObject({ rejected: bad.length });
        const rejects = readFileSync(s.rejects_file!, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
        expect(rejects.map((r) => r.line)).toEqual([3, 4, 5, 6, 7]);
        for (const [i, r] of rejects.entries()) {
          expect(r.reason).toMatch(/^not valid UTF-8: bytes [0-9a-f ]+ at byte \d+ of the line$/);
          expect(Buffer.from(r.bytes_base64, 'base64').equals(bad[i])).toBe(true);
        }
        expect(rejects[0].reason).toContain(`bytes ff`);
      }
      expect(count('SELECT count(*) AS n FROM events')).toBe(2);
      const texts = store.sqlite.prepare(`SELECT text FROM prompts`).pluck().all() as string[];
      expect(texts).toContain('déjà vu — 東京 🚀');
      expect(texts.some((t) => t.includes('\ufffd'))).toBe(false);
    });
  }

  it('fails with a clear message on a missing file and changes nothing', async () => {
    await expect(ingestFiles(store, [path.join(dir, 'nope.ndjson')])).rejects.toThrow(/cannot read .*nope\.ndjson: no such file/);
    expect(count('SELECT count(*) AS n FROM ingest_runs')).toBe(0);
  });

  it('keeps the good lines before a truncated gzip and then fails', async () => {
    const lines = [account('a1'), ...Array.from({ length: 3000 }, () => event('a1', { prompt: `q ${Math.random()}` }))];
    const gz = gzipSync(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const file = path.join(dir, 'cut.ndjson.gz');
    writeFileSync(file, gz.subarray(0, Math.floor(gz.length * 0.6)));
    await expect(ingestFiles(store, [file], { workers: 1 })).rejects.toThrow(/truncated gzip|corrupt/);
    const n = count('SELECT count(*) AS n FROM events');
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(3000);
  });
});
