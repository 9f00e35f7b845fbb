/**
 * The linkage graph: accounts joined by the identifiers they share, each
 * identifier weighted by how specific it is, then cut into communities with
 * Louvain (graphology-communities-louvain).
 *
 * Specificity: an identifier shared by k accounts adds base(kind)/log2(1+k)
 * to each pair; shared by more than hubShare(kind) of the active accounts it
 * links nothing (a serverless platform's egress, a popular SDK's
 * fingerprint, a common e-mail provider): like a word in every document. Identifiers shared inside
 * one verified organisation are discounted: a company sharing a card and an
 * egress address is a company, not a ring. Verified accounts of different
 * organisations, or of none, sharing them are not a company, and are not
 * discounted.
 */
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import type { IdentifierKind } from '../domain';
import { hubLimit, KIND_POLICY } from '../domain/identifier-policy';
import type { AccountRow } from '../features/profiles';
import type { Identifier } from './identifiers';

/** Weak kinds, and identifiers that only corroborate, never make a link by themselves. */
export function isWeak(id: Identifier): boolean {
  return KIND_POLICY[id.kind].weak === true || id.corroborating === true;
}


/**
 * Above this many members an identifier joins its members through a hub
 * node (a star) rather than a clique: same total weight, linear in size, and
 * a star is something Louvain keeps whole (a sparse mesh it would cut).
 */
const CLIQUE_MAX = 24;

export interface SharedIdentifier extends Identifier {
  members: number[];
  /** Weight each pair of members gets from it. */
  pairWeight: number;
}

export interface Linkage {
  graph: Graph;
  shared: SharedIdentifier[];
  /** Communities: account → community id. */
  community: Map<number, number>;
  /** Verified accounts → their organisation (see verifiedOrganisations). */
  organisation?: Map<number, string>;
  /** Every identifier of every account, hubs included (ring-pieces.ts reads them). */
  identifiers?: Map<number, Identifier[]>;
}

/** Group accounts by identifier and weigh each shared one. */
export function sharedIdentifiers(
  byAccount: Map<number, Identifier[]>,
  accounts: Map<number, AccountRow>,
  orgOf: Map<number, string> = verifiedOrganisations(accounts),
): SharedIdentifier[] {
  const index = new Map<string, { id: Identifier; members: number[] }>();
  for (const [account, ids] of byAccount) {
    for (const id of ids) {
      const key = `${id.kind}\u0001${id.value}`;
      let e = index.get(key);
      if (!e) index.set(key, (e = { id, members: [] }));
      if (e.members[e.members.length - 1] !== account) e.members.push(account);
    }
  }
  const out: SharedIdentifier[] = [];
  for (const { id, members } of index.values()) {
    const policy = KIND_POLICY[id.kind];
    if (members.length < 2 || members.length > hubLimit(id.kind, byAccount.size)) continue;
    const pairWeight = ((policy.base * (id.weight ?? 1)) / Math.log2(1 + members.length)) * organisationDiscount(members, orgOf);
    out.push({ ...id, members, pairWeight });
  }
  return out;
}

/**
 * Sharing within one verified organisation is ordinary: a company's staff
 * share a card, an egress address, a client. The discount needs nearly all
 * of an identifier's accounts to be verified accounts of the same
 * organisation (see verifiedOrganisations). Verified accounts of different
 * organisations, or of none, sharing a card or a datacenter subnet are not a
 * company: verification alone earns no discount here (it is each account's
 * own mitigating evidence, and campaigns pass it too).
 */
export function organisationDiscount(members: number[], orgOf: Map<number, string>): number {
  const orgs = new Map<string, number>();
  for (const m of members) {
    const org = orgOf.get(m);
    if (org !== undefined) orgs.set(org, (orgs.get(org) ?? 0) + 1);
  }
  const topOrg = Math.max(0, ...orgs.values());
  return topOrg >= members.length * ORG_MAJORITY ? ORG_DISCOUNT : 1;
}

