import { describe, expect, it } from 'vitest';
import type { Identifier } from './identifiers';
import type { Linkage } from './linkage';
import { gatherOrganisations, ORG_RING_MIN, organisationGroups } from './organisation-rings';

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

function linkage(orgs: [number[], string][], active: number[]): Linkage {
  const organisation = new Map<number, string>();
  for (const [members, org] of orgs) for (const m of members) organisation.set(m, org);
  const identifiers = new Map<number, Identifier[]>(active.map((m) => [m, []]));
  return { graph: undefined as never, shared: [], community: new Map(), organisation, identifiers };
}

describe('every verified organisation is seen together', () => {
  it('an organisation no ring holds becomes a ring of its active accounts', () => {
    const shell = range(1, 16);
    const groups = organisationGroups(linkage([[shell, 'org_shell']], shell), new Set());
    expect(groups.map((g) => [...g])).toEqual([shell]);
  });

  it('accounts a ring already holds stay there; small or inactive ones make no ring', () => {
    const acme = range(1, 10);
    const taken = new Set(range(1, 6));
    expect(organisationGroups(linkage([[acme, 'org_acme']], acme), taken)).toEqual([]);
    const duo = range(20, ORG_RING_MIN - 1);
    expect(organisationGroups(linkage([[duo, 'org_duo']], duo), new Set())).toEqual([]);
    const idle = range(40, 8);
    expect(organisationGroups(linkage([[idle, 'org_idle']], []), new Set())).toEqual([]);
  });

  it('staff left outside the ring their organisation makes up join it', () => {
    const shell = range(1, 16);
    const sets = [new Set(range(1, 13)), new Set(range(100, 20))];
    gatherOrganisations(linkage([[shell, 'org_shell']], [...shell, ...range(100, 20)]), sets);
    expect([...sets[0]].sort((a, b) => a - b)).toEqual(shell);
    expect(sets[1].size).toBe(20);
  });

  it('hard negative: a ring the organisation is a minority of, or that holds a minority of it, takes in no one', () => {
    const acme = range(1, 20);
    const active = [...acme, ...range(100, 30)];
    // Three of acme's twenty among thirty others: not acme's ring.
    const mixed = [new Set([1, 2, 3, ...range(100, 30)])];
    gatherOrganisations(linkage([[acme, 'org_acme']], active), mixed);
    expect(mixed[0].size).toBe(33);
    // All of a small ring, but only four of acme's twenty.
    const small = [new Set([1, 2, 3, 4])];
    gatherOrganisations(linkage([[acme, 'org_acme']], active), small);
    expect(small[0].size).toBe(4);
  });
});
