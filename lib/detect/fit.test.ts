import { describe, expect, it } from 'vitest';
import { accountRow, features, scan } from '../../tools/testing/features';
import type { Label } from './evaluate';
import { fitLogistic, labelledSamples, MITIGATING } from './fit';
import { SIGNALS } from './signals';

const codes = SIGNALS.map((s) => s.code);
const at = (code: string) => codes.indexOf(code as never);

describe('labelledSamples', () => {
  const rows = [
    accountRow(1, { accountId: 'acct_team', plan: 'research', verified: true, orgId: 'org_evals' }),
    accountRow(2, { accountId: 'acct_bad', plan: 'research', verified: true }),
    accountRow(3, { accountId: 'acct_person', plan: 'payg', verified: false }),
    accountRow(4, { accountId: 'acct_unlabelled' }),
  ];
  const labels = new Map<string, Label>([
    ['acct_team', { label: 'legitimate', campaign: null, population: 'eval_team', family: null }],
    ['acct_bad', { label: 'extraction', campaign: 'camp_x', population: 'camp_x', family: null }],
    ['acct_person', { label: 'legitimate', campaign: null, population: 'casual_chat', family: null }],
  ]);
  const s = scan({ accounts: new Map(rows.map((r) => [r.id, { ...features(), account: r.id }])) });
  const samples = labelledSamples(s, new Map(rows.map((r) => [r.id, r])), labels);

  it('gives each labelled account one sample, grouped by campaign or population', () => {
    expect(samples.filter((x) => !x.group.endsWith('(unverified)')).map((x) => [x.group, x.y])).toEqual([
      ['eval_team', 0],
      ['camp_x', 1],
      ['casual_chat', 0],
    ]);
  });

  it('adds a verified legitimate account again as if its verification had lapsed, in a group of its own', () => {
    const lapsed = samples.filter((x) => x.group.endsWith('(unverified)'));
    expect(lapsed.map((x) => [x.group, x.y])).toEqual([['eval_team (unverified)', 0]]);
    const real = samples.find((x) => x.group === 'eval_team')!;
    expect(real.x[at('VERIFIED_ORGANISATION')]).toBe(1);
    expect(lapsed[0].x[at('VERIFIED_ORGANISATION')]).toBe(0);
    expect(lapsed[0].x[at('SIGNUP_PROGRAMME')]).toBe(1);
  });
});

describe('fitLogistic', () => {
  it('keeps mitigating weights at or below zero and suspicious ones at or above, whatever the data says', () => {
    // Data that would teach "intermittent means bad" and "probing means good" without the constraints.
    const x = (probing: number, intermittent: number) => codes.map((c) => (c === 'PROBING' ? probing : c === 'INTERMITTENT_RUNS' ? intermittent : 0));
    const samples = [
      ...Array.from({ length: 20 }, () => ({ x: x(0, 1), y: 1 as const, group: 'bad' })),
      ...Array.from({ length: 20 }, () => ({ x: x(1, 0), y: 0 as const, group: 'good' })),
    ];
    const fit = fitLogistic(samples, codes, { iterations: 300 });
    codes.forEach((c, j) => (MITIGATING.has(c) ? expect(fit.weights[j], c).toBeLessThanOrEqual(0) : expect(fit.weights[j], c).toBeGreaterThanOrEqual(0)));
    expect(MITIGATING.has('INTERMITTENT_RUNS')).toBe(true);
  });
});