/** Share of an identifier's accounts that must be one verified organisation for the discount… */
export const ORG_MAJORITY = 0.8;
/** …and the factor it then applies to the identifier's weight. */
export const ORG_DISCOUNT = 0.1;

/**
 * The organisation of each verified account: its org id or, lacking one, the
 * organisation its e-mail domain belongs to — a domain on which every
 * verified account that names an organisation names the same one, and those
 * are at least half of the domain's verified accounts (a company's domain;
 * not a mail provider many people use, nor a domain no organisation vouches
 * for). Unverified accounts belong to none: an org id is self-declared, and a
 * campaign must not escape by claiming one; a verified one inherits nothing
 * it could not have claimed itself.
 */
export function verifiedOrganisations(accounts: Map<number, AccountRow>): Map<number, string> {
  const domains = new Map<string, { org: string | null; named: number; verified: number }>();
  for (const a of accounts.values()) {
    if (!a.verified || !a.emailDomain) continue;
    let d = domains.get(a.emailDomain);
    if (!d) domains.set(a.emailDomain, (d = { org: null, named: 0, verified: 0 }));
    d.verified++;
    if (!a.orgId) continue;
    if (d.named === 0) d.org = a.orgId;
    else if (d.org !== a.orgId) d.org = null;
    d.named++;
  }
  const out = new Map<number, string>();
  for (const a of accounts.values()) {
    if (!a.verified) continue;
    if (a.orgId) {
      out.set(a.id, a.orgId);
      continue;
    }
    const d = a.emailDomain ? domains.get(a.emailDomain) : undefined;
    if (d?.org && d.named * 2 >= d.verified) out.set(a.id, d.org);
  }
  return out;
}

/** Deterministic pseudo-random numbers for Louvain (same input, same rings). */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pairKey = (a: number, b: number) => (a < b ? a * 4194304 + b : b * 4194304 + a);

/** Strong identifiers make links: cliques when small; large ones become hubs (see hubEdges). */
function strongLinks(shared: SharedIdentifier[]): Map<number, number> {
  const weights = new Map<number, number>();
  const add = (a: number, b: number, w: number) => {
    if (a === b) return;
    const key = pairKey(a, b);
    weights.set(key, (weights.get(key) ?? 0) + w);
  };
  for (const s of shared) {
    if (isWeak(s) || s.members.length > CLIQUE_MAX) continue;
    const m = s.members;
    for (let i = 0; i < m.length; i++) for (let j = i + 1; j < m.length; j++) add(m[i], m[j], s.pairWeight);
  }
  return weights;
}

/** A large strong identifier as a hub node: each member–hub edge carries (k−1)/2 pair weights. */
function addHubs(graph: Graph, shared: SharedIdentifier[]): void {
  shared.forEach((s, i) => {
    if (isWeak(s) || s.members.length <= CLIQUE_MAX) return;
    const hub = `${HUB_PREFIX}${i}`;
    graph.addNode(hub);
    const w = (s.pairWeight * (s.members.length - 1)) / 2;
    for (const m of s.members) {
      if (!graph.hasNode(m)) graph.addNode(m);
      graph.addEdge(m, hub, { weight: w });
    }
  });
}

/** Graph nodes that stand for a large identifier, not an account. */
export const HUB_PREFIX = 'hub:';

/**
 * Independent weak coincidences compound: one shared subnet, e-mail domain,
 * sign-up window, prompt template or set of active hours is common among
 * unrelated accounts, but three of them at once is not. Pairs that share at
 * least COMPOUND_FACTS distinct weak facts get a link (its weight is what
 * `corroborate` then adds); an e-mail domain and an address pattern at that
 * domain are one fact. Only identifiers shared by at most COMPOUND_MAX accounts
 * take part (pairs are enumerated; bigger ones say little about a pair).
 */
export const COMPOUND_FACTS = 3;
const COMPOUND_MAX = 64;

