import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario, type GenerateResult } from './generate';
import { CAMPAIGNS, POPULATIONS } from './roster';

const SCALE = 0.05;
const dir = mkdtempSync(join(tmpdir(), 'dw-scenario-'));
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let first: GenerateResult;
let again: GenerateResult;
let other: GenerateResult;
let lines: Record<string, unknown>[];

beforeAll(async () => {
  first = await generateScenario({ out: join(dir, 'a.ndjson'), scale: SCALE, seed: 1 });
  again = await generateScenario({ out: join(dir, 'b.ndjson'), scale: SCALE, seed: 1 });
  other = await generateScenario({ out: join(dir, 'c.ndjson'), scale: SCALE, seed: 2 });
  lines = readFileSync(first.out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  eventLines = lines.filter((l) => l.type === 'event');
  accountLines = lines.filter((l) => l.type === 'account');
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function labelRows(path: string): { account_id: string; label: string; campaign_id: string; population: string }[] {
  const [header, ...rows] = readFileSync(path, 'utf8').trimEnd().split('\n');
  expect(header).toBe('account_id,label,campaign_id,population');
  return rows.map((r) => {
    const [account_id, label, campaign_id, population] = r.split(',');
    return { account_id, label, campaign_id, population };
  });
}

let eventLines: Record<string, unknown>[] = [];
let accountLines: Record<string, unknown>[] = [];
const events = () => eventLines;
const accounts = () => accountLines;

describe('generateScenario', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(first.labelsFile).toBe(`${first.out}.labels.csv`);
    expect(sha(again.out)).toBe(sha(first.out));
    expect(sha(again.labelsFile)).toBe(sha(first.labelsFile));
    expect(sha(other.out)).not.toBe(sha(first.out));
    expect(sha(other.labelsFile)).not.toBe(sha(first.labelsFile));
  });

  it('writes only valid contract records', () => {
    // Checked by hand and asserted once: an expect() per field of 150k lines is slow.
    const problems: string[] = [];
    const check = (ok: boolean, what: string, line: Record<string, unknown>) => {
      if (!ok && problems.length < 20) problems.push(`${what}: ${JSON.stringify(line).slice(0, 200)}`);
    };
    const optional = (v: unknown, type: string) => v === undefined || typeof v === type;
    const int = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
    const PLANS = ['free', 'payg', 'startup', 'education', 'research', 'enterprise'];
    for (const a of accounts()) {
      check(typeof a.account_id === 'string' && typeof a.email === 'string', 'account id/email', a);
      check(typeof a.created_at === 'string' && ISO.test(a.created_at), 'created_at', a);
      check(optional(a.org_id, 'string') && optional(a.country, 'string') && optional(a.payment_fp, 'string'), 'optional strings', a);
      check(optional(a.verified, 'boolean') && PLANS.includes(a.plan as string), 'plan/verified', a);
      check(a.signup_ip === undefined || isIP(a.signup_ip as string) > 0, 'signup_ip', a);
    }
    const ids = new Set<string>();
    for (const e of events()) {
      for (const f of ['request_id', 'ts', 'account_id', 'ip', 'model', 'prompt']) check(typeof e[f] === 'string', f, e);
      check(ISO.test(e.ts as string), 'ts', e);
      check(isIP(e.ip as string) > 0, 'ip', e);
      check(int(e.input_tokens) && int(e.output_tokens), 'tokens', e);
      for (const f of ['asn', 'turn', 'max_tokens', 'tool_count', 'reasoning_tokens']) check(e[f] === undefined || int(e[f]), f, e);
      for (const f of ['api_key_id', 'user_agent', 'tls_fp', 'conversation_id', 'system_prompt']) check(optional(e[f], 'string'), f, e);
      check(e.finish_reason === undefined || ['stop', 'length', 'tool_use', 'refusal'].includes(e.finish_reason as string), 'finish_reason', e);
      ids.add(e.request_id as string);
    }
    expect(problems).toEqual([]);
    expect(ids.size).toBe(events().length);
    expect(events().length).toBe(first.events);
  });

  it('labels every account, and every population and campaign takes part', () => {
    const rows = labelRows(first.labelsFile);
    const labelled = new Map(rows.map((r) => [r.account_id, r]));
    expect(labelled.size).toBe(first.accounts);
    expect(events().filter((e) => !labelled.has(e.account_id as string))).toEqual([]);
    expect(accounts().filter((a) => !labelled.has(a.account_id as string))).toEqual([]);
    for (const r of rows) {
      expect(r.label).toBe(r.campaign_id ? 'extraction' : 'legitimate');
      if (r.campaign_id) expect(r.population).toBe(r.campaign_id);
    }
    const active = new Set(events().map((e) => e.account_id));
    for (const [id] of [...POPULATIONS, ...CAMPAIGNS]) {
      const members = rows.filter((r) => r.population === id);
      expect(members.length, id).toBeGreaterThanOrEqual(3);
      expect(members.filter((m) => active.has(m.account_id)).length, id).toBeGreaterThanOrEqual(2);
    }
    for (const g of [...first.campaigns, ...first.populations]) expect(g.events, g.id).toBeGreaterThan(0);
  });

  it('writes events in time order, most account lines first, some late and some updated', () => {
    const ts = events().map((e) => e.ts as string);
    let unordered = 0;
    for (let i = 1; i < ts.length; i++) if (ts[i] < ts[i - 1]) unordered++;
    expect(unordered).toBe(0);
    const firstEvent = lines.findIndex((l) => l.type === 'event');
    const late = lines.slice(firstEvent).filter((l) => l.type === 'account');
    expect(late.length).toBeGreaterThan(0);
    expect(late.length).toBeLessThan(accounts().length * 0.05);
    const seen = new Set<unknown>();
    let updates = 0;
    for (const a of accounts()) {
      if (seen.has(a.account_id)) updates++;
      else seen.add(a.account_id);
    }
    expect(updates).toBeGreaterThan(0);
  });

  it('keeps the new model unused until its release, then some move to it', () => {
    const release = first.newModelReleasedAt;
    const onNew = events().filter((e) => e.model === first.newModel);
    expect(onNew.length).toBeGreaterThan(0);
    expect(onNew.filter((e) => (e.ts as string) < release)).toEqual([]);
    expect(events().some((e) => (e.ts as string) < release)).toBe(true);
  });

  it('writes gzip when the name ends in .gz, with the same content', async () => {
    const gz = await generateScenario({ out: join(dir, 'a.ndjson.gz'), scale: SCALE, seed: 1 });
    expect(gz.labelsFile).toBe(join(dir, 'a.ndjson.gz.labels.csv'));
    const plain = gunzipSync(readFileSync(gz.out));
    expect(createHash('sha256').update(plain).digest('hex')).toBe(sha(first.out));
    expect(sha(gz.labelsFile)).toBe(sha(first.labelsFile));
  }, 60_000);
});
