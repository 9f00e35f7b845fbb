import { describe, expect, it } from 'vitest';
import type { Identifier } from './identifiers';
import type { Linkage } from './linkage';
import { ORG_RING_MIN, organisationGroups } from './organisation-rings';

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
});
