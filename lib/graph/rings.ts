/**
 * Rings: communities of the linkage graph, kept to the members that are
 * really attached (a node hanging on one weak link to a community is not a
 * member), described by what their members share, and scored from their
 * members' own behaviour.
 */
import type { IdentifierKind } from '../domain';
import type { Reason, ReasonCode } from '../domain/reason-codes';
import { KIND_POLICY } from '../domain/identifier-policy';
import { isWeak, type Linkage, type SharedIdentifier } from './linkage';
import { gatherOrganisations, organisationGroups } from './organisation-rings';
import { joinPieces } from './ring-pieces';

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
  /** The members' behaviour, discounted for one organisation: the score before the ring is judged as one actor. */
  memberScore: number;
  /** The ring's score: memberScore until lib/detect/judge-rings.ts judges the ring as one actor. */
  score: number;
  /** Ring-level reasons (the judgement's), largest first. */
  reasons: Reason[];
  /**
   * What the ring did together, without its members' own scores (the
   * judgement less RING_SUSPICIOUS_MEMBERS): what raises a member, whose own
   * score already counts its own behaviour. Absent until judged: then `score`.
   */
  collectiveScore?: number;
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

/**
 * What a set of members shares, counted from the members' side: how many of
 * them use each identifier, and how many hold each pair of "pieces" (the
 * bands of a schedule, identifiers of weight < 1). Everything about a ring
 * is read from these, so its cost is the members' identifiers, never the
 * full membership of every identifier they touch: at 16 M events (93 k
 * accounts, a 15,000-account ring, 1,771 rings) walking identifiers'
 * members made finding rings take 121 s (measured).
 */
export interface MemberCounts {
  inRing: Map<number, number>;
  piecePairs: Map<number, number>;
}

/** Keys of the pairs of pieces among an account's identifiers (ascending indices, so a pair has one key). */
function piecePairKeys(linkage: Linkage, ids: number[]): number[] {
  const pieces = ids.filter((i) => (linkage.shared[i].weight ?? 1) < 1).sort((x, y) => x - y);
  const keys: number[] = [];
  const n = linkage.shared.length;
  for (let x = 0; x < pieces.length; x++) for (let y = x + 1; y < pieces.length; y++) keys.push(pieces[x] * n + pieces[y]);
  return keys;
}

export function memberCounts(linkage: Linkage, index: Map<number, number[]>, members: Iterable<number>): MemberCounts {
  const counts: MemberCounts = { inRing: new Map(), piecePairs: new Map() };
  for (const m of members) addMember(linkage, index, counts, m);
  return counts;
}

function addMember(linkage: Linkage, index: Map<number, number[]>, counts: MemberCounts, m: number): void {
  const ids = index.get(m) ?? [];
  for (const i of ids) counts.inRing.set(i, (counts.inRing.get(i) ?? 0) + 1);
  for (const k of piecePairKeys(linkage, ids)) counts.piecePairs.set(k, (counts.piecePairs.get(k) ?? 0) + 1);
}

export function attachmentOf(linkage: Linkage, index: Map<number, number[]>, members: Set<number>, counts = memberCounts(linkage, index, members)): Map<number, number> {
  const out = new Map<number, number>();
  for (const m of members) out.set(m, attachmentTo(linkage, index, members, m, counts));
  return out;
}

/**
 * One account's attachment to a set of members (itself among them or not),
 * given the set's counts. Pieces of one fact (the bands of a schedule) that
 * the account shares with one same member in at least two pieces count as a
 * strong identifier of their kind: that member keeps the same schedule.
 * Pieces matched here and there by different members are chance, and only
 * corroborate.
 */
