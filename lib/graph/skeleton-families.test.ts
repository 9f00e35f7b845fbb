import { describe, expect, it } from 'vitest';
import { features } from '../../tools/testing/features';
import type { AccountFeatures } from '../features/account-features';
import { familyIdentifiers, recurringSets, skeletonFamilies } from './skeleton-families';

/** An account that sends each of `templates` `uses` times. */
function account(id: number, templates: number[], uses = 3): AccountFeatures {
  const f = { ...features({ n: templates.length * uses }), account: id };
  f.templates = new Map(templates.map((t) => [t, uses]));
  return f;
}

/** A deterministic pick of `k` of `pool` for account `i`. */
const pick = (pool: number[], k: number, i: number) => Array.from({ length: k }, (_, j) => pool[(i * 5 + j) % pool.length]);

/** Unrelated people: each their own templates, and a few everybody sends. */
const crowd = (from: number, n: number) => Array.from({ length: n }, (_, i) => account(from + i, [1, 2, 3, 10_000 + i * 10, 10_001 + i * 10, 10_002 + i * 10]));

describe('skeleton families: one paraphrased script behind many accounts', () => {
  const variants = Array.from({ length: 12 }, (_, i) => 500 + i);

  it('accounts drawing on one pool of paraphrases are one family, named after its most used variant; unrelated accounts are none', () => {
    const script = Array.from({ length: 30 }, (_, i) => account(100 + i, pick(variants, 10, i)));
    const families = skeletonFamilies([...script, ...crowd(1_000, 400)]);
    const names = new Set(script.map((f) => families.get(f.account)));
    expect(names.size).toBe(1);
    expect([...names][0]).toMatch(/^skeleton family [0-9a-f]+$/);
    for (let i = 0; i < 400; i++) expect(families.has(1_000 + i)).toBe(false);
  });

  it('hard negative: templates a tenth of all accounts send, or an account sends once, are nobody\'s skeleton', () => {
    const everyone = crowd(1_000, 50);
    const sets = recurringSets([...everyone, account(5, [1, 2, 3], 1)]);
    for (const f of everyone) expect(sets.get(f.account) ?? []).not.toContain(1);
    expect(sets.has(5)).toBe(false);
  });

  it('hard negative: two scripts with different pools stay two families', () => {
    const other = Array.from({ length: 12 }, (_, i) => 900 + i);
    const a = Array.from({ length: 20 }, (_, i) => account(100 + i, pick(variants, 10, i)));
    const b = Array.from({ length: 20 }, (_, i) => account(200 + i, pick(other, 10, i)));
    const families = skeletonFamilies([...a, ...b, ...crowd(1_000, 300)]);
    expect(families.get(100)).toBeDefined();
    expect(families.get(200)).toBeDefined();
    expect(families.get(100)).not.toBe(families.get(200));
  });

  it('a family too large to compare pair by pair (300 accounts) is still one family, and stays apart from a second as large', () => {
    const other = Array.from({ length: 12 }, (_, i) => 900 + i);
    const a = Array.from({ length: 300 }, (_, i) => account(10_000 + i, pick(variants, 10, i)));
    const b = Array.from({ length: 300 }, (_, i) => account(20_000 + i, pick(other, 10, i)));
    const families = skeletonFamilies([...a, ...b, ...crowd(100_000, 5_000)]);
    expect(new Set(a.map((f) => families.get(f.account)))).toEqual(new Set([families.get(10_000)]));
    expect(new Set(b.map((f) => families.get(f.account)))).toEqual(new Set([families.get(20_000)]));
    expect(families.get(10_000)).toBeDefined();
    expect(families.get(10_000)).not.toBe(families.get(20_000));
  });

  it('an account sending each variant only once joins the family whose pool its templates come from, its own one-off chat aside', () => {
    const script = Array.from({ length: 30 }, (_, i) => account(100 + i, pick(variants, 10, i)));
    // Half the volume: every variant once (no recurring set), plus resold end-user chat nobody else sends.
    const light = account(300, [...pick(variants, 6, 3), 70_001, 70_002, 70_003, 70_004, 70_005, 70_006, 70_007], 1);
    const families = skeletonFamilies([...script, light, ...crowd(1_000, 400)]);
    expect(families.get(300)).toBe(families.get(100));
  });

  it('hard negative: templates the family shares with many outsiders, or too few of its own, do not make an outsider a member', () => {
    const shared = [600, 601, 602, 603, 604];
    const script = Array.from({ length: 30 }, (_, i) => account(100 + i, [...pick(variants, 10, i), ...shared]));
    // Outsiders send the shared templates too, so they are nobody's pool.
    const outsiders = Array.from({ length: 40 }, (_, i) => account(2_000 + i, [...shared, 80_000 + i], 1));
    const fewFromPool = account(301, [variants[0], variants[1], variants[2], 71_001, 71_002], 1);
    // (800 in the crowd: the shared templates' 70 senders stay under a tenth of all accounts, so they are counted.)
    const families = skeletonFamilies([...script, ...outsiders, fewFromPool, ...crowd(1_000, 800)]);
    expect(families.get(100)).toBeDefined();
    for (const o of outsiders) expect(families.has(o.account)).toBe(false);
    expect(families.has(301)).toBe(false);
  });

  it('instructions moved into the system prompt: an account whose bare tasks everybody sends joins through the script\'s system prompts', () => {
    const systems = Array.from({ length: 8 }, (_, i) => 7_000 + i);
    const script = Array.from({ length: 30 }, (_, i) => {
      const f = account(100 + i, pick(variants, 10, i));
      f.systemPrompts = new Map(pick(systems, 4, i).map((s) => [s, 2]));
      return f;
    });
    // Bare tasks: topics that 60 unrelated accounts ask about too (so in nobody's pool), and four of the script's system prompts.
    const tasks = Array.from({ length: 20 }, (_, i) => 40_000 + i);
    const askers = Array.from({ length: 60 }, (_, i) => account(3_000 + i, pick(tasks, 5, i), 1));
    const light = account(300, pick(tasks, 12, 1), 1);
    light.systemPrompts = new Map(pick(systems, 4, 2).map((s) => [s, 1]));
    const families = skeletonFamilies([...script, ...askers, light, ...crowd(1_000, 800)]);
    expect(families.get(300)).toBe(families.get(100));
    for (const a of askers) expect(families.get(a.account)).not.toBe(families.get(100));
  });

  it('the family only corroborates; sent from a subnet it is specific', () => {
    const ids = familyIdentifiers('skeleton family 1f4', [{ kind: 'subnet', value: '5.9.1.0/24' }, { kind: 'ip', value: '5.9.1.7' }]);
    expect(ids).toEqual([
      { kind: 'skeleton', value: 'skeleton family 1f4', corroborating: true },
      { kind: 'skeleton', value: 'skeleton family 1f4 from 5.9.1.0/24' },
    ]);
  });
});
