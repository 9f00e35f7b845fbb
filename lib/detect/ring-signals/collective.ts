/**
 * A ring's collective behaviour: its members' window features added up, and
 * what their account records show together. A network built so that no
 * single account looks like much is still one actor, and the sum says what
 * that actor harvested, how it is supplied and how it was set up.
 */
import { CAPABILITIES } from '../../domain';
import type { AccountFeatures } from '../../features/account-features';
import type { AccountRow } from '../../features/profiles';

export interface RingCollective {
  /** Members with events in the window. */
  members: number;
  events: number;
  inputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  longAnswers: number;
  longToShort: number;
  singleLong: number;
  hosted: number;
  campus: number;
  /** Exchanges that carry tools or end in a tool call. */
  toolUse: number;
  followUps: number;
  withTurn: number;
  capabilities: Float64Array;
  longByCapability: Float64Array;
  /** Template → members for which it is a main template (≥ MAIN_TEMPLATE_SHARE of their traffic). */
  templateMembers: Map<number, number>;
  /** Paraphrased-skeleton family → members in it (lib/graph/skeleton-families.ts). */
  skeletonMembers: Map<string, number>;
  /** Sign-up times of the members that give one, ascending. */
  signups: number[];
  /** Card → members on it. */
  cards: Map<string, number>;
  /** Members' own scores (behaviour alone), for the suspicious-members signal. */
  own: number[];
  /**
   * Members on the staff of a verified organisation with two or more members
   * in the ring, and how many such organisations there are. An organisation
   * whose card is also someone else's — another organisation's, or an
   * account of none — is not a company keeping to itself, and counts for
   * nothing here.
   */
  organisationStaff: number;
  organisations: number;
  /** Members of verified organisations that pay with a card another organisation also uses, and how many such organisations. */
  frontStaff: number;
  fronts: number;
  /** All members, active in the window or not. */
  size: number;
}

/** A template is one of a member's main ones when it carries this share of its traffic. */
export const MAIN_TEMPLATE_SHARE = 0.1;

export interface CollectiveInput {
  members: readonly number[];
  features: (m: number) => AccountFeatures | undefined;
  account: (m: number) => AccountRow | undefined;
  own: (m: number) => number;
  organisation: (m: number) => string | null;
  skeleton?: (m: number) => string | null;
}

export function collectiveOf(input: CollectiveInput): RingCollective {
  const c: RingCollective = {
    members: 0, events: 0, inputTokens: 0, outputTokens: 0, reasoningTokens: 0, longAnswers: 0, longToShort: 0,
    singleLong: 0, hosted: 0, campus: 0, toolUse: 0, followUps: 0, withTurn: 0, capabilities: new Float64Array(CAPABILITIES.length), longByCapability: new Float64Array(CAPABILITIES.length),
    templateMembers: new Map(), skeletonMembers: new Map(), signups: [], cards: new Map(), own: [], organisationStaff: 0, organisations: 0, frontStaff: 0, fronts: 0, size: input.members.length,
  };
  const orgs = new Map<string, number>();
  const cardHolders = new Map<string, Set<string | null>>();
  for (const m of input.members) {
    const a = input.account(m);
    if (a?.createdAt != null) c.signups.push(a.createdAt);
    const org = input.organisation(m);
    if (org) orgs.set(org, (orgs.get(org) ?? 0) + 1);
    if (a?.paymentFp) {
      c.cards.set(a.paymentFp, (c.cards.get(a.paymentFp) ?? 0) + 1);
      let holders = cardHolders.get(a.paymentFp);
      if (!holders) cardHolders.set(a.paymentFp, (holders = new Set()));
      holders.add(org);
    }
    c.own.push(input.own(m));
    const family = input.skeleton?.(m);
    if (family) c.skeletonMembers.set(family, (c.skeletonMembers.get(family) ?? 0) + 1);
    const f = input.features(m);
    if (!f || f.n === 0) continue;
    addMember(c, f);
  }
  countStaff(c, orgs, cardHolders);
  c.signups.sort((x, y) => x - y);
  return c;
}

/**
 * Staff of organisations that keep to themselves: an organisation sharing a
 * card with anyone outside it — another organisation, or an account of none —
 * is not a company keeping to itself.
 */
function countStaff(c: RingCollective, orgs: Map<string, number>, cardHolders: Map<string, Set<string | null>>): void {
  const sharing = new Set<string | null>();
  const acrossOrganisations = new Set<string | null>();
  for (const holders of cardHolders.values()) {
    if (holders.size < 2) continue;
    for (const o of holders) sharing.add(o);
    if ([...holders].filter((o) => o !== null).length >= 2) for (const o of holders) acrossOrganisations.add(o);
  }
  for (const [org, n] of orgs) {
    if (acrossOrganisations.has(org)) {
      c.frontStaff += n;
      c.fronts++;
    }
    if (n < 2 || sharing.has(org)) continue;
    c.organisationStaff += n;
    c.organisations++;
  }
}

function addMember(c: RingCollective, f: AccountFeatures): void {
  c.members++;
  c.events += f.n;
  c.inputTokens += f.inputTokens;
  c.outputTokens += f.outputTokens;
  c.reasoningTokens += f.reasoningTokens;
  c.longAnswers += f.longAnswers;
  c.longToShort += f.longToShort;
  c.singleLong += f.singleLong;
  c.hosted += f.hosted;
  c.campus += f.campus;
  c.toolUse += f.toolUse;
  c.followUps += f.followUps;
  c.withTurn += f.withTurn;
  f.capabilities.forEach((n, i) => (c.capabilities[i] += n));
  f.longByCapability.forEach((n, i) => (c.longByCapability[i] += n));
  for (const [t, n] of f.templates) {
    if (n >= 2 && n >= f.n * MAIN_TEMPLATE_SHARE) c.templateMembers.set(t, (c.templateMembers.get(t) ?? 0) + 1);
  }
}
