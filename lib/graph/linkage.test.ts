import { describe, expect, it } from 'vitest';
import type { IdentifierKind } from '../domain';
import type { AccountRow } from '../features/profiles';
import { accountRow } from '../../tools/testing/features';
import type { Identifier } from './identifiers';
import { hubLimit } from '../domain/identifier-policy';
import { buildLinkage, sharedIdentifiers, verifiedOrganisations, HUB_PREFIX, ORG_DISCOUNT } from './linkage';

/** A population: account id → its record and the identifiers it uses. */
class Population {
  accounts = new Map<number, AccountRow>();
  byAccount = new Map<number, Identifier[]>();
  add(ids: number[], extra: Partial<AccountRow>, ...identifiers: [IdentifierKind, string][]): this {
    for (const id of ids) {
      this.accounts.set(id, { ...(this.accounts.get(id) ?? accountRow(id)), ...extra });
      const list = this.byAccount.get(id) ?? [];
      list.push(...identifiers.map(([kind, value]) => ({ kind, value })));
      this.byAccount.set(id, list);
    }
    return this;
  }
  /** Unrelated accounts, each with its own card and address. */
  bystanders(ids: number[]): this {
    for (const id of ids) this.add([id], {}, ['payment_fp', `pm_own_${id}`], ['ip', `10.9.${id >> 8}.${id & 255}`]);
    return this;
  }
  link() {
    return buildLinkage(this.byAccount, this.accounts);
  }
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const communityOf = (linkage: ReturnType<Population['link']>, ids: number[]) => new Set(ids.map((id) => linkage.community.get(id)));

describe('linkage: strong identifiers', () => {
  it('a card shared by 24 fresh unverified accounts links them all into one community, and nobody else', () => {
    const ring = range(1, 24);
    const linkage = new Population()
      .add(ring, { plan: 'education', verified: false }, ['payment_fp', 'pm_9f'])
      .bystanders(range(100, 200))
      .link();
    expect(communityOf(linkage, ring)).toEqual(new Set([linkage.community.get(1)]));
    expect(linkage.graph.order).toBe(24);
    expect(linkage.shared).toEqual([expect.objectContaining({ kind: 'payment_fp', value: 'pm_9f', members: ring })]);
  });

  // Above 24 members an identifier joins its accounts through a hub node (a star), which Louvain keeps whole.
  it('a card shared by 40 fresh unverified accounts links them all into one community', () => {
    const ring = range(1, 40);
    const linkage = new Population()
      .add(ring, { plan: 'education', verified: false }, ['payment_fp', 'pm_9f'])
      .bystanders(range(100, 200))
      .link();
    expect(linkage.graph.filterNodes((n) => !n.startsWith(HUB_PREFIX)).length).toBe(40);
    expect(communityOf(linkage, ring).size).toBe(1);
  });

  it('an identifier shared by more accounts is weaker for each pair (specificity)', () => {
    const [small] = sharedIdentifiers(new Population().add(range(1, 3), {}, ['payment_fp', 'pm_a']).byAccount, new Map());
    const [big] = sharedIdentifiers(new Population().add(range(1, 30), {}, ['payment_fp', 'pm_a']).byAccount, new Map());
    expect(small.pairWeight).toBeCloseTo(4 / Math.log2(4), 6);
    expect(big.pairWeight).toBeLessThan(small.pairWeight);
  });
});

describe('linkage: hubs', () => {
  it("an IP shared by 300 of 1,000 accounts (a serverless platform's egress) links nothing", () => {
    const linkage = new Population()
      .add(range(1, 300), { plan: 'payg' }, ['ip', '203.0.113.10'])
      .bystanders(range(301, 700))
      .link();
    expect(hubLimit('ip', 1_000)).toBeLessThan(300);
    expect(linkage.shared).toEqual([]);
    expect(linkage.graph.size).toBe(0);
    expect(linkage.community.size).toBe(0);
  });

  it('the same address shared by a small group still links it', () => {
    const linkage = new Population()
      .add(range(1, 30), {}, ['ip', '203.0.113.10'])
      .bystanders(range(31, 970))
      .link();
    expect(linkage.shared.map((s) => s.value)).toEqual(['203.0.113.10']);
    expect(communityOf(linkage, range(1, 30)).size).toBe(1);
  });
});

describe('linkage: weak identifiers', () => {
  it('an e-mail domain, address pattern, subnet, template or sign-up window alone never creates a link', () => {
    const weak: [IdentifierKind, string][] = [
      ['email_domain', 'mailinator.com'], ['email_pattern', 'name.name99@mailinator.com'], ['subnet', '198.51.100.0/24'],
      ['template', 'template 7f'], ['cohort', 'education 2026-10-05T06h'],
    ];
    for (const id of weak) {
      const linkage = new Population().add(range(1, 20), { plan: 'education' }, id).bystanders(range(100, 100)).link();
      expect(linkage.shared.map((s) => s.kind)).toEqual([id[0]]);
      expect(linkage.graph.size, id[0]).toBe(0);
    }
  });

  it('nor do two coincidences at once: an e-mail domain with its address pattern is one fact, and a subnet', () => {
    const linkage = new Population()
      .add(range(1, 20), { plan: 'education' }, ['email_domain', 'uni.edu'], ['email_pattern', 'a.a@uni.edu'], ['subnet', '198.51.100.0/24'])
      .bystanders(range(100, 100))
      .link();
    expect(linkage.graph.size).toBe(0);
  });

  it('one band of active hours in common is chance and only corroborates; two or more bands mean the same schedule, and link', () => {
    const band = (b: number): Identifier => ({ kind: 'schedule', value: `synchronised hours #${b}:x${b}`, corroborating: true, weight: 1 / 3 });
    const pair = (bands: number[]) => {
      const p = new Population().bystanders(range(100, 100));
      for (const id of [1, 2]) p.add([id], {}).byAccount.get(id)!.push(...bands.map(band));
      return p.link();
    };
    expect(pair([0]).shared.filter((s) => s.kind === 'schedule')).toHaveLength(1);
    expect(pair([0]).graph.size).toBe(0);
    expect(pair([0, 2]).graph.hasEdge('1', '2')).toBe(true);
    // Different accounts matching different bands of one account are not its schedule either.
    const p = new Population().bystanders(range(100, 100));
    p.add([1], {}).byAccount.get(1)!.push(band(0), band(1), band(2));
    [2, 3, 4].forEach((id, b) => p.add([id], {}).byAccount.get(id)!.push(band(b)));
    expect(p.link().graph.size).toBe(0);
  });

  it('three independent weak coincidences at once link: a sign-up batch on one disposable domain, one subnet, one template', () => {
    const batch = range(1, 12);
    const linkage = new Population()
      .add(batch, { plan: 'education' },
        ['email_domain', 'mailinator.com'], ['email_pattern', 'name.name99@mailinator.com'], ['subnet', '198.51.100.0/24'],
        ['template', 'template 7f'])
      .bystanders(range(100, 100))
      .link();
    expect(linkage.graph.order).toBe(12);
    expect(communityOf(linkage, batch).size).toBe(1);
  });

  it('they strengthen a link a strong identifier made', () => {
    const strongOnly = new Population().add([1, 2], {}, ['payment_fp', 'pm_a']).add([1, 2, 3], {}, ['email_domain', 'other.org']).link();
    const corroborated = new Population()
      .add([1, 2], {}, ['payment_fp', 'pm_a'])
      .add([1, 2, 3], {}, ['email_domain', 'mailinator.com'], ['cohort', 'education 2026-10-05T06h'])
      .link();
    const w = (l: typeof strongOnly) => l.graph.getEdgeAttribute(l.graph.edge('1', '2')!, 'weight') as number;
    expect(w(corroborated)).toBeGreaterThan(w(strongOnly));
    expect(corroborated.graph.hasNode('3')).toBe(false);
  });
});

describe('linkage: organisations', () => {
  it('a verified company sharing one card and one egress address gets heavily discounted links', () => {
    const staff = range(1, 12);
    const company = new Population()
      .add(staff, { plan: 'enterprise', verified: true, orgId: 'org_acme' }, ['payment_fp', 'pm_acme'], ['ip', '192.0.2.80'])
      .link();
    const strangers = new Population().add(staff, { plan: 'payg', verified: false }, ['payment_fp', 'pm_acme'], ['ip', '192.0.2.80']).link();
    for (const s of company.shared) {
      const same = strangers.shared.find((x) => x.kind === s.kind)!;
      expect(s.pairWeight).toBeCloseTo(same.pairWeight * 0.1, 6);
    }
  });
  it('verified staff without an org id, on the domain their verified colleagues name the organisation on, are the company too', () => {
    const company = new Population()
      .add(range(1, 6), { plan: 'enterprise', verified: true, orgId: 'org_acme', emailDomain: 'acme.example' })
      .add([7, 8], { plan: 'payg', verified: true, emailDomain: 'acme.example' })
      .add(range(1, 8), {}, ['payment_fp', 'pm_acme'], ['ip', '192.0.2.80'])
      .link();
    const strangers = new Population().add(range(1, 8), { verified: false }, ['payment_fp', 'pm_acme'], ['ip', '192.0.2.80']).link();
    expect(company.organisation?.get(7)).toBe('org_acme');
    for (const s of company.shared) {
      expect(s.pairWeight).toBeCloseTo(strangers.shared.find((x) => x.kind === s.kind)!.pairWeight * ORG_DISCOUNT, 6);
    }
  });

  it('verified accounts of no organisation, or of different ones, sharing a card and a datacenter subnet are not a company', () => {
    const shared: [IdentifierKind, string][] = [['payment_fp', 'pm_134f'], ['subnet', '54.36.38.0/24']];
    const noOrg = new Population()
      .add([1, 2, 3], { plan: 'research', verified: true, emailDomain: 'aurora-lab.example' }, ...shared)
      .add([4, 5], { plan: 'research', verified: true, emailDomain: 'synth-institute.example' }, ...shared);
    const differentOrgs = new Population();
    for (const id of range(1, 5)) differentOrgs.add([id], { plan: 'enterprise', verified: true, orgId: `org_${id}` }, ...shared);
    const unverified = new Population().add(range(1, 5), { verified: false }, ...shared);
    const weights = (p: Population) => sharedIdentifiers(p.byAccount, p.accounts).map((s) => s.pairWeight);
    expect(weights(noOrg)).toEqual(weights(unverified));
    expect(weights(differentOrgs)).toEqual(weights(unverified));
  });

  it('unrelated verified accounts sharing a card and a schedule are linked as strangers would be', () => {
    const p = new Population()
      .add([1], { verified: true, emailDomain: 'a.example' })
      .add([2], { verified: true, emailDomain: 'b.example' })
      .add([1, 2], {}, ['payment_fp', 'pm_x'], ['schedule', 'minutes :05 :25 :45'])
      .bystanders(range(100, 100));
    const linked = p.link();
    const strangers = new Population().add([1, 2], {}, ['payment_fp', 'pm_x'], ['schedule', 'minutes :05 :25 :45']).bystanders(range(100, 100)).link();
    const w = (l: typeof linked) => l.graph.getEdgeAttribute(l.graph.edge('1', '2')!, 'weight') as number;
    expect(w(linked)).toBeCloseTo(w(strangers), 6);
    expect(linked.community.get(1)).toBe(linked.community.get(2));
  });

  it('a domain no organisation names, one that several organisations name, or a mail provider most of whose users name none makes nobody a company', () => {
    const accounts = new Map<number, AccountRow>();
    const put = (id: number, row: Partial<AccountRow>) => accounts.set(id, accountRow(id, row));
    put(1, { verified: true, emailDomain: 'aurora-lab.example' }); // no organisation on record
    put(2, { verified: true, emailDomain: 'aurora-lab.example' });
    put(3, { verified: true, orgId: 'org_a', emailDomain: 'shared-office.example' }); // two organisations
    put(4, { verified: true, orgId: 'org_b', emailDomain: 'shared-office.example' });
    put(5, { verified: true, emailDomain: 'shared-office.example' });
    put(6, { verified: true, orgId: 'org_c', emailDomain: 'mail.example' }); // one organisation among many private users
    for (const id of range(7, 5)) put(id, { verified: true, emailDomain: 'mail.example' });
    put(12, { verified: false, orgId: 'org_fake', emailDomain: 'fake.example' }); // claimed, not verified
    put(13, { verified: true, emailDomain: 'fake.example' });
    const orgOf = verifiedOrganisations(accounts);
    expect([...orgOf]).toEqual([[3, 'org_a'], [4, 'org_b'], [6, 'org_c']]);
  });

  it('an unverified hydra cluster claiming one org_id is not discounted as a company', () => {
    const hydra = range(1, 40);
    const claimed = new Population().add(hydra, { plan: 'education', verified: false, orgId: 'org_fake' }, ['payment_fp', 'pm_9f']).link();
    const plain = new Population().add(hydra, { plan: 'education', verified: false }, ['payment_fp', 'pm_9f']).link();
    expect(claimed.shared[0].pairWeight).toBeCloseTo(plain.shared[0].pairWeight, 6);
  });
});

describe('linkage: determinism', () => {
  it('the same input gives the same communities', () => {
    const build = () =>
      new Population()
        .add(range(1, 30), {}, ['payment_fp', 'pm_a'])
        .add(range(25, 30), {}, ['ip', '203.0.113.5'])
        .add(range(60, 10), {}, ['client', 'curl/8 · ja3 abc'])
        .bystanders(range(100, 50))
        .link();
    expect([...build().community]).toEqual([...build().community]);
  });
});
