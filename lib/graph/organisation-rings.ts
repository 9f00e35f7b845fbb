/**
 * A verified organisation's accounts, seen together. What one verified
 * organisation shares — a card, an egress, a sign-up address — is discounted
 * in the linkage (a company is not a ring), so its staff rarely form a
 * community of their own; but an organisation is an actor too, and a shell
 * company is one whose accounts each look like a company's. Every verified
 * organisation with ORG_RING_MIN or more active accounts that no ring holds
 * becomes a ring of its own, judged like any other as one actor — where its
 * being one organisation keeping to itself weighs for it (judge-rings.ts).
 */
import type { Linkage } from './linkage';

export const ORG_RING_MIN = 5;

/** The member sets of organisations not already in rings (`taken`: accounts some ring holds). */
export function organisationGroups(linkage: Linkage, taken: Set<number>): Set<number>[] {
  const orgOf = linkage.organisation;
  const active = linkage.identifiers;
  if (!orgOf || !active) return [];
  const byOrg = new Map<string, Set<number>>();
  for (const [account, org] of orgOf) {
    if (taken.has(account) || !active.has(account)) continue;
    let g = byOrg.get(org);
    if (!g) byOrg.set(org, (g = new Set()));
    g.add(account);
  }
  return [...byOrg.values()].filter((g) => g.size >= ORG_RING_MIN);
}

/**
 * Staff of an organisation that a ring is mostly made of, left out of it
 * (what they share with their colleagues is discounted, so Louvain may leave
 * a few outside), join it: when the organisation is the ring, all of it is.
 * A ring joins them only when at least half of it is the organisation and it
 * holds at least half of the organisation's active accounts. Mutates `sets`.
 */
export function gatherOrganisations(linkage: Linkage, sets: Set<number>[]): void {
  const orgOf = linkage.organisation;
  const active = linkage.identifiers;
  if (!orgOf || !active) return;
  const staff = new Map<string, number[]>();
  for (const [account, org] of orgOf) {
    if (!active.has(account)) continue;
    const list = staff.get(org);
    if (list) list.push(account);
    else staff.set(org, [account]);
  }
  const taken = new Set<number>();
  for (const set of sets) for (const m of set) taken.add(m);
  for (const set of sets) {
    const inSet = new Map<string, number>();
    for (const m of set) {
      const org = orgOf.get(m);
      if (org) inSet.set(org, (inSet.get(org) ?? 0) + 1);
    }
    for (const [org, n] of inSet) {
      const all = staff.get(org) ?? [];
      if (n < set.size / 2 || n < all.length / 2) continue;
      for (const m of all) {
        if (taken.has(m)) continue;
        set.add(m);
        taken.add(m);
      }
    }
  }
}
