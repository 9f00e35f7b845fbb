import { describe, expect, it } from 'vitest';
import { accountRow, at, evenGaps, features, scan } from '../../tools/testing/features';
import type { AccountFeatures } from '../features/account-features';
import type { AccountRow } from '../features/profiles';
import { logit, MODEL, sigmoid } from './model';
import { finalScores, ownScores } from './score-accounts';
import type { Ring } from '../graph/rings';

/** An unverified programme sign-up asking for step-by-step reasoning in most prompts, drawing `long` long answers of `n` exchanges. */
const stepByStep = (id: number, long: number, n = long + 40) =>
  [
    accountRow(id, { plan: 'startup', verified: false, createdAt: at(3) }),
    features({
      n, firstTs: at(3, 9), lastTs: at(4, 21), cot: Math.round(n * 0.6), cotTemplates: 3,
      templates: Array.from({ length: 30 }, () => Math.floor(n / 30)), avgOutput: 1_200, longAnswers: long,
      withTurn: n, gaps: evenGaps(n - 1, 1_200), capabilities: { coding: n / 2, agentic: n / 2 }, windowHours: 36,
    }),
  ] as [AccountRow, AccountFeatures];

function score(accounts: [AccountRow, AccountFeatures][], rings: Ring[] = []) {
  const s = scan({ accounts: new Map(accounts.map(([a, f]) => [a.id, { ...f, account: a.id }])) });
  const scores = ownScores(s, new Map(accounts.map(([a]) => [a.id, a])), MODEL);
  finalScores(scores, rings, MODEL);
  return scores;
}

describe('SMALL_HARVEST: an account alone is flagged only for a harvest worth distilling from', () => {
  it('a weekend of sixty step-by-step answers is mitigated below the threshold, and the evidence says why', () => {
    const s = score([stepByStep(1, 60)]).get(1)!;
    const e = s.evidence.find((x) => x.code === 'SMALL_HARVEST');
    expect(e?.strength).toBeCloseTo(0.9, 5);
    // Without the mitigation it would have been flagged.
    expect(sigmoid(logit(MODEL, s.evidence.filter((x) => x !== e)))).toBeGreaterThanOrEqual(MODEL.threshold);
    expect(e?.detail).toMatch(/^60 long answers in the window: too few to distil from on its own/);
    expect(s.flagged).toBe(false);
  });

  it('hard negative: the same behaviour over a harvest of hundreds is not mitigated, and is flagged', () => {
    const s = score([stepByStep(2, 600, 1_000)]).get(2)!;
    expect(s.evidence.map((x) => x.code)).not.toContain('SMALL_HARVEST');
    expect(s.flagged).toBe(true);
  });

  it('a network of small accounts is still raised by its ring', () => {
    const members = [stepByStep(10, 60), stepByStep(11, 60), stepByStep(12, 60)];
    for (const s of score(members).values()) expect(s.flagged).toBe(false);
    const ring: Ring = {
      ringId: 'ring_acct_0010', members: [10, 11, 12], attachment: new Map([[10, 4], [11, 4], [12, 4]]), shared: [], summary: '3 accounts share one card',
      meanOwn: 0.5, highShare: 0, verifiedShare: 0, orgShare: 0, memberScore: 0.95, score: 0.95, reasons: [],
    };
    for (const s of score(members, [ring]).values()) expect(s.flagged).toBe(true);
  });

  it('a casual account is not given the mitigation as evidence: it changes nothing', () => {
    const casual = features({ n: 12, longAnswers: 1, withTurn: 12, templates: [1, 1, 1, 1], avgOutput: 200 });
    const s = score([[accountRow(3, { plan: 'free' }), casual]]).get(3)!;
    expect(s.evidence.map((x) => x.code)).not.toContain('SMALL_HARVEST');
  });
});