function attachmentTo(linkage: Linkage, index: Map<number, number[]>, members: Set<number>, account: number, counts: MemberCounts): number {
  const ids = index.get(account) ?? [];
  const self = members.has(account) ? 0 : 1;
  // A pair of the account's pieces held by another member: the account's own holding is in the count when it is a member.
  const agree = piecePairKeys(linkage, ids).some((k) => (counts.piecePairs.get(k) ?? 0) + self >= 2);
  let a = 0;
  for (const i of ids) {
    const s = linkage.shared[i];
    const n = (counts.inRing.get(i) ?? 0) + self;
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
  skeleton: ['paraphrased prompt skeleton', 'paraphrased prompt skeletons'],
};
const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const count = (n: number) => (n < WORDS.length ? WORDS[n] : n.toLocaleString('en-US'));

/** Members per identifier by walking every identifier (for callers without an index). */
function countInRing(members: Set<number>, shared: SharedIdentifier[]): Map<number, number> {
  const inRing = new Map<number, number>();
  shared.forEach((s, i) => {
    let n = 0;
    for (const m of s.members) if (members.has(m)) n++;
    if (n > 0) inRing.set(i, n);
  });
  return inRing;
}

/** What members share, biggest first (`inRing`: members per identifier index), and a sentence saying it. */
export function describeShared(
  size: number,
  members: Set<number>,
  shared: SharedIdentifier[],
  inRing: Map<number, number> = countInRing(members, shared),
): { shared: RingShare[]; summary: string } {
  const found = [...inRing].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const out: RingShare[] = found.map(([i, n]) => ({ kind: shared[i].kind, value: shared[i].value, accounts: n }));
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
  /** The ring judgement's bias and weights (lib/detect/judge-rings.ts); its defaults when absent. */
  bias?: number;
  weights?: Partial<Record<ReasonCode, number>>;
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
    const floor = floorOf(att); // once: it sorts every member's attachment
    const kept = new Set([...members].filter((m) => (att.get(m) ?? 0) >= floor));
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

/**
 * Louvain can leave a few accounts of a campaign in a community of their own
 * whose ties, counted inside it, are too weak to stand (two accounts on one
 * e-mail domain). Each such account joins the ring it is most firmly attached
 * to, if it is attached as firmly as that ring's members must be.
 */
function rehome(linkage: Linkage, index: Map<number, number[]>, rings: Set<number>[], orphans: number[]): void {
  const ringOf = new Map<number, number>();
  rings.forEach((r, i) => r.forEach((m) => ringOf.set(m, i)));
  const counts = rings.map((r) => memberCounts(linkage, index, r));
  // Rings by identifier, from the members' side (an identifier's own member list can run to thousands).
  const ringsOf = new Map<number, Set<number>>();
  const note = (m: number, r: number) => {
    for (const i of index.get(m) ?? []) {
      let set = ringsOf.get(i);
      if (!set) ringsOf.set(i, (set = new Set()));
      set.add(r);
    }
  };
  rings.forEach((ring, r) => ring.forEach((m) => note(m, r)));
  for (let pass = 0, moved = true; pass < 3 && moved; pass++) {
    moved = false;
    // Each ring's floor as the pass starts (one account joining barely moves it).
    const floors = rings.map((r, i) => floorOf(attachmentOf(linkage, index, r, counts[i])));
    for (const orphan of orphans) {
      if (ringOf.has(orphan)) continue;
      const near = new Set<number>();
      for (const i of index.get(orphan) ?? []) for (const r of ringsOf.get(i) ?? []) near.add(r);
      let best = -1;
      let bestAttachment = 0;
      for (const r of near) {
        const a = attachmentTo(linkage, index, rings[r], orphan, counts[r]);
        if (a > bestAttachment && a >= floors[r]) {
          best = r;
          bestAttachment = a;
        }
      }
      if (best >= 0) {
        rings[best].add(orphan);
        addMember(linkage, index, counts[best], orphan);
        note(orphan, best);
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
  const joined = linkage.identifiers ? joinPieces(sets, linkage.identifiers) : sets;
  gatherOrganisations(linkage, joined);
  const taken = new Set<number>();
  for (const set of joined) for (const m of set) taken.add(m);
  joined.push(...organisationGroups(linkage, taken));
  const rings: Ring[] = [];
  for (const members of joined) {
    const counts = memberCounts(linkage, index, members);
    const attachment = attachmentOf(linkage, index, members, counts);
    const ids = [...members].sort((a, b) => a - b);
    const owns = ids.map((m) => own.get(m) ?? 0);
    const meanOwn = owns.reduce((s, x) => s + x, 0) / owns.length;
    const highShare = owns.filter((x) => x >= SUSPECT_OWN).length / owns.length;
    const { shared, summary } = describeShared(ids.length, members, linkage.shared, counts.inRing);
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
      memberScore: behaviour * (1 - scoring.orgDiscount * orgShare) * (1 - scoring.verifiedDiscount * verifiedShare),
      score: behaviour * (1 - scoring.orgDiscount * orgShare) * (1 - scoring.verifiedDiscount * verifiedShare),
      reasons: [],
    });
  }
  // Stable ids: named after the smallest member's account id, so the same ring keeps its id across days.
  rings.sort((a, b) => b.members.length - a.members.length);
  for (const r of rings) r.ringId = `ring_${profileOf(r.members[0]).accountId}`;
  return rings;
}
