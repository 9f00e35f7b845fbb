/**
 * The families and crowds beyond the default scenario, the choice of them and
 * the perturbations: valid records (through ingest's own parser), the default
 * scenario unchanged byte for byte, determinism, and that each perturbation
 * does what it says.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLine } from '../../lib/ingest/records';
import { generateScenario, type GenerateOptions, type GenerateResult } from './generate';
import { NO_PERTURB, REASONING_PHRASES, paraphraseAsk, renderAsk, type Ask } from './perturb';
import { Rng } from './random';
import { blankEvent } from './records';
import { EXTRA_CAMPAIGNS, EXTRA_POPULATIONS, familyOf, resolve } from './roster';
import type { World } from './actor';

const dir = mkdtempSync(join(tmpdir(), 'dw-families-'));
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Row { account_id: string; label: string; campaign_id: string; population: string; family?: string }
type Ev = Record<string, unknown> & { account_id: string; prompt: string; system_prompt?: string };

interface Run { result: GenerateResult; events: Ev[]; rows: Row[]; byAccount: Map<string, Row> }

let n = 0;
async function run(opts: Omit<GenerateOptions, 'out'>): Promise<Run> {
  const result = await generateScenario({ out: join(dir, `s${n++}.ndjson`), ...opts });
  const events: Ev[] = [];
  for (const line of readFileSync(result.out, 'utf8').trimEnd().split('\n')) {
    const o = JSON.parse(line);
    if (o.type === 'event') events.push(o);
  }
  const [header, ...rest] = readFileSync(result.labelsFile, 'utf8').trimEnd().split('\n');
  const cols = header.split(',');
  const rows = rest.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v])) as unknown as Row);
  return { result, events, rows, byAccount: new Map(rows.map((r) => [r.account_id, r])) };
}

/** Events per family among extraction accounts. */
function campaignEvents(r: Run): Ev[] {
  return r.events.filter((e) => r.byAccount.get(e.account_id)!.label === 'extraction');
}

const NARROW = /step[- ]by[- ]step|\bthink|\bthought|\breasoning\b|chain[- ]of[- ]thought|show (?:all )?(?:your|the) work/i;

// The default scenario as generated before the families and options existed
// (commit 80681df), hashed: demo and e2e fixtures depend on it.
const DEFAULT_HASHES: [number, string, string, string][] = [
  [0.05, '1', 'f4c4669719119123bcbc39d3940c7ef72531cfef1695916cb8be413023e1ca72', '49df5e2880b3a7d54f033d6a4fc00eb9b24ad640e56c919b1389e9a7d8787c53'],
  [0.03, 'e2e', '5de17a392dec55d8220802cba234b2124aff78330f375ccff008cb5353d79c19', 'd28f24352ecac1a222a7dd527c13d116f19c745206c82d1c6b0e9f97984138eb'],
];

describe('default scenario', () => {
  it.each(DEFAULT_HASHES)('is byte-identical without options (scale %s, seed %s)', async (scale, seed, events, labels) => {
    const r = await generateScenario({ out: join(dir, `default-${seed}.ndjson`), scale, seed });
    expect(sha(r.out)).toBe(events);
    expect(sha(r.labelsFile)).toBe(labels);
  }, 60_000);
});

