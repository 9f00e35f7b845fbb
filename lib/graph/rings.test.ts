import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import type { IdentifierKind } from '../domain';
import { MODEL } from '../detect/model';
import type { AccountRow } from '../features/profiles';
import { accountRow } from '../../tools/testing/features';
import type { Identifier } from './identifiers';
import { KIND_POLICY } from '../domain/identifier-policy';
import { buildLinkage, type Linkage, type SharedIdentifier } from './linkage';
import { attachmentOf, describeShared, findRings, identifierIndex, memberCounts, MIN_ATTACHMENT } from './rings';

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

/** Accounts and the identifiers they use; rings found as detect finds them. */
function world() {
  const accounts = new Map<number, AccountRow>();
  const byAccount = new Map<number, Identifier[]>();
  const own = new Map<number, number>();
  const api = {
    add(ids: number[], o: { own?: number; row?: Partial<AccountRow> }, ...identifiers: [IdentifierKind, string][]) {
      for (const id of ids) {
        accounts.set(id, { ...(accounts.get(id) ?? accountRow(id)), ...o.row });
        byAccount.set(id, [...(byAccount.get(id) ?? []), ...identifiers.map(([kind, value]) => ({ kind, value }))]);
        own.set(id, o.own ?? own.get(id) ?? 0.02);
      }
      return api;
    },
    bystanders(ids: number[]) {
      for (const id of ids) api.add([id], {}, ['payment_fp', `pm_own_${id}`]);
      return api;
    },
    rings() {
      const linkage = buildLinkage(byAccount, accounts);
      return findRings(linkage, own, MODEL.ring, (m) => accounts.get(m)!);
    },
  };
  return api;
}

/** A linkage as Louvain might have left it: one community over `members`, with these shared identifiers. */
function community(members: number[], shared: Omit<SharedIdentifier, 'pairWeight'>[]): Linkage {
  return {
    graph: new Graph(),
    shared: shared.map((s) => ({ ...s, pairWeight: KIND_POLICY[s.kind].base / Math.log2(1 + s.members.length) })),
    community: new Map(members.map((m) => [m, 0])),
  };
}
const strangers = (m: number) => ({ accountId: `acct_${m}`, verified: false, orgId: null });
const highOwn = (ids: number[]) => new Map(ids.map((m) => [m, 0.5]));

describe('rings from shared infrastructure', () => {
  it('fresh unverified programme accounts on one card, behaving badly, are one ring with a high score', () => {
    const hydra = range(1, 24);
    const rings = world()
      .add(hydra, { own: 0.5, row: { plan: 'education', verified: false } }, ['payment_fp', 'pm_9f'])
      .bystanders(range(100, 300))
      .rings();
    expect(rings).toHaveLength(1);
    expect(rings[0]).toMatchObject({
      ringId: 'ring_acct_0001',
      members: hydra,
      summary: '24 accounts share one card',
      shared: [{ kind: 'payment_fp', value: 'pm_9f', accounts: 24 }],
      score: 1,
    });
    for (const m of hydra) expect(rings[0].attachment.get(m)).toBeGreaterThanOrEqual(MIN_ATTACHMENT);
  });
  it('40 fresh unverified accounts sharing one card are one ring of 40', () => {
    const hydra = range(1, 40);
    const rings = world().add(hydra, { own: 0.5, row: { plan: 'education' } }, ['payment_fp', 'pm_9f']).bystanders(range(100, 300)).rings();
    expect(rings.map((r) => r.members)).toEqual([hydra]);
  });
  it('100 accounts sharing one card are a ring at all', () => {
    const hydra = range(1, 100);
    const rings = world().add(hydra, { own: 0.5, row: { plan: 'education' } }, ['payment_fp', 'pm_9f']).bystanders(range(200, 300)).rings();
    expect(rings.length).toBeGreaterThan(0);
  });

  it('a classroom behind one campus address, behaving normally, is linked but scores nothing', () => {
    const rings = world().add(range(1, 20), { own: 0.03, row: { plan: 'education' } }, ['ip', '198.51.100.1']).bystanders(range(100, 300)).rings();
    expect(rings).toHaveLength(1);
    expect(rings[0].score).toBe(0);
  });

  it('ring ids are stable: named after the smallest member, whatever else is in the store', () => {
    const a = world().add(range(5, 10), { own: 0.5 }, ['payment_fp', 'pm_9f']).bystanders(range(100, 50)).rings();
    const b = world().bystanders(range(300, 120)).add(range(5, 10), { own: 0.5 }, ['payment_fp', 'pm_9f']).rings();
    expect(a.map((r) => r.ringId)).toEqual(['ring_acct_0005']);
    expect(b.map((r) => r.ringId)).toEqual(['ring_acct_0005']);
  });
});

