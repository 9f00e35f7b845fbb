/** The STIX validator, the pattern parser, ids, and refusals that change nothing. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { tempStore } from '../../tools/testing/temp-store';
import { importIntel } from './import';
import { keyedHash } from './keyed-hash';
import { matchTarget, parsePattern, patternFor } from './patterns';
import { stixId, tlpMarkingDefinition, TLP_MARKING_IDS, uuidv5 } from './stix';
import { parseBundle } from './validate';

const env = { DISTILLWATCH_SHARING_KEY: 'validator-sharing-key-0123456789' };
const AMBER = TLP_MARKING_IDS.amber;
const T = '2026-10-20T12:00:00.000Z';
const dir = mkdtempSync(path.join(tmpdir(), 'dw-stix-'));
const cli = path.resolve(__dirname, '..', '..', 'bin', 'distillwatch.mjs');
let store: Store;

function bundle(): { type: string; id: string; objects: Record<string, unknown>[] } {
  const producer = stixId('identity', 'Partner Lab');
  const campaign = stixId('campaign', 'Partner Lab', 'c1');
  const indicator = stixId('indicator', 'payment_fp', 'x');
  const base = { spec_version: '2.1', created: T, modified: T, created_by_ref: producer, object_marking_refs: [AMBER] };
  return {
    type: 'bundle',
    id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
    objects: [
      tlpMarkingDefinition('amber'),
      { type: 'identity', id: producer, ...base, name: 'Partner Lab', identity_class: 'organization' },
      { type: 'campaign', id: campaign, ...base, name: 'Hydra' },
      {
        type: 'indicator', id: indicator, ...base, name: 'card', pattern_type: 'stix', valid_from: T, confidence: 90,
        pattern: patternFor.hashed('payment_fp', keyedHash(env.DISTILLWATCH_SHARING_KEY, 'payment_fp', 'pm_shared')),
      },
      { type: 'relationship', id: stixId('relationship', 'r1'), ...base, relationship_type: 'indicates', source_ref: indicator, target_ref: campaign },
    ],
  };
}

const bytes = (o: unknown) => Buffer.from(JSON.stringify(o));

function counts(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of ['intel_bundles', 'intel_indicators', 'intel_matches', 'alerts', 'cases', 'audit_log']) {
    out[t] = (store.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  }
  return out;
}

beforeAll(() => {
  store = tempStore('dw-stix-store-');
  const now = Date.now();
  const insert = store.sqlite.prepare(`INSERT INTO accounts (account_id, email, email_domain, payment_fp, has_record, updated_at) VALUES (?, ?, ?, ?, 1, ?)`);
  insert.run('acct_1', 'one@example.com', 'example.com', 'pm_shared', now);
  insert.run('acct_2', 'two@example.com', 'example.com', 'pm_other', now);
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ids and patterns', () => {
  it('derives RFC 4122 version-5 UUIDs', () => {
    expect(uuidv5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(stixId('indicator', 'ip', '1.2.3.4')).toBe(stixId('indicator', 'ip', '1.2.3.4'));
    expect(stixId('indicator', 'ip', '1.2.3.4')).toMatch(/^indicator--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('reads the patterns we write into what they match', () => {
    const read = (p: string) => matchTarget(parsePattern(p));
    expect(read(patternFor.ip('1.2.3.4'))).toEqual({ kind: 'ip', value: '1.2.3.4', hashed: false });
    expect(read(patternFor.subnet('1.2.3.0/24'))).toEqual({ kind: 'subnet', value: '1.2.3.0/24', hashed: false });
    expect(read(patternFor.asn(14061))).toEqual({ kind: 'asn', value: '14061', hashed: false });
    expect(read(patternFor.client("it's/1.0", 't13d_x'))).toEqual({ kind: 'client', value: "it's/1.0 · t13d_x", hashed: false });
    const h = keyedHash('k'.repeat(16), 'email', 'A@B.com');
    expect(h).toBe(keyedHash('k'.repeat(16), 'email', ' a@b.com '));
    expect(read(patternFor.hashed('email', h))).toEqual({ kind: 'email', value: h, hashed: true });
    expect(read("[ipv4-addr:value = '10.0.0.0/8']")).toEqual({ kind: 'subnet', value: '10.0.0.0/8', hashed: false });
    expect(read("[file:hashes.'SHA-256' = 'ab'] WITHIN 300 SECONDS").kind).toBe('unsupported');
  });

  it('refuses malformed patterns', () => {
    for (const p of ["[ipv4-addr:value = ]", "ipv4-addr:value = '1.2.3.4'", "[ipv4-addr:value = '1.2.3.4'", "[ipv4-addr:value = 'x\\q']", '['.repeat(40) + ']'.repeat(40)]) {
      expect(() => parsePattern(p), p).toThrow();
    }
  });
});

describe('the bundle validator', () => {
  it('accepts a well-formed bundle', () => {
    expect(parseBundle(bytes(bundle())).objects).toHaveLength(5);
  });

  const refusals: [string, (b: ReturnType<typeof bundle>) => unknown, RegExp][] = [
    ['a wrong spec_version', (b) => { b.objects[3].spec_version = '2.0'; return b; }, /spec_version must be "2\.1"/],
    ['a missing spec_version', (b) => { delete b.objects[2].spec_version; return b; }, /spec_version is required/],
    ['a malformed id', (b) => { b.objects[2].id = 'campaign--not-a-uuid'; return b; }, /malformed id/],
    ['an id of another type', (b) => { b.objects[2].id = stixId('indicator', 'x'); return b; }, /malformed id/],
    ['a malformed bundle id', (b) => { b.id = 'bundle-1'; return b; }, /malformed bundle id/],
    ['a dangling reference', (b) => { b.objects[4].target_ref = stixId('campaign', 'elsewhere'); return b; }, /dangling reference: target_ref/],
    ['an undefined marking', (b) => { b.objects[2].object_marking_refs = [stixId('marking-definition', 'x')]; return b; }, /dangling reference: object_marking_refs\[0\]/],
    ['a non-UTC timestamp', (b) => { b.objects[2].created = '2026-10-20 12:00'; return b; }, /RFC 3339/],
    ['an indicator without valid_from', (b) => { delete b.objects[3].valid_from; return b; }, /valid_from/],
    ['a bad pattern', (b) => { b.objects[3].pattern = "[ipv4-addr:value = '1.2.3.4' AND ]"; return b; }, /invalid STIX pattern/],
    ['confidence out of range', (b) => { b.objects[3].confidence = 101; return b; }, /confidence/],
    ['not a bundle', () => [1, 2, 3], /not a STIX bundle/],
  ];
  for (const [what, mutate, message] of refusals) {
    it(`refuses ${what}, changing nothing`, async () => {
      const before = counts();
      await expect(importIntel(store.sqlite, bytes(mutate(bundle())), { env })).rejects.toThrow(message);
      expect(counts()).toEqual(before);
    });
  }

  it('refuses 50 MB of junk, deep nesting and non-JSON, changing nothing', async () => {
    const before = counts();
    await expect(importIntel(store.sqlite, Buffer.alloc(50 * 2 ** 20, 0x61), { env })).rejects.toThrow(/over the 20 MiB limit/);
    await expect(importIntel(store.sqlite, Buffer.from('['.repeat(500_000) + ']'.repeat(500_000)), { env })).rejects.toThrow(/nested deeper/);
    const deepObject = { type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects: [JSON.parse('{"a":'.repeat(100) + '1' + '}'.repeat(100))] };
    await expect(importIntel(store.sqlite, bytes(deepObject), { env })).rejects.toThrow(/nested deeper/);
    await expect(importIntel(store.sqlite, Buffer.from('{"type":"bundle",'), { env })).rejects.toThrow(/not valid JSON/);
    await expect(importIntel(store.sqlite, Buffer.from([0xff, 0xfe, 0x00]), { env })).rejects.toThrow(/not UTF-8/);
    expect(counts()).toEqual(before);
  });

  it('refuses to run without the sharing key', async () => {
    const before = counts();
    await expect(importIntel(store.sqlite, bytes(bundle()), { env: {} })).rejects.toThrow(/DISTILLWATCH_SHARING_KEY is not set/);
    expect(counts()).toEqual(before);
  });

  it('imports a valid bundle once and matches the keyed hash', async () => {
    const r = await importIntel(store.sqlite, bytes(bundle()), { env });
    expect(r.producer).toBe('Partner Lab');
    expect(r.matchedAccounts).toEqual(['acct_1']);
    const before = counts();
    expect((await importIntel(store.sqlite, bytes(bundle()), { env })).alreadyImported).toBe(true);
    expect(counts()).toEqual(before);
    const alert = store.sqlite.prepare(`SELECT reasons FROM alerts WHERE kind = 'intel_match' AND subject_id = 'acct_1'`).pluck().get() as string;
    expect(alert).toContain('Partner Lab indicator');
    expect(alert).toContain('TLP:AMBER');
  });
});

describe('the command line', () => {
  const run = (args: string[], extraEnv: Record<string, string | undefined>) => {
    const e = { ...process.env, ...extraEnv };
    if (extraEnv.DISTILLWATCH_SHARING_KEY === undefined) delete e.DISTILLWATCH_SHARING_KEY;
    return spawnSync(process.execPath, [cli, ...args, '--db', store.path], { encoding: 'utf8', env: e });
  };

  it('refuses export and import without the key, in one line', () => {
    for (const args of [['intel', 'export', '--out', path.join(dir, 'x.json')], ['intel', 'import', path.join(dir, 'x.json')]]) {
      const r = run(args, { DISTILLWATCH_SHARING_KEY: undefined });
      expect(r.status).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('DISTILLWATCH_SHARING_KEY is not set');
    }
  });

  it('refuses a 50 MB file with a message, before reading it', () => {
    const big = path.join(dir, 'junk.json');
    writeFileSync(big, Buffer.alloc(50 * 2 ** 20, 0x20));
    const r = run(['intel', 'import', big], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/refused: .*junk\.json is 50\.0 MiB, over the 20 MiB limit/);
  });

  it('refuses to export with no confirmed case', () => {
    const r = run(['intel', 'export', '--out', path.join(dir, 'x.json')], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no confirmed cases');
  });
});
