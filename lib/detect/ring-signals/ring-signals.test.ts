/**
 * Each ring-level reason, shown on the crowd it is about and on the
 * legitimate crowd that looks most like it (the hard negative it must not
 * fire on), then whole rings judged as one actor.
 */
import { describe, expect, it } from 'vitest';
import { accountRow, at, features, type FeatureSpec } from '../../../tools/testing/features';
import type { AccountRow } from '../../features/profiles';
import { DEFAULT_RING, judgeRing } from '../judge-rings';
import { MODEL } from '../model';
import { REASON_CODES, type ReasonCode } from '../../domain/reason-codes';
import { collectiveOf } from './collective';
import { ringSignals } from './index';

interface Member {
  row: AccountRow;
  spec: FeatureSpec;
  own?: number;
  org?: string | null;
}

function crowd(n: number, make: (i: number) => Omit<Member, 'row'> & { row?: Partial<AccountRow> }): Member[] {
  return Array.from({ length: n }, (_, i) => {
    const m = make(i);
    return { ...m, row: accountRow(100 + i, m.row ?? {}) };
  });
}

function collective(members: Member[]) {
  const byId = new Map(members.map((m) => [m.row.id, m]));
  return {
    members: members.map((m) => m.row.id),
    features: (id: number) => features({ ...byId.get(id)!.spec, account: id }),
    account: (id: number) => byId.get(id)?.row,
    own: (id: number) => byId.get(id)?.own ?? 0.1,
    organisation: (id: number) => byId.get(id)?.org ?? null,
  };
}

function strength(code: ReasonCode, members: Member[]): number {
  const signal = ringSignals(MODEL.ring).find((s) => s.code === code)!;
  return signal.evaluate(collectiveOf(collective(members))).strength;
}

// A harvester's month: 200 exchanges, 45% long answers to short tasks, none followed up.
const harvesting: FeatureSpec = {
  n: 200, longAnswers: 90, longToShort: 90, singleLong: 90, withTurn: 200, followUps: 0, hosted: 200, avgOutput: 900,
  templates: [100, 100], longByCapability: { coding: 15, math: 15, reasoning: 15, agentic: 15, writing: 15, translation: 15 },
};
// A course's student: long explanations of exercises, asked about again and again.
const student: FeatureSpec = {
  n: 90, longAnswers: 30, longToShort: 30, singleLong: 6, withTurn: 90, followUps: 45, hosted: 0, avgOutput: 600,
  templates: [40, 50], longByCapability: { math: 30 },
};
// A carrier's customer: chat of every kind, short answers, a phone.
const phoneUser = (i: number): FeatureSpec => ({
  n: 60, longAnswers: 1, longToShort: 1, singleLong: 1, withTurn: 60, followUps: 20, hosted: 0, avgOutput: 180,
  templates: Array.from({ length: 60 }, () => 1), longByCapability: { writing: i % 2 },
  capabilities: { chat: 20, writing: 10, knowledge: 10, translation: 10, coding: 5, math: 5 },
});