describe('a company is not a ring', () => {
  it('verified staff of one organisation sharing one card and one egress address are seen together as their organisation, discounted', () => {
    const staff = range(1, 12);
    const rings = world()
      .add(staff, { own: 0.5, row: { plan: 'enterprise', verified: true, orgId: 'org_acme' } }, ['payment_fp', 'pm_acme'], ['ip', '192.0.2.80'])
      .bystanders(range(100, 200))
      .rings();
    const theirs = rings.filter((r) => r.members.some((m) => staff.includes(m)));
    // One ring: the organisation (organisation-rings.ts), judged later as one actor; before that, discounted in full.
    expect(theirs).toHaveLength(1);
    expect(theirs[0]).toMatchObject({ members: staff, orgShare: 1 });
    expect(theirs[0].score).toBeLessThanOrEqual(1 - MODEL.ring.orgDiscount + 1e-9);
  });

  it('the ring score is discounted by the share of one organisation (orgDiscount) and, if a weights file asks, of verified members', () => {
    const members = range(1, 10);
    const linkage = community(members, [{ kind: 'payment_fp', value: 'pm_acme', members }]);
    const verifiedOrg = (m: number) => ({ accountId: `acct_${m}`, verified: true, orgId: 'org_acme' });
    const mixed = (m: number) => (m <= 7 ? verifiedOrg(m) : strangers(m));
    const scoring = { ...MODEL.ring, verifiedDiscount: 0.3 }; // as weights v1–v3 had it
    const { orgDiscount, verifiedDiscount } = scoring;
    const [company] = findRings(linkage, highOwn(members), scoring, verifiedOrg);
    const [ring] = findRings(linkage, highOwn(members), scoring, strangers);
    const [partly] = findRings(linkage, highOwn(members), scoring, mixed);
    expect(ring.score).toBe(1);
    expect(company).toMatchObject({ orgShare: 1, verifiedShare: 1 });
    expect(company.score).toBeCloseTo((1 - orgDiscount) * (1 - verifiedDiscount), 6);
    expect(company.score).toBeLessThan(0.1); // raises a member by at most 0.1: far below the threshold
    expect(partly.score).toBeCloseTo((1 - orgDiscount * 0.7) * (1 - verifiedDiscount * 0.7), 6);
    // The default weights discount one organisation, not verification as such.
    expect(findRings(linkage, highOwn(members), MODEL.ring, verifiedOrg)[0].score).toBeCloseTo(1 - MODEL.ring.orgDiscount, 6);
    expect(findRings(linkage, highOwn(members), MODEL.ring, (m) => ({ ...verifiedOrg(m), orgId: null }))[0].score).toBe(1);
  });
});

describe('verified accounts that are not one organisation', () => {
  /**
   * A reasoning harvest whose five accounts all passed verification, with no
   * org id, on two domains: three on one card and one domain, two on another
   * domain, all five on one prompt template and one scheduler's minutes.
   */
  const harvest = (row: Partial<AccountRow>) =>
    world()
      .add([1, 2, 3], { own: 0.98, row: { plan: 'research', verified: true, emailDomain: 'aurora-lab.example', ...row } },
        ['payment_fp', 'pm_134f'], ['email_domain', 'aurora-lab.example'], ['email_pattern', 'a.a@aurora-lab.example'])
      .add([4, 5], { own: 0.98, row: { plan: 'research', verified: true, emailDomain: 'synth-institute.example', ...row } },
        ['email_domain', 'synth-institute.example'], ['email_pattern', 'a.a@synth-institute.example'])
      .add(range(1, 5), {}, ['template', 'template 4d42'], ['schedule', 'minutes :05 :25 :45'])
      .bystanders(range(100, 300))
      .rings();

  it('are one ring, every account in it, scored in full', () => {
    const rings = harvest({});
    expect(rings).toHaveLength(1);
    expect(rings[0].members).toEqual(range(1, 5));
    for (const m of range(1, 5)) expect(rings[0].attachment.get(m)).toBeGreaterThanOrEqual(MIN_ATTACHMENT);
    expect(rings[0]).toMatchObject({ verifiedShare: 1, orgShare: 0, score: 1 });
  });

  it('while the same accounts as one verified organisation are a company: what they share is discounted, and so is the ring', () => {
    const rings = harvest({ orgId: 'org_aurora' });
    for (const r of rings) expect(r.score).toBeLessThan(0.1);
    // Not linked as a ring: seen together only as their organisation (organisation-rings.ts).
    for (const r of rings) expect(r.orgShare).toBe(1);
  });
});

