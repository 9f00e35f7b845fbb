/**
 * Rings: communities of the linkage graph, kept to the members that are
 * really attached (a node hanging on one weak link to a community is not a
 * member), described by what their members share, and scored from their
 * members' own behaviour.
 */
import type { IdentifierKind } from '../domain';
import { isWeak, KIND_POLICY, type Linkage, type SharedIdentifier } from './linkage';

/**
 * Attachment: what ties an account to a ring. Each identifier it shares with
 * other members adds its kind's base weight (half for weak kinds and
 * corroborating identifiers, scaled by the identifier's own weight) times the
 * share of that identifier's accounts that are in the ring, so one big shared
 * identifier counts once, not once per account that shares it. Below
 * MIN_ATTACHMENT an account is not a member; the ring's score applies in full
 * from FULL_ATTACHMENT.
 */
export const MIN_ATTACHMENT = 1.5;
/** …nor when it is this much weaker than the ring's typical member (hangers-on of a big ring). */
export const RELATIVE_ATTACHMENT = 0.25;
export const FULL_ATTACHMENT = 4;

export interface RingShare {
  kind: IdentifierKind;
  value: string;
  accounts: number;
}

export interface Ring {
  ringId: string;
  members: number[];
  /** Member → sum of its link weights to the other members. */
  attachment: Map<number, number>;
  shared: RingShare[];
  summary: string;
  meanOwn: number;
  highShare: number;
  verifiedShare: number;
  orgShare: number;
  score: number;
}

/** Identifier indices (into linkage.shared) by account. */
export function identifierIndex(linkage: Linkage): Map<number, number[]> {
  const index = new Map<number, number[]>();
  linkage.shared.forEach((s, i) => {
    for (const m of s.members) {
      const list = index.get(m);
      if (list) list.push(i);
      else index.set(m, [i]);
    }
  });
  return index;
}

export function attachmentOf(linkage: Linkage, index: Map<number, number[]>, members: Set<number>): Map<number, number> {
  const inRing = new Map<number, number>();
  const count = (i: number) => {
    let n = inRing.get(i);
    if (n === undefined) {
      n = 0;
      for (const m of linkage.shared[i].members) if (members.has(m)) n++;
      inRing.set(i, n);
    }
    return n;
  };
  const out = new Map<number, number>();
  for (const m of members) out.set(m, accountAttachment(linkage, index.get(m) ?? [], count, (x) => x !== m && members.has(x)));
  return out;
}

/**
 * One account's attachment, given how many ring members (the account
 * included) share each of its identifiers. Pieces of one fact (the bands of
 * a schedule) that the account shares with one same ring member in at least
 * two pieces count as a strong identifier of their kind: that member keeps
 * the same schedule. Pieces matched here and there by different members are
 * chance, and only corroborate.
 */
function accountAttachment(linkage: Linkage, ids: number[], count: (i: number) => number, isOtherMember: (m: number) => boolean): number {
  const partners = new Map<number, number>();
  for (const i of ids) {
    const s = linkage.shared[i];
    if ((s.weight ?? 1) >= 1 || count(i) < 2) continue;
    for (const x of s.members) if (isOtherMember(x)) partners.set(x, (partners.get(x) ?? 0) + 1);
  }
  let agree = false;
  for (const c of partners.values()) if (c >= 2) agree = true;
  let a = 0;
  for (const i of ids) {
    const s = linkage.shared[i];
    const n = count(i);
    if (n < 2) continue;
    const policy = KIND_POLICY[s.kind];
    const weak = isWeak(s) && !(agree && (s.weight ?? 1) < 1);
    a += policy.base * (weak ? 0.5 : 1) * ((n - 1) / (s.members.length - 1)) * Math.min(1, s.pairWeight / (policy.base / Math.log2(1 + s.members.length)));
  }
  return a;
}

const NOUNS: Record<IdentifierKind, [string, string]> = {
  payment_fp: ['card', 'cards'],
  ip: ['IP address', 'IP addresses'],
  subnet: ['subnet', 'subnets'],
  client: ['client fingerprint (TLS + user agent)', 'client fingerprints (TLS + user agent)'],
  email_domain: ['e-mail domain', 'e-mail domains'],
  email_pattern: ['e-mail address pattern', 'e-mail address patterns'],
  signup_ip: ['sign-up address', 'sign-up addresses'],
  cohort: ['sign-up window', 'sign-up windows'],
  schedule: ['activity schedule', 'activity schedules'],
  template: ['prompt template', 'prompt templates'],
};
const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const count = (n: number) => (n < WORDS.length ? WORDS[n] : n.toLocaleString('en-US'));

