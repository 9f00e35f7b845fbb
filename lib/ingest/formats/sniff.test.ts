/**
 * `--format auto` on every fixture, gzip included; the layouts (CSV records
 * with newlines, JSON arrays) cut into chunks anywhere; the parser threads
 * given the format; and the CLI's --format and --map.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../db/client';
import { fixture, ingestFixture, mapOf, storedEvents } from '../../../tools/testing/adapter-fixtures';
import { runCli } from '../../../tools/testing/generated-store';
import { account, event, writeNdjson } from '../../../tools/testing/records';
import { tempStore } from '../../../tools/testing/temp-store';
import { csvRecordEnd, lastCsvBoundary, parseCsvRecord } from './csv';
import { JsonArrayToLines } from './json-array';
import { sniff } from './sniff';

let store: Store;
let dir: string;
beforeEach(() => {
  store = tempStore('dw-sniff-');
  dir = mkdtempSync(path.join(tmpdir(), 'dw-sniff-files-'));
});
afterEach(() => store.close());

describe('format sniffing', () => {
  it('tells every fixture\'s format and layout from its first record', () => {
    const head = (...p: string[]) => readFileSync(fixture(...p), 'utf8').slice(0, 65536);
    expect(sniff(head('otel', 'spans.jsonl'))).toEqual({ format: 'otel', layout: 'lines' });
    expect(sniff(head('litellm', 'spend-logs.jsonl'))).toEqual({ format: 'litellm', layout: 'lines' });
    expect(sniff(head('litellm', 'spend-logs.csv'))).toEqual({ format: 'litellm', layout: 'csv' });
    expect(sniff(head('accounts', 'crm-export.csv'), 'accounts')).toEqual({ format: 'accounts', layout: 'csv' });
    expect(sniff(head('accounts', 'billing-export.json'), 'accounts')).toEqual({ format: 'accounts', layout: 'json-array' });
    expect(sniff(head('gateway', 'exchanges.jsonl'), 'gateway')).toEqual({ format: 'gateway', layout: 'lines' });
    expect(sniff(`${JSON.stringify(event('a'))}\n`)).toEqual({ format: 'contract', layout: 'lines' });
    expect(sniff(`${JSON.stringify(account('a', { email: 'x@y.z' }))}\n`)).toEqual({ format: 'contract', layout: 'lines' });
    // When nothing fits, the contract: its validation names what is wrong, line by line.
    expect(sniff('{not json\n')).toEqual({ format: 'contract', layout: 'lines' });
    expect(sniff('hello,world\n1,2\n')).toEqual({ format: 'contract', layout: 'lines' });
    expect(sniff('')).toEqual({ format: 'contract', layout: 'lines' });
  });

  it('auto ingests each fixture, gzipped or not, on parser threads, as its explicit format does', async () => {
    const cases: [string[], unknown, number][] = [
      [['otel', 'spans.jsonl'], undefined, 2],
      [['litellm', 'spend-logs.csv'], undefined, 3],
      [['gateway', 'exchanges.jsonl'], mapOf('gateway', 'map.json'), 5],
    ];
    let total = 0;
    for (const [parts, map, events] of cases) {
      const gz = path.join(dir, `${parts.join('-')}.gz`);
      writeFileSync(gz, gzipSync(readFileSync(fixture(...parts))));
      const r = await ingestFixture(store, gz, { format: 'auto', map, workers: 1 });
      expect(r.rejects, parts.join('/')).toEqual([]);
      expect(r.summary.events, parts.join('/')).toBe(events);
      total += events;
    }
    expect(storedEvents(store)).toHaveLength(total);
  });

  it('a contract file under auto is read exactly as before: same counts, same rejects', async () => {
    const file = path.join(dir, 'contract.ndjson');
    writeNdjson(file, [account('c1'), event('c1'), '{broken', event('c1', { ip: 'nowhere' }), event('c1')]);
    const auto = await ingestFixture(store, file, { format: 'auto' });
    expect(auto.summary).toMatchObject({ accounts: 1, events: 2, rejected: 2 });
    expect(auto.rejects.map((r) => r.line)).toEqual([3, 4]);
  });
});

describe('layouts', () => {
  it('CSV: records end at newlines outside quotes; doubled quotes; a CR before the newline', () => {
    const b = Buffer.from('a,"x\ny",c\r\nd,"he said ""hi""",f\n');
    expect(csvRecordEnd(b, 0)).toBe(11);
    expect(lastCsvBoundary(b)).toBe(b.length);
    expect(lastCsvBoundary(Buffer.from('a,"open\n'))).toBe(0);
    expect(parseCsvRecord('a,"x\ny",c\r\n')).toEqual(['a', 'x\ny', 'c']);
    expect(parseCsvRecord('d,"he said ""hi""",f')).toEqual(['d', 'he said "hi"', 'f']);
    expect(parseCsvRecord('a,"b"c')).toEqual({ error: 'unexpected text after the closing quote of field 2' });
  });

  it('a JSON array becomes one line per element, however the bytes are cut', () => {
    const text = '[\n  {"a": "x,]}\\"y", "b": [1, {"c": 2}]},\n  {"d":\n 3}\n]\n';
    const whole = new JsonArrayToLines();
    const expected = whole.push(Buffer.from(text)).toString();
    expect(expected.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))).toEqual([{ a: 'x,]}"y', b: [1, { c: 2 }] }, { d: 3 }]);
    for (let cut = 1; cut < text.length; cut++) {
      const t = new JsonArrayToLines();
      const out = Buffer.concat([t.push(Buffer.from(text.slice(0, cut))), t.push(Buffer.from(text.slice(cut)))]).toString();
      expect(out, `cut at ${cut}`).toBe(expected);
      t.end();
      expect(t.problem).toBeNull();
    }
    const truncated = new JsonArrayToLines();
    truncated.push(Buffer.from('[{"a":1},'));
    truncated.end();
    expect(truncated.problem).toMatch(/not closed/);
  });

  it('a CSV whose quoted cells hold newlines is cut into chunks between records only', async () => {
    // Many rows with a multi-line JSON cell, past the reader's 1 MiB chunks.
    const src = readFileSync(fixture('litellm', 'spend-logs.csv'), 'utf8').split('\n');
    const header = src[0];
    const body = src.slice(1).join('\n').trim();
    const rows: string[] = [header];
    for (let i = 0; i < 1200; i++) rows.push(body.replaceAll('chatcmpl-ll-', `chatcmpl-${i}-`));
    const file = path.join(dir, 'big.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    const r = await ingestFixture(store, file, { format: 'litellm', workers: 2 });
    expect(r.rejects).toEqual([]);
    expect(r.summary.events).toBe(3600);
  });
});

describe('distillwatch ingest --format --map', () => {
  it('reads a map file, names the format it found, and refuses a bad format or map', () => {
    const db = path.join(dir, 'cli.db');
    const csv = path.join(dir, 'crm.csv');
    copyFileSync(fixture('accounts', 'crm-export.csv'), csv);
    const ok = runCli(['ingest', csv, '--map', fixture('accounts', 'crm-map.json'), '--db', db, '--json']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ accounts: 3, events: 0, duplicates: 0, rejected: 0, rejects_file: null });
    expect(ok.stderr).toContain(`${csv}: accounts (CSV)`);
    const badFormat = runCli(['ingest', csv, '--format', 'xml', '--db', db]);
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toMatch(/--format must be one of auto, contract, gateway, otel, litellm, accounts/);
    const missingMap = runCli(['ingest', csv, '--format', 'accounts', '--map', path.join(dir, 'nope.json'), '--db', db]);
    expect(missingMap.status).toBe(1);
    expect(missingMap.stderr).toMatch(/cannot read the field map .*nope\.json: no such file/);
    writeFileSync(path.join(dir, 'bad-map.json'), JSON.stringify({ format: 'accounts', account_id: 'id' }));
    const badMap = runCli(['ingest', csv, '--format', 'accounts', '--map', path.join(dir, 'bad-map.json'), '--db', db]);
    expect(badMap.status).toBe(1);
    expect(badMap.stderr).toMatch(/the accounts field map is not valid: "created_at"/);
  });
});