describe('ring signals: each fires on its pattern and not on the legitimate crowd most like it', () => {
  it('every ring reason code has one signal and a weight', () => {
    const codes = ringSignals(MODEL.ring).map((s) => s.code).sort();
    expect(codes).toEqual(REASON_CODES.filter((c) => c.startsWith('RING_') && c !== 'RING_MEMBER').sort());
    for (const c of codes) expect(DEFAULT_RING.weights[c], c).toBeTypeOf('number');
  });

  it('RING_HARVEST: a network drawing long answers to short tasks — not a coding team whose long answers follow long contexts, nor a pair', () => {
    expect(strength('RING_HARVEST', crowd(30, () => ({ spec: harvesting })))).toBeGreaterThan(0.9);
    const coders = crowd(30, () => ({ spec: { ...harvesting, longAnswers: 50, longToShort: 2, followUps: 80, singleLong: 5 } }));
    expect(strength('RING_HARVEST', coders)).toBe(0);
    expect(strength('RING_HARVEST', crowd(2, () => ({ spec: harvesting })))).toBe(0);
  });

  it('RING_HARVEST counts the pattern only beyond a person\'s volume: a course whose students draw a dozen long explanations each', () => {
    expect(strength('RING_HARVEST', crowd(120, () => ({ spec: { ...student, singleLong: 20, followUps: 5, longAnswers: 12, longToShort: 12 } })))).toBeLessThan(0.1);
  });

  it('RING_CONVERSATIONAL does not mitigate follow-ups that each draw another long answer, hundreds a member', () => {
    const nudger = { ...harvesting, n: 600, withTurn: 600, followUps: 360, longAnswers: 400, longToShort: 300, singleLong: 100 };
    expect(strength('RING_CONVERSATIONAL', crowd(20, () => ({ spec: nudger })))).toBe(0);
  });

  it('RING_HARVEST reads visible reasoning too: a ring whose output is mostly reasoning traces', () => {
    const traces = crowd(20, () => ({ spec: { ...harvesting, longToShort: 0, reasoningTokens: 200 * 600, avgOutput: 1000 } }));
    expect(strength('RING_HARVEST', traces)).toBeGreaterThan(0.5);
  });

  it('RING_SINGLE_TURN_LONGFORM: long answers nobody follows up — not a course whose students ask again', () => {
    expect(strength('RING_SINGLE_TURN_LONGFORM', crowd(30, () => ({ spec: harvesting })))).toBeGreaterThan(0.9);
    expect(strength('RING_SINGLE_TURN_LONGFORM', crowd(120, () => ({ spec: student })))).toBe(0);
  });

  it('RING_CAPABILITY_COVERAGE: long answers across many areas — not a carrier\'s customers asking about everything in short answers', () => {
    expect(strength('RING_CAPABILITY_COVERAGE', crowd(30, () => ({ spec: harvesting })))).toBeGreaterThan(0.9);
    expect(strength('RING_CAPABILITY_COVERAGE', crowd(40, (i) => ({ spec: phoneUser(i) })))).toBe(0);
  });

  it('RING_SHARED_SKELETON: one script behind many accounts — not a framework\'s users who share only its default system prompt', () => {
    const scripted = crowd(30, () => ({ spec: { ...harvesting, templates: [160, 40] } }));
    expect(strength('RING_SHARED_SKELETON', scripted)).toBeGreaterThan(0.9);
    // Same system prompt (withSystem), each user's own prompts: no shared main template.
    const framework = crowd(30, () => ({ spec: { n: 80, withSystem: 80, templates: Array.from({ length: 80 }, () => 1) } }));
    expect(strength('RING_SHARED_SKELETON', framework)).toBe(0);
  });

  it('RING_SIGNUP_WAVES: accounts created in several bursts — not a course\'s sign-ups spread over a week, nor a class\'s one first-lecture wave', () => {
    const waves = crowd(30, (i) => ({ spec: harvesting, row: { createdAt: at(-20 + Math.floor(i / 10) * 3, 3) + (i % 10) * 120_000 } }));
    expect(strength('RING_SIGNUP_WAVES', waves)).toBeGreaterThan(0.9);
    // 120 students over seven days, ~84 minutes apart on average, at irregular times.
    const course = crowd(120, (i) => ({ spec: student, row: { createdAt: at(-14) + i * 5_040_000 + ((i * 7919) % 11) * 60_000 } }));
    expect(strength('RING_SIGNUP_WAVES', course)).toBe(0);
    const lecture = crowd(30, (i) => ({ spec: student, row: { createdAt: at(-14, 10) + i * 60_000 } }));
    expect(strength('RING_SIGNUP_WAVES', lecture)).toBe(0);
  });

  it('RING_CARD_POOL: many accounts on few cards — not a crowd that each pays its own way', () => {
    const pooled = crowd(40, (i) => ({ spec: harvesting, row: { paymentFp: `card_${i % 4}` } }));
    expect(strength('RING_CARD_POOL', pooled)).toBe(1);
    const ownCards = crowd(40, (i) => ({ spec: harvesting, row: { paymentFp: `card_${i}` } }));
    expect(strength('RING_CARD_POOL', ownCards)).toBe(0);
  });

  it('RING_HOSTING_EXITS: traffic from rented servers — not a carrier\'s customers behind its NAT', () => {
    expect(strength('RING_HOSTING_EXITS', crowd(30, () => ({ spec: harvesting })))).toBe(1);
    expect(strength('RING_HOSTING_EXITS', crowd(200, (i) => ({ spec: phoneUser(i) })))).toBe(0);
  });

  it('RING_SUSPICIOUS_MEMBERS: members suspicious on their own — not a crowd of mild ones', () => {
    expect(strength('RING_SUSPICIOUS_MEMBERS', crowd(20, () => ({ spec: harvesting, own: 0.9 })))).toBe(1);
    expect(strength('RING_SUSPICIOUS_MEMBERS', crowd(200, () => ({ spec: harvesting, own: 0.2 })))).toBe(0);
    // Ten suspects count in full among thirty; among two hundred mild members, they are a few new accounts.
    expect(strength('RING_SUSPICIOUS_MEMBERS', crowd(30, (i) => ({ spec: harvesting, own: i < 10 ? 0.7 : 0.2 })))).toBe(1);
    expect(strength('RING_SUSPICIOUS_MEMBERS', crowd(200, (i) => ({ spec: harvesting, own: i < 10 ? 0.7 : 0.2 })))).toBe(0);
  });

  it('RING_CONVERSATIONAL (mitigating): a course that follows up — not a harvester that numbers every request turn 1', () => {
    expect(strength('RING_CONVERSATIONAL', crowd(120, () => ({ spec: student })))).toBe(1);
    expect(strength('RING_CONVERSATIONAL', crowd(30, () => ({ spec: harvesting })))).toBe(0);
    // A swarm's nudges ("one more, harder") follow up, and each draws another long answer.
    const nudging: FeatureSpec = { ...student, longAnswers: 40, singleLong: 0, longToShort: 40, followUps: 45 };
    expect(strength('RING_CONVERSATIONAL', crowd(120, () => ({ spec: nudging })))).toBe(0);
  });

  it('RING_ONE_ORGANISATION (mitigating): one verified organisation — not accounts that merely claim an org id', () => {
    expect(strength('RING_ONE_ORGANISATION', crowd(20, () => ({ spec: harvesting, org: 'org_acme' })))).toBe(1);
    // Unverified accounts naming an org belong to none (lib/graph/linkage.ts verifiedOrganisations).
    expect(strength('RING_ONE_ORGANISATION', crowd(20, () => ({ spec: harvesting, row: { orgId: 'org_acme' }, org: null })))).toBe(0);
  });
});