/** What members share, biggest first, and a sentence saying it. */
export function describeShared(size: number, members: Set<number>, shared: SharedIdentifier[]): { shared: RingShare[]; summary: string } {
  const out: RingShare[] = [];
  for (const s of shared) {
    let n = 0;
    for (const m of s.members) if (members.has(m)) n++;
    if (n >= 2) out.push({ kind: s.kind, value: s.value, accounts: n });
  }
  out.sort((a, b) => b.accounts - a.accounts);
  const byKind = new Map<IdentifierKind, { ids: number; covered: number }>();
  for (const s of out) {
    const k = byKind.get(s.kind) ?? { ids: 0, covered: 0 };
    k.ids++;
    k.covered = Math.max(k.covered, s.accounts);
    byKind.set(s.kind, k);
  }
  const parts = [...byKind.entries()]
    .sort((a, b) => b[1].covered - a[1].covered)
    .slice(0, 3)
    .map(([kind, k]) => `${count(k.ids)} ${NOUNS[kind][k.ids === 1 ? 0 : 1]}`);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0] ?? 'nothing';
  return { shared: out.slice(0, 200), summary: `${size.toLocaleString('en-US')} accounts share ${list}` };
}

/**
 * Ring score = the members' behaviour, discounted when the members are one
 * verified organisation (a company or a lab sharing a card and an egress is
 * legitimate structure, not fraud). Behaviour is the larger of
 * ramp(mean own score of members, lo, hi) and ramp(number of members that are
 * suspicious on their own, suspectsLo, suspectsHi): a network of hundreds
 * whose extraction is diluted with resold chat has a middling mean but many
 * suspicious members; a team of four sharing an office with none is a team.
 * Parameters live with the model weights.
 */
export interface RingScoring {
  meanOwnLo: number;
  meanOwnHi: number;
  /** Members with an own score of at least SUSPECT_OWN: from this many the count starts to count… */
  suspectsLo?: number;
  /** …and from this many it alone makes the ring's behaviour certain. Without them, only the mean counts. */
  suspectsHi?: number;
  /** Score × (1 − orgDiscount × share of members in the ring's largest org). */
  orgDiscount: number;
  /**
   * Score × (1 − verifiedDiscount × share of verified members). 0 in the
   * default weights: verification is already each member's own mitigating
   * evidence, and verified accounts of different organisations, or of none,
   * are not a company.
   */
  verifiedDiscount: number;
}

export interface MemberProfile {
  verified: boolean | null;
  orgId: string | null;
}

/** An own score from which a member counts as suspicious on its own. */
export const SUSPECT_OWN = 0.5;

const ramp = (x: number, lo: number, hi: number) => Math.max(0, Math.min(1, (x - lo) / (hi - lo)));

/** Prune until stable: dropping a member can weaken another's attachment. */
function prune(linkage: Linkage, index: Map<number, number[]>, group: Set<number>): Set<number> {
  let members = group;
  for (let pass = 0; pass < 4 && members.size >= 2; pass++) {
    const att = attachmentOf(linkage, index, members);
    const kept = new Set([...members].filter((m) => (att.get(m) ?? 0) >= floorOf(att)));
    if (kept.size === members.size) break;
    members = kept;
  }
  return members;
}

/** The attachment a member needs: MIN_ATTACHMENT, and not far below the ring's typical member. */
function floorOf(att: Map<number, number>): number {
  const sorted = [...att.values()].sort((a, b) => a - b);
  return Math.max(MIN_ATTACHMENT, RELATIVE_ATTACHMENT * (sorted[sorted.length >> 1] ?? 0));
}

/** One account's attachment to a set of members (as attachmentOf, for one account that may not be in it). */
function attachmentTo(linkage: Linkage, index: Map<number, number[]>, members: Set<number>, account: number): number {
  const count = (i: number) => {
    let n = 0;
    for (const m of linkage.shared[i].members) if (m === account || members.has(m)) n++;
    return n;
  };
  return accountAttachment(linkage, index.get(account) ?? [], count, (x) => x !== account && members.has(x));
}