describe('a verified company', () => {
  it('whose staff share a card and an egress address is discounted, colleagues without an org id on its domain included', () => {
    const staff = range(1, 8);
    const rings = world()
      .add(range(1, 6), { own: 0.5, row: { plan: 'enterprise', verified: true, orgId: 'org_acme', emailDomain: 'acme.example' } })
      .add([7, 8], { own: 0.5, row: { plan: 'payg', verified: true, emailDomain: 'acme.example' } })
      .add(staff, {}, ['payment_fp', 'pm_acme'], ['ip', '192.0.2.80'])
      .bystanders(range(100, 200))
      .rings();
    for (const r of rings.filter((r) => r.members.some((m) => staff.includes(m)))) {
      expect(r.orgShare).toBe(1);
      expect(r.score).toBeLessThan(0.1);
    }
  });
});

describe("a ring's behaviour: the members' mean, or how many are suspicious on their own", () => {
  const scoring = { meanOwnLo: 0.3, meanOwnHi: 0.6, suspectsLo: 3, suspectsHi: 10, orgDiscount: 0.9, verifiedDiscount: 0.3 };
  const owns = (members: number[], own: (i: number) => number) => new Map(members.map((m, i) => [m, own(i)]));

  it('a network of 200 diluting its extraction with resold chat (mean own 0.43, 80 members suspicious) is certain', () => {
    const members = range(1, 200);
    const linkage = community(members, [{ kind: 'payment_fp', value: 'pm_9f', members }]);
    const [ring] = findRings(linkage, owns(members, (i) => (i < 80 ? 0.7 : 0.25)), scoring, strangers);
    expect(ring.meanOwn).toBeCloseTo(0.43, 6);
    expect(ring.score).toBe(1);
  });

  it('hard negative: a team of four sharing a sign-up address and a domain, none suspicious on its own, is mild', () => {
    const team = range(1, 4);
    const linkage = community(team, [
      { kind: 'signup_ip', value: '192.0.2.7', members: team },
      { kind: 'email_domain', value: 'lab.example', members: team },
    ]);
    const [ring] = findRings(linkage, owns(team, () => 0.4), scoring, strangers);
    expect(ring.highShare).toBe(0);
    expect(ring.score).toBeCloseTo((0.4 - 0.3) / 0.3, 6);
  });

  it('a small campaign whose members are each clearly suspicious is certain by its mean', () => {
    const five = range(1, 5);
    const linkage = community(five, [{ kind: 'payment_fp', value: 'pm_9f', members: five }]);
    expect(findRings(linkage, owns(five, () => 0.95), scoring, strangers)[0].score).toBe(1);
  });

  it('without suspect bounds (older weights files) the mean alone decides', () => {
    const members = range(1, 200);
    const linkage = community(members, [{ kind: 'payment_fp', value: 'pm_9f', members }]);
    const { suspectsLo: _lo, suspectsHi: _hi, ...meanOnly } = scoring;
    const [ring] = findRings(linkage, owns(members, (i) => (i < 80 ? 0.7 : 0.25)), meanOnly, strangers);
    expect(ring.score).toBeCloseTo((0.43 - 0.3) / 0.3, 6);
  });
});

describe('an organisation claimed but not verified', () => {
  it('gives a hydra cluster no discount for claiming one org_id', () => {
    const members = range(1, 10);
    const linkage = community(members, [{ kind: 'payment_fp', value: 'pm_9f', members }]);
    const claimed = (m: number) => ({ accountId: `acct_${m}`, verified: false, orgId: 'org_fake' });
    expect(findRings(linkage, highOwn(members), MODEL.ring, claimed)[0].score).toBe(1);
  });
});

describe('pruning by attachment', () => {
  it('an account hanging on to a ring by one weak tie (the same subnet) is not a member', () => {
    const ring = range(1, 10);
    const hanger = 99;
    const linkage = community([...ring, hanger], [
      { kind: 'payment_fp', value: 'pm_9f', members: ring },
      { kind: 'subnet', value: '203.0.113.0/24', members: [...ring, hanger] },
    ]);
    const att = attachmentOf(linkage, identifierIndex(linkage), new Set([...ring, hanger]));
    expect(att.get(hanger)).toBeLessThan(MIN_ATTACHMENT);
    const [r] = findRings(linkage, highOwn([...ring, hanger]), MODEL.ring, strangers);
    expect(r.members).toEqual(ring);
    expect(r.attachment.has(hanger)).toBe(false);
  });

  it('an account sharing one address with one member and many outsiders is not a member either', () => {
    const ring = range(1, 10);
    const linkage = community([...ring, 99], [
      { kind: 'payment_fp', value: 'pm_9f', members: ring },
      { kind: 'ip', value: '192.0.2.7', members: [1, 99, ...range(200, 8)] },
    ]);
    const [r] = findRings(linkage, highOwn(ring), MODEL.ring, strangers);
    expect(r.members).toEqual(ring);
  });

  it('the weak tie alone never even brings the account into the graph', () => {
    const rings = world()
      .add(range(1, 10), { own: 0.5 }, ['payment_fp', 'pm_9f'], ['subnet', '203.0.113.0/24'], ['email_domain', 'mailinator.com'])
      .add([99], { own: 0.5 }, ['subnet', '203.0.113.0/24'], ['email_domain', 'mailinator.com'])
      .bystanders(range(100, 200))
      .rings();
    expect(rings.map((r) => r.members)).toEqual([range(1, 10)]);
  });

  it('a ring pruned below two members is no ring', () => {
    const linkage = community([1, 2], [{ kind: 'subnet', value: '203.0.113.0/24', members: [1, 2] }]);
    expect(findRings(linkage, highOwn([1, 2]), MODEL.ring, strangers)).toEqual([]);
  });
});