describe('families and crowds', () => {
  const SCALE = 0.12;
  let all: Run;
  beforeAll(async () => {
    all = await run({ scale: SCALE, seed: 'fam', campaigns: EXTRA_CAMPAIGNS.map(([id]) => id), populations: EXTRA_POPULATIONS.map(([id]) => id) });
  }, 120_000);

  it('writes records that ingest accepts, and unique request ids', () => {
    const lines = readFileSync(all.result.out, 'utf8').trimEnd().split('\n');
    const bad = lines.map((l, i) => ({ i, r: parseLine(l) })).filter((x) => !x.r.ok).slice(0, 5);
    expect(bad).toEqual([]);
    expect(new Set(all.events.map((e) => e.request_id)).size).toBe(all.events.length);
  });

  it('labels every account with its family in a fifth column, and every family and crowd sends traffic', () => {
    const [header] = readFileSync(all.result.labelsFile, 'utf8').split('\n');
    expect(header).toBe('account_id,label,campaign_id,population,family');
    const active = new Set(all.events.map((e) => e.account_id));
    for (const [id] of [...EXTRA_CAMPAIGNS, ...EXTRA_POPULATIONS]) {
      const members = all.rows.filter((r) => r.population === id);
      expect(members.length, id).toBeGreaterThanOrEqual(4);
      expect(members.filter((m) => active.has(m.account_id)).length, id).toBeGreaterThanOrEqual(3);
      for (const m of members) {
        expect(m.family).toBe(familyOf(id));
        expect(m.label).toBe(id.startsWith('camp_') ? 'extraction' : 'legitimate');
        if (m.label === 'extraction') expect(m.campaign_id).toBe(id);
      }
    }
    expect(all.rows.find((r) => r.population === 'online_course_s2')?.family).toBe('online_course');
  });

  it('new families use no reasoning phrase, rubric or tag in any prompt or system prompt', () => {
    const hits = campaignEvents(all).filter((e) => NARROW.test(e.prompt) || NARROW.test(e.system_prompt ?? '') || /<\/?(?:thinking|scratchpad|answer)>|rubric|\bgrade\b/i.test(e.prompt));
    expect(hits.slice(0, 3).map((e) => e.prompt.slice(0, 120))).toEqual([]);
  });

  it('hydra_proxy: k accounts on m ≪ k cards, a few hosting exits, 30-80% relayed chat', () => {
    const hydra = all.rows.filter((r) => r.population === 'camp_hydra_proxy').map((r) => r.account_id);
    const accounts = readFileSync(all.result.out, 'utf8').split('\n').filter((l) => l.includes('"type":"account"')).map((l) => JSON.parse(l));
    const cards = new Set(accounts.filter((a) => hydra.includes(a.account_id)).map((a) => a.payment_fp));
    expect(cards.size).toBeLessThan(hydra.length / 5);
    const evs = all.events.filter((e) => hydra.includes(e.account_id));
    expect(new Set(evs.map((e) => (e.ip as string).split('.').slice(0, 3).join('.'))).size).toBeLessThanOrEqual(6);
    // Relayed chat has no long answer; extraction rarely a short one.
    const long = evs.filter((e) => (e.output_tokens as number) > 900).length / evs.length;
    expect(long).toBeGreaterThan(0.15);
    expect(long).toBeLessThan(0.75);
  });

  it('rare_client: one client, many home networks', () => {
    const evs = all.events.filter((e) => all.byAccount.get(e.account_id)!.population === 'camp_rare_client');
    expect(new Set(evs.map((e) => `${e.user_agent}|${e.tls_fp}`)).size).toBe(1);
    expect(new Set(evs.map((e) => e.asn)).size).toBeGreaterThan(10);
  });
});

describe('choosing', () => {
  it('resolves families, instance ids, all and none, and rejects unknown names', () => {
    expect(resolve('populations', ['online_course']).map(([id]) => id)).toEqual(['online_course_s1', 'online_course_s2', 'online_course_s3']);
    expect(resolve('campaigns', ['proxy', 'camp_hydra_proxy']).map(([id]) => id)).toEqual(['camp_proxy', 'camp_hydra_proxy']);
    expect(resolve('campaigns', ['none'])).toEqual([]);
    expect(resolve('campaigns', 'all').length).toBe(4 + EXTRA_CAMPAIGNS.length);
    expect(resolve('populations', undefined).length).toBe(9);
    expect(() => resolve('campaigns', ['nope'])).toThrow(/unknown campaign "nope"/);
  });

  it('is deterministic by seed and differs between seeds', async () => {
    const opts = { scale: 0.05, campaigns: ['low_slow_swarm', 'rare_client'], populations: ['carrier_nat'] } as const;
    const a = await run({ ...opts, seed: 3 });
    const b = await run({ ...opts, seed: 3 });
    const c = await run({ ...opts, seed: 4 });
    expect(sha(b.result.out)).toBe(sha(a.result.out));
    expect(sha(b.result.labelsFile)).toBe(sha(a.result.labelsFile));
    expect(sha(c.result.out)).not.toBe(sha(a.result.out));
  }, 60_000);
});