function factOf(s: SharedIdentifier): number {
  return 1 << KIND_BITS[s.kind === 'email_pattern' ? 'email_domain' : s.kind];
}
const KIND_BITS = Object.fromEntries(Object.keys(KIND_POLICY).map((k, i) => [k, i])) as Record<IdentifierKind, number>;

function compoundLinks(weights: Map<number, number>, shared: SharedIdentifier[]): void {
  const facts = new Map<number, number>();
  for (const s of shared) {
    if (!isWeak(s) || s.members.length > COMPOUND_MAX) continue;
    const bit = factOf(s);
    const m = s.members;
    for (let i = 0; i < m.length; i++) {
      for (let j = i + 1; j < m.length; j++) {
        const key = pairKey(m[i], m[j]);
        if (!weights.has(key)) facts.set(key, (facts.get(key) ?? 0) | bit);
      }
    }
  }
  for (const [key, mask] of facts) if (popcount(mask) >= COMPOUND_FACTS) weights.set(key, 0);
}

function popcount(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

/**
 * Pieces of one fact (the MinHash bands of a schedule, each carrying a
 * share of its kind's weight) link a pair that shares at least two of them:
 * their schedules coincide closely, not by chance. One band alone only
 * corroborates. The link's weight is what `corroborate` then adds.
 */
function agreeingPieces(weights: Map<number, number>, shared: SharedIdentifier[]): void {
  const pieces = new Map<number, number>();
  for (const s of shared) {
    if ((s.weight ?? 1) >= 1 || s.members.length > COMPOUND_MAX) continue;
    const m = s.members;
    for (let i = 0; i < m.length; i++) {
      for (let j = i + 1; j < m.length; j++) {
        const key = pairKey(m[i], m[j]);
        if (!weights.has(key)) pieces.set(key, (pieces.get(key) ?? 0) + 1);
      }
    }
  }
  for (const [key, n] of pieces) if (n >= 2) weights.set(key, 0);
}

/** Weak identifiers strengthen existing links between accounts that share them. */
function corroborate(weights: Map<number, number>, shared: SharedIdentifier[]): void {
  const weakOf = new Map<number, Map<number, number>>();
  shared.forEach((s, i) => {
    if (!isWeak(s)) return;
    for (const m of s.members) {
      let w = weakOf.get(m);
      if (!w) weakOf.set(m, (w = new Map()));
      w.set(i, s.pairWeight);
    }
  });
  for (const [key, w] of weights) {
    const a = weakOf.get(Math.floor(key / 4194304));
    const b = weakOf.get(key % 4194304);
    if (!a || !b) continue;
    let extra = 0;
    for (const [i, pw] of a) if (b.has(i)) extra += pw;
    if (extra > 0) weights.set(key, w + extra);
  }
}

export function buildLinkage(byAccount: Map<number, Identifier[]>, accounts: Map<number, AccountRow>): Linkage {
  const organisation = verifiedOrganisations(accounts);
  const shared = sharedIdentifiers(byAccount, accounts, organisation);
  const weights = strongLinks(shared);
  compoundLinks(weights, shared);
  agreeingPieces(weights, shared);
  corroborate(weights, shared);
  const graph = new Graph({ type: 'undirected' });
  for (const [key, w] of weights) {
    const a = Math.floor(key / 4194304);
    const b = key % 4194304;
    if (!graph.hasNode(a)) graph.addNode(a);
    if (!graph.hasNode(b)) graph.addNode(b);
    graph.addEdge(a, b, { weight: w });
  }
  addHubs(graph, shared);
  const community = new Map<number, number>();
  if (graph.order > 0) {
    const mapping = louvain(graph, { getEdgeWeight: 'weight', rng: seeded(7), resolution: 0.3 });
    for (const [node, c] of Object.entries(mapping)) if (!node.startsWith(HUB_PREFIX)) community.set(Number(node), c);
  }
  return { graph, shared, community, organisation, identifiers: byAccount };
}