describe('re-homing and schedules', () => {
  it('an account Louvain left in a community of its own joins the ring it is firmly attached to', () => {
    const members = range(1, 6);
    const linkage: Linkage = {
      graph: new Graph(),
      shared: [{ kind: 'payment_fp', value: 'pm_9f', members, pairWeight: 4 / Math.log2(7) }],
      community: new Map(members.map((m) => [m, m === 6 ? 1 : 0])),
    };
    const [ring] = findRings(linkage, highOwn(members), MODEL.ring, strangers);
    expect(ring.members).toEqual(members);
  });

  const band = (b: number, m: number[]) => ({ kind: 'schedule' as const, value: `synchronised hours #${b}`, members: m, corroborating: true, weight: 1 / 3 });
  const withCard = (extra: Omit<SharedIdentifier, 'pairWeight'>[]) =>
    community(range(1, 4), [{ kind: 'payment_fp', value: 'pm_9f', members: [1, 2, 3] }, ...extra]);

  it('a member keeping the same schedule as another (two bands or more) is attached by it as by a strong identifier', () => {
    const same = withCard([band(0, [3, 4]), band(1, [3, 4]), band(2, [3, 4])]);
    const scattered = withCard([band(0, [1, 4]), band(1, [2, 4]), band(2, [3, 4])]);
    const of = (l: Linkage) => attachmentOf(l, identifierIndex(l), new Set(range(1, 4))).get(4)!;
    expect(of(same)).toBeCloseTo(2 * of(scattered), 6);
  });
});

describe('describeShared: what a ring has in common, in a sentence', () => {
  const shared = (kind: IdentifierKind, value: string, members: number[]): SharedIdentifier => ({ kind, value, members, pairWeight: 1 });

  it('names the kinds shared by most members first, counting one of each', () => {
    const members = new Set(range(1, 40));
    const out = describeShared(40, members, [
      shared('subnet', '203.0.113.0/24', range(1, 30)),
      shared('payment_fp', 'pm_9f', range(1, 40)),
      shared('subnet', '198.51.100.0/24', range(20, 12)),
      shared('ip', '203.0.113.9', range(1, 35)),
      shared('email_domain', 'mailinator.com', range(1, 20)),
    ]);
    expect(out.summary).toBe('40 accounts share one card, one IP address and two subnets');
    expect(out.shared.map((s) => s.accounts)).toEqual([40, 35, 30, 20, 12]);
    expect(out.shared[0]).toEqual({ kind: 'payment_fp', value: 'pm_9f', accounts: 40 });
  });

  it('counts only the ring\'s members, and leaves out what fewer than two of them share', () => {
    const out = describeShared(5, new Set(range(1, 5)), [
      shared('payment_fp', 'pm_9f', [1, 2, 3, 4, 5, 100, 101]),
      shared('ip', '192.0.2.1', [1, 100, 101]),
    ]);
    expect(out.shared).toEqual([{ kind: 'payment_fp', value: 'pm_9f', accounts: 5 }]);
    expect(out.summary).toBe('5 accounts share one card');
  });

  it('gives the same from the members\' own counts (as detect does) as from walking every identifier', () => {
    const members = new Set(range(1, 40));
    const all = [
      shared('subnet', '203.0.113.0/24', range(1, 30)),
      shared('payment_fp', 'pm_9f', [...range(1, 40), 500, 501]),
      shared('ip', '203.0.113.9', range(30, 20)),
      shared('ip', '192.0.2.1', [7, 600]),
      shared('email_domain', 'mailinator.com', range(1, 20)),
    ];
    const linkage = { shared: all } as Linkage;
    const index = identifierIndex(linkage);
    expect(describeShared(40, members, all, memberCounts(linkage, index, members).inRing)).toEqual(describeShared(40, members, all));
  });

  it('says large numbers in figures and "nothing" when nothing is shared', () => {
    const cards = range(1, 12).map((i) => shared('payment_fp', `pm_${i}`, [2 * i, 2 * i + 1]));
    expect(describeShared(1_200, new Set(range(1, 30)), cards).summary).toBe('1,200 accounts share 12 cards');
    expect(describeShared(3, new Set([1, 2, 3]), []).summary).toBe('3 accounts share nothing');
  });
});