describe('perturbations', () => {
  const base = { scale: 0.1, seed: 'p', populations: ['none'] as string[] };

  it('no-reasoning-phrases leaves no reasoning phrase in any campaign prompt or system prompt', async () => {
    const plain = await run({ ...base, campaigns: 'all' });
    expect(campaignEvents(plain).some((e) => NARROW.test(e.prompt))).toBe(true);
    const r = await run({ ...base, campaigns: 'all', perturb: ['no-reasoning-phrases'] });
    // Prompts keep no step-by-step or thinking phrase (task text and relayed chat may still say "explain");
    // system prompts, instruction only, keep nothing of the wider list either.
    const hits = campaignEvents(r).filter((e) => NARROW.test(e.prompt) || REASONING_PHRASES.test(e.system_prompt ?? ''));
    expect(hits.slice(0, 3).map((e) => e.prompt.slice(0, 160))).toEqual([]);
  }, 60_000);

  it('paraphrase rewrites them into many wordings outside any phrase list', async () => {
    const r = await run({ ...base, campaigns: ['reasoning', 'slowlow', 'agentic'], perturb: ['paraphrase'] });
    const evs = campaignEvents(r);
    expect(evs.filter((e) => NARROW.test(e.prompt)).length).toBe(0);
    const rng = new Rng('para');
    const wordings = new Set(Array.from({ length: 5000 }, () => paraphraseAsk(rng)));
    expect(wordings.size).toBeGreaterThan(2000);
    for (const w of wordings) expect(REASONING_PHRASES.test(w), w).toBe(false);
  }, 60_000);

  it('system-prompt moves instructions into the system prompt and leaves the bare task', async () => {
    const world = { perturb: { ...NO_PERTURB, system: true } } as unknown as World;
    const ev = blankEvent('r', 't', 'a');
    const ask: Ask = { frame: 'Q3. {p}\n\nThink step by step and show all intermediate reasoning.', task: 'Compute 2+2.' };
    renderAsk(ev, ask, world, new Rng('s'));
    expect(ev.prompt).toBe('Compute 2+2.');
    expect(ev.system_prompt).toBe('Think step by step and show all intermediate reasoning.');
    const r = await run({ ...base, campaigns: 'all', perturb: ['system-prompt'] });
    const own = campaignEvents(r).filter((e) => e.turn === 1 && e.system_prompt);
    expect(own.length).toBeGreaterThan(campaignEvents(r).length * 0.3);
    expect(own.filter((e) => NARROW.test(e.prompt)).length).toBe(0);
  }, 60_000);

  it('split doubles the accounts and about halves each one\'s volume, on the same infrastructure', async () => {
    const opts = { ...base, campaigns: ['shell_company', 'low_slow_swarm', 'proxy'] };
    const plain = await run(opts);
    const split = await run({ ...opts, perturb: ['split'] });
    for (const g of plain.result.campaigns) {
      const s = split.result.campaigns.find((x) => x.id === g.id)!;
      expect(s.accounts, g.id).toBe(2 * g.accounts);
      const ratio = s.events / s.accounts / (g.events / g.accounts);
      // Each account is a fresh draw (a proxy account's volume is heavy-tailed): roughly half.
      expect(ratio, g.id).toBeGreaterThan(0.35);
      expect(ratio, g.id).toBeLessThan(0.65);
    }
    const cards = (r: Run) => new Set(readFileSync(r.result.out, 'utf8').split('\n').filter((l) => l.includes('"type":"account"') && l.includes('"enterprise"')).map((l) => JSON.parse(l).payment_fp));
    expect(cards(split).size).toBe(cards(plain).size);
  }, 60_000);

  it('resold-chat makes about half of each extraction account\'s traffic relayed chat', async () => {
    const opts = { ...base, campaigns: ['rare_client', 'shell_company', 'agent_trace', 'reasoning'] };
    const plain = await run(opts);
    const resold = await run({ ...opts, perturb: ['resold-chat'] });
    for (const g of plain.result.campaigns) {
      const r = resold.result.campaigns.find((x) => x.id === g.id)!;
      const share = 1 - g.events / r.events;
      expect(share, g.id).toBeGreaterThan(0.4);
      expect(share, g.id).toBeLessThan(0.6);
    }
    // The relayed turns are ordinary chat from the account's own transport.
    const rare = resold.events.filter((e) => resold.byAccount.get(e.account_id)!.population === 'camp_rare_client');
    expect(new Set(rare.map((e) => e.user_agent)).size).toBe(1);
    const short = rare.filter((e) => (e.output_tokens as number) < 700).length / rare.length;
    expect(short).toBeGreaterThan(0.35);
  }, 60_000);

  it('changes no legitimate account', async () => {
    const opts = { scale: 0.05, seed: 'legit', campaigns: ['none'] as string[], populations: ['carrier_nat', 'casual_chat'] };
    const plain = await run(opts);
    const perturbed = await run({ ...opts, perturb: ['no-reasoning-phrases', 'paraphrase', 'system-prompt', 'split', 'resold-chat'] });
    expect(sha(perturbed.result.out)).toBe(sha(plain.result.out));
  }, 60_000);
});
