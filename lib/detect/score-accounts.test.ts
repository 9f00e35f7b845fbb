import { describe, expect, it } from 'vitest';
import { MIN_ATTACHMENT, type Ring } from '../graph/rings';
import { accountRow, burstyGaps, evenGaps, features, scan, at } from '../../tools/testing/features';
import type { AccountFeatures } from '../features/account-features';
import { MODEL } from './model';
import type { AccountRow } from '../features/profiles';
import { finalScores, ownScores } from './score-accounts';

const everyHour = { spread: Array.from({ length: 24 }, (_, h) => h) };

/** Score hand-built accounts as detect does (own score, then ring raises and the threshold). */
function score(accounts: [AccountRow, AccountFeatures][], rings: Ring[] = []) {
  const s = scan({ accounts: new Map(accounts.map(([a, f]) => [a.id, { ...f, account: a.id }])) });
  const scores = ownScores(s, new Map(accounts.map(([a]) => [a.id, a])), MODEL);
  finalScores(scores, rings, MODEL);
  return scores;
}

const extractor = (id: number) =>
  [
    accountRow(id, { plan: 'education', verified: false, createdAt: at(1) }),
    features({
      n: 6_000, firstTs: at(1, 3), lastTs: at(29, 23), cot: 5_400, cotTemplates: 12, templates: [3_000, 2_000, 1_000],
      avgOutput: 1_800, longAnswers: 6_000, reasoningTokens: 6_000 * 1_000, atCap: 2_000, withTurn: 6_000, hours: everyHour, gaps: evenGaps(5_999, 400),
      capabilities: { reasoning: 3_000, math: 2_000, coding: 1_000 }, windowHours: 28 * 24,
    }),
  ] as [AccountRow, AccountFeatures];