describe('a ring judged as one actor', () => {
  const judge = (members: Member[]) => judgeRing(members.map((m) => m.row.id), collective(members), MODEL);

  it('a hydra of mild accounts on pooled cards and rented exits is flagged, for what it did together', () => {
    // Half of each account's traffic is resold chat: the shares halve, the volume does not.
    const hydra = crowd(168, (i) => ({
      spec: { ...harvesting, n: 400, longToShort: 90, singleLong: 90, longAnswers: 180, withTurn: 400, followUps: 120, hosted: 400 },
      own: 0.18,
      row: { paymentFp: `card_${i % 6}` },
    }));
    const j = judge(hydra);
    expect(j.score).toBeGreaterThan(0.95);
    // Its members are mild: what carries it is what the network did together.
    expect(j.reasons.map((r) => r.code)).not.toContain('RING_SUSPICIOUS_MEMBERS');
    expect(j.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['RING_HARVEST', 'RING_CARD_POOL', 'RING_HOSTING_EXITS']));
    expect(j.reasons.reduce((s, r) => s + r.weight, 0)).toBeCloseTo(j.score, 2);
    for (const r of j.reasons) expect(r.detail.length).toBeGreaterThan(10);
  });

  it('RING_CAMPUS (mitigating): a class on its campus network — not a harvester on rented exits, nor one on a campus at machine volume', () => {
    const labClass = crowd(90, () => ({ spec: { ...harvesting, longAnswers: 40, longToShort: 40, singleLong: 40, hosted: 0, campus: 180 } }));
    expect(strength('RING_CAMPUS', labClass)).toBe(1);
    expect(strength('RING_CAMPUS', crowd(90, () => ({ spec: harvesting })))).toBe(0);
    const campusFarm = crowd(90, () => ({ spec: { ...harvesting, longAnswers: 190, longToShort: 190, singleLong: 190, hosted: 0, campus: 200 } }));
    expect(strength('RING_CAMPUS', campusFarm)).toBe(0);
  });

  it('members are raised by what the ring did together, not again by their co-members\' own scores', () => {
    // A class whose lab kit makes each student look like a harvester on their own, on its campus.
    const labClass = crowd(90, () => ({ spec: { ...harvesting, longAnswers: 40, longToShort: 40, singleLong: 40, hosted: 0, campus: 180 }, own: 0.7 }));
    const j = judge(labClass);
    expect(j.collectiveScore).toBeLessThan(0.05);
    expect(j.collectiveScore).toBeLessThan(j.score);
    // A network of mild accounts is raised in full by what it did together.
    const hydra = crowd(60, () => ({ spec: harvesting, own: 0.2 }));
    expect(judge(hydra).collectiveScore).toBeGreaterThan(0.8);
  });

  it('RING_FRONT_ORGANISATIONS: verified "companies" paying with one another\'s cards — not companies each on its own card', () => {
    const fronts = crowd(24, (i) => ({ spec: harvesting, org: `org_front_${i % 6}`, row: { paymentFp: `card_${i % 2}`, verified: true } }));
    expect(strength('RING_FRONT_ORGANISATIONS', fronts)).toBe(1);
    const labs = crowd(24, (i) => ({ spec: harvesting, org: `org_lab_${i % 4}`, row: { paymentFp: `card_lab_${i % 4}`, verified: true } }));
    expect(strength('RING_FRONT_ORGANISATIONS', labs)).toBe(0);
    const company = crowd(24, () => ({ spec: harvesting, org: 'org_acme', row: { paymentFp: 'card_acme', verified: true } }));
    expect(strength('RING_FRONT_ORGANISATIONS', company)).toBe(0);
  });

  it('a verified shell company whose members harvest is flagged although it is one organisation', () => {
    const shell = crowd(16, () => ({ spec: harvesting, own: 0.85, org: 'org_shell', row: { paymentFp: 'card_shell', verified: true } }));
    expect(judge(shell).score).toBeGreaterThan(0.8);
  });

  it('legitimate crowds stay low: a conversing course, a carrier NAT, a framework\'s users, a verified company on one card', () => {
    const course = crowd(120, (i) => ({ spec: student, row: { plan: 'education', createdAt: at(-14) + i * 5_040_000 } }));
    expect(judge(course).score).toBeLessThan(0.2);
    expect(judge(crowd(200, (i) => ({ spec: phoneUser(i) }))).score).toBeLessThan(0.1);
    const framework = crowd(30, () => ({ spec: { n: 80, withSystem: 80, templates: Array.from({ length: 80 }, () => 1) } }));
    expect(judge(framework).score).toBeLessThan(0.1);
    const company = crowd(40, () => ({ spec: { ...harvesting, longAnswers: 35, longToShort: 20, singleLong: 10, followUps: 50 }, org: 'org_acme', row: { paymentFp: 'card_acme', verified: true } }));
    expect(judge(company).score).toBeLessThan(0.2);
  });
});