/**
 * Louvain can leave a few accounts of a campaign in a community of their own
 * whose ties, counted inside it, are too weak to stand (two accounts on one
 * e-mail domain). Each such account joins the ring it is most firmly attached
 * to, if it is attached as firmly as that ring's members must be.
 */
function rehome(linkage: Linkage, index: Map<number, number[]>, rings: Set<number>[], orphans: number[]): void {
  const ringOf = new Map<number, number>();
  rings.forEach((r, i) => r.forEach((m) => ringOf.set(m, i)));
  for (let pass = 0, moved = true; pass < 3 && moved; pass++) {
    moved = false;
    // Each ring's floor as the pass starts (one account joining barely moves it).
    const floors = rings.map((r) => floorOf(attachmentOf(linkage, index, r)));
    for (const orphan of orphans) {
      if (ringOf.has(orphan)) continue;
      const near = new Set<number>();
      for (const i of index.get(orphan) ?? []) for (const m of linkage.shared[i].members) if (ringOf.has(m)) near.add(ringOf.get(m)!);
      let best = -1;
      let bestAttachment = 0;
      for (const r of near) {
        const a = attachmentTo(linkage, index, rings[r], orphan);
        if (a > bestAttachment && a >= floors[r]) {
          best = r;
          bestAttachment = a;
        }
      }
      if (best >= 0) {
        rings[best].add(orphan);
        ringOf.set(orphan, best);
        moved = true;
      }
    }
  }
}

/** Communities → rings (pruned, described, scored). Ids are stable for the same member set. */
export function findRings(
  linkage: Linkage,
  own: Map<number, number>,
  scoring: RingScoring,
  profileOf: (account: number) => MemberProfile & { accountId: string },
): Ring[] {
  const groups = new Map<number, Set<number>>();
  for (const [account, c] of linkage.community) {
    let g = groups.get(c);
    if (!g) groups.set(c, (g = new Set()));
    g.add(account);
  }
  const index = identifierIndex(linkage);
  const sets: Set<number>[] = [];
  const orphans: number[] = [];
  for (const group of groups.values()) {
    const members = prune(linkage, index, group);
    if (members.size >= 2) sets.push(members);
    for (const m of group) if (members.size < 2 || !members.has(m)) orphans.push(m);
  }
  rehome(linkage, index, sets, orphans);
  const rings: Ring[] = [];
  for (const members of sets) {
    const attachment = attachmentOf(linkage, index, members);
    const ids = [...members].sort((a, b) => a - b);
    const owns = ids.map((m) => own.get(m) ?? 0);
    const meanOwn = owns.reduce((s, x) => s + x, 0) / owns.length;
    const highShare = owns.filter((x) => x >= SUSPECT_OWN).length / owns.length;
    const { shared, summary } = describeShared(ids.length, members, linkage.shared);
    const profiles = ids.map(profileOf);
    const verifiedShare = profiles.filter((p) => p.verified).length / ids.length;
    // Only verified members make an organisation (an org id is self-declared);
    // the linkage says which one, a verified colleague without an org id on
    // the company's domain included (linkage.ts, verifiedOrganisations).
    const orgs = new Map<string, number>();
    ids.forEach((m, i) => {
      const p = profiles[i];
      const org = linkage.organisation ? linkage.organisation.get(m) : p.verified ? p.orgId : null;
      if (org) orgs.set(org, (orgs.get(org) ?? 0) + 1);
    });
    const orgShare = Math.max(0, ...orgs.values()) / ids.length;
    const suspects = owns.filter((x) => x >= SUSPECT_OWN).length;
    const behaviour = Math.max(
      ramp(meanOwn, scoring.meanOwnLo, scoring.meanOwnHi),
      scoring.suspectsLo !== undefined && scoring.suspectsHi !== undefined ? ramp(suspects, scoring.suspectsLo, scoring.suspectsHi) : 0,
    );
    rings.push({
      ringId: '',
      members: ids,
      attachment,
      shared,
      summary,
      meanOwn,
      highShare,
      verifiedShare,
      orgShare,
      score: behaviour * (1 - scoring.orgDiscount * orgShare) * (1 - scoring.verifiedDiscount * verifiedShare),
    });
  }
  // Stable ids: named after the smallest member's account id, so the same ring keeps its id across days.
  rings.sort((a, b) => b.members.length - a.members.length);
  for (const r of rings) r.ringId = `ring_${profileOf(r.members[0]).accountId}`;
  return rings;
}