describe('an account\'s score, from its behaviour', () => {
  it('flags a reasoning-extraction account, with its reasons largest first adding up to its score', () => {
    const s = score([extractor(1)]).get(1)!;
    expect(s.score).toBeGreaterThanOrEqual(MODEL.threshold);
    expect(s.flagged).toBe(true);
    expect(s.reasons[0].code).toBe('COT_ELICITATION');
    expect(s.reasons[0].detail).toBe('90% of prompts ask for full step-by-step reasoning, a replay of earlier reasoning or reasoning in tags, with 6,000 long answers kept');
    const weights = s.reasons.map((r) => r.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(Math.abs(weights.reduce((a, b) => a + b, 0) - s.score)).toBeLessThanOrEqual(0.01);
  });

  it('hard negative: templated batch classification with one-word answers, round the clock, is not flagged', () => {
    const batch = features({
      n: 20_000, templates: [20_000], avgOutput: 2, shortAnswer: 20_000, withTurn: 20_000, hours: everyHour, gaps: evenGaps(19_999, 120),
      capabilities: { data: 20_000 }, firstTs: at(0), lastTs: at(29, 23),
    });
    const s = score([[accountRow(2, { plan: 'payg', verified: false }), batch]]).get(2)!;
    expect(s.flagged).toBe(false);
    expect(s.evidence.find((e) => e.code === 'TEMPLATE_CONCENTRATION')?.strength).toBe(0);
    expect(s.evidence.find((e) => e.code === 'SHORT_OUTPUTS')?.strength).toBe(1);
  });

  it('hard negative: an evaluation team\'s "think step by step" benchmark sweep, from a verified lab, is not flagged', () => {
    const sweep = features({
      n: 3_000, cot: 3_000, cotTemplates: 1, templates: [1_500, 1_500], avgOutput: 600, withTurn: 3_000, gaps: evenGaps(2_999, 5),
      hours: { spread: [1, 2, 3] }, days: { 28: 3_000 }, firstTs: at(28, 1), lastTs: at(28, 4), capabilities: { reasoning: 2_000, math: 1_000 },
      windowHours: 3,
    });
    const s = score([[accountRow(3, { plan: 'research', verified: true, orgId: 'org_evals' }), sweep]]).get(3)!;
    expect(s.flagged).toBe(false);
    expect(s.reasons.map((r) => r.code)).not.toContain('VERIFIED_ORGANISATION');
  });

  /**
   * An evaluation team's month: suites of a hundred-odd benchmark items run on
   * ten evenings, "think step by step" on four in ten, each item in its own
   * wording, single-turn, across eight capability areas, answers of ~420 tokens.
   */
  function evaluationTeam(days: number[], runHours: number[]) {
    const n = days.length * 140;
    const cot = Math.round(n * 0.43);
    const f = features({
      n, cot, cotTemplates: [...new Array<number>(cot - 40).fill(1), ...new Array<number>(4).fill(10)], avgOutput: 420,
      reasoningTokens: n * 120, atCap: Math.round(n * 0.05), withTurn: n, toolUse: Math.round(n * 0.1),
      templates: new Array<number>(n).fill(1), gaps: [...evenGaps(n - days.length, 6), ...new Array<number>(days.length - 1).fill(3 * 86_400)],
      hours: { spread: runHours }, days: Object.fromEntries(days.map((d) => [d, 140])), firstTs: at(days[0], runHours[0]),
      lastTs: at(days[days.length - 1], runHours[runHours.length - 1]),
      capabilities: { coding: n / 8, agentic: n / 8, reasoning: n / 8, math: n / 8, vision: n / 8, writing: n / 8, data: n / 8, knowledge: n / 8 },
    });
    for (const d of days) for (const h of runHours) f.hourly[d * 24 + h] = 140 / runHours.length;
    return f;
  }
  const evenings = [1, 3, 6, 9, 13, 14, 17, 20, 24, 27];

  it('hard negative: an evaluation team running suites on ten evenings of the month is not flagged, verified or not', () => {
    for (const verified of [true, false]) {
      const s = score([[accountRow(5, { plan: 'research', verified, orgId: 'org_evals' }), evaluationTeam(evenings, [21])]]).get(5)!;
      expect(s.flagged, `verified: ${verified}`).toBe(false);
      expect(s.evidence.find((e) => e.code === 'INTERMITTENT_RUNS')?.strength).toBe(1);
      expect(s.evidence.find((e) => e.code === 'PROBING')?.strength).toBe(0);
    }
  });

  it('the same sweep run every day round the clock, unverified, is scored well above the team', () => {
    const team = score([[accountRow(6, { plan: 'research', verified: false }), evaluationTeam(evenings, [21])]]).get(6)!;
    const everyDay = Array.from({ length: 28 }, (_, d) => d + 1);
    const operation = score([[accountRow(7, { plan: 'research', verified: false }), evaluationTeam(everyDay, [0, 4, 8, 12, 16, 20])]]).get(7)!;
    expect(operation.evidence.find((e) => e.code === 'INTERMITTENT_RUNS')?.strength).toBe(0);
    expect(operation.own - team.own).toBeGreaterThan(0.2);
  });

  it("hard negative: a coding agent's hundreds of long multi-turn tool-use requests a day are not flagged", () => {
    const agent = features({
      n: 9_000, withTurn: 9_000, followUps: 8_000, toolUse: 7_000, avgOutput: 1_500, bigCap: 9_000, atCap: 200,
      gaps: burstyGaps(8_999), capabilities: { coding: 7_000, agentic: 2_000 }, firstTs: at(0, 8), lastTs: at(29, 19),
    });
    const s = score([[accountRow(4, { plan: 'payg', verified: true }), agent]]).get(4)!;
    expect(s.flagged).toBe(false);
    expect(s.evidence.find((e) => e.code === 'CONVERSATION_DEPTH')?.strength).toBe(1);
    expect(s.evidence.find((e) => e.code === 'SINGLE_TURN')?.strength).toBe(0);
  });
});

describe('ring raises', () => {
  const ring = (members: number[], score: number, attachment: number): Ring => ({
    ringId: 'ring_acct_0010', members, attachment: new Map(members.map((m) => [m, attachment])), shared: [],
    summary: `${members.length} accounts share one card`, meanOwn: 0.3, highShare: 0, verifiedShare: 0, orgShare: 0, memberScore: score, score, reasons: [],
  });
  const quiet = (id: number) => [accountRow(id, { plan: 'payg' }), features({ n: 200, withTurn: 200, gaps: burstyGaps(199) })] as [AccountRow, AccountFeatures];

  it('a firmly attached member of a high-scoring ring is raised, and the ring is its top reason', () => {
    const scores = score([quiet(10), quiet(11)], [ring([10, 11], 0.95, 6)]);
    const s = scores.get(10)!;
    expect(s.own).toBeLessThan(MODEL.threshold);
    expect(s.score).toBeCloseTo(1 - (1 - s.own) * 0.05, 3);
    expect(s).toMatchObject({ flagged: true, ringId: 'ring_acct_0010' });
    expect(s.reasons[0]).toMatchObject({ code: 'RING_MEMBER', detail: 'member of ring_acct_0010 (ring score 0.95): 2 accounts share one card' });
    expect(Math.abs(s.reasons.reduce((a, r) => a + r.weight, 0) - s.score)).toBeLessThanOrEqual(0.01);
  });

  it('a member tied half as firmly as the typical member is raised in full; more loosely, in proportion', () => {
    const members = [quiet(10), quiet(11), quiet(12)];
    const firm = score(members, [ring([10, 11, 12], 0.95, 4)]).get(10)!;
    const looseRing = ring([10, 11, 12], 0.95, 4);
    looseRing.attachment.set(10, 1);
    const loose = score(members, [looseRing]).get(10)!;
    // Full from half the typical member's attachment (4 → 2): tied by 1, it gets half the raise.
    expect(loose.score - loose.own).toBeCloseTo((1 - loose.own) * 0.95 * 0.5, 3);
    expect(loose.score).toBeLessThan(firm.score);
    const halfRing = ring([10, 11, 12], 0.95, 4);
    halfRing.attachment.set(10, 2);
    const half = score(members, [halfRing]).get(10)!;
    expect(half.score - half.own).toBeCloseTo((1 - half.own) * 0.95, 3);
  });

  it('a ring held together by one fact every member shares raises each member in full; a ring of weak coincidences does not', () => {
    const members = [quiet(10), quiet(11), quiet(12)];
    const oneClient = score(members, [ring([10, 11, 12], 0.95, 2)]).get(10)!;
    expect(oneClient.score - oneClient.own).toBeCloseTo((1 - oneClient.own) * 0.95, 3);
    const coincidences = score(members, [ring([10, 11, 12], 0.95, 0.75)]).get(10)!;
    expect(coincidences.score - coincidences.own).toBeCloseTo((1 - coincidences.own) * 0.95 * (0.75 / MIN_ATTACHMENT), 3);
  });

  it('a member is raised as far as it does what its ring does: a chatting hanger-on of a harvesting ring is not', () => {
    const harvester = (id: number) => [accountRow(id, { plan: 'payg' }), features({ n: 200, withTurn: 200, longAnswers: 120, gaps: burstyGaps(199) })] as [AccountRow, AccountFeatures];
    const members = [harvester(10), harvester(11), harvester(12), quiet(13)];
    const scores = score(members, [ring([10, 11, 12, 13], 0.95, 4)]);
    const mild = scores.get(10)!;
    expect(mild.score - mild.own).toBeCloseTo((1 - mild.own) * 0.95, 3);
    const hangerOn = scores.get(13)!;
    expect(hangerOn.score).toBeCloseTo(hangerOn.own, 4);
  });

  it('a ring that scores nothing raises nobody and is not given as a reason', () => {
    const s = score([quiet(10), quiet(11)], [ring([10, 11], 0, 6)]).get(10)!;
    expect(s.score).toBeCloseTo(s.own, 4);
    expect(s.ringId).toBe('ring_acct_0010');
    expect(s.reasons.map((r) => r.code)).not.toContain('RING_MEMBER');
  });

  it('scores are rounded to four places, and flagged exactly at the threshold', () => {
    for (const s of score([extractor(1), quiet(10)]).values()) {
      expect(s.score).toBe(Math.round(s.score * 10_000) / 10_000);
      expect(s.flagged).toBe(s.score >= MODEL.threshold);
    }
  });
});
