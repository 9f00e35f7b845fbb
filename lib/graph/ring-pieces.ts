/**
 * Pieces of one network join into one ring. Louvain cuts a large, sparse
 * network — hundreds of accounts a few requests a day each, tied by facts
 * that are individually common — into many small communities. Two rings are
 * pieces of one network when the same facts run through both: a clear share
 * of each ring's members holds the same identifiers, for at least two kinds
 * of fact (the same skeleton and the same exits, the same skeleton and the
 * same sign-up waves), one of them a specific one (not merely a sign-up window or
 * a popular client, which unrelated crowds share).
 *
 * Read from every identifier the members hold, hubs included: a skeleton or
 * an exit too common to link two accounts can still say that two rings of
 * tens of accounts each run on it.
 */
import type { IdentifierKind } from '../domain';
import type { Identifier } from './identifiers';

/** Share of a ring's members that must hold a fact for it to run through the ring. */
export const PIECE_SHARE = 0.3;
/** Distinct kinds of fact two rings must share to be pieces of one network. */
export const PIECE_KINDS = 2;
/** A fact that counts towards its kind's share must itself be held by this share of each ring (one of a few waves, not one of seventy subnets). */
const KEY_SHARE = 0.1;
const KINDS: ReadonlySet<IdentifierKind> = new Set(['template', 'skeleton', 'subnet', 'ip', 'cohort', 'payment_fp', 'client', 'signup_ip', 'email_pattern', 'schedule']);
/** Facts common among unrelated crowds: they count towards the two kinds but cannot be the only specific one. */
const COMMON: ReadonlySet<IdentifierKind> = new Set(['cohort', 'client']);

interface Fact {
  kind: IdentifierKind;
  /** Members of the ring holding it. */
  n: number;
}

/** The facts a ring's members share: identifier key → kind and holders, for those held by two or more. */
function factsOf(members: Set<number>, identifiers: Map<number, Identifier[]>): Map<string, Fact> {
  const counts = new Map<string, Fact>();
  for (const m of members) {
    const seen = new Set<string>();
    for (const id of identifiers.get(m) ?? []) {
      // Pieces of one fact (a schedule's bands) say nothing one by one.
      if (!KINDS.has(id.kind) || (id.weight ?? 1) < 1) continue;
      const key = `${id.kind}\u0001${id.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const c = counts.get(key);
      if (c) c.n++;
      else counts.set(key, { kind: id.kind, n: 1 });
    }
  }
  for (const [key, c] of counts) if (c.n < 2) counts.delete(key);
  return counts;
}

/** Join rings that are pieces of one network (union–find over shared facts); returns the joined member sets. */
export function joinPieces(rings: Set<number>[], identifiers: Map<number, Identifier[]>): Set<number>[] {
  const facts = rings.map((r) => factsOf(r, identifiers));
  // Candidate pairs: rings through which one same fact runs; then the full test.
  const byFact = new Map<string, number[]>();
  facts.forEach((f, i) => {
    const need = rings[i].size * PIECE_SHARE;
    for (const [key, fact] of f) {
      if (fact.n < need) continue;
      const list = byFact.get(key);
      if (list) list.push(i);
      else byFact.set(key, [i]);
    }
  });
  const parent = rings.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const tested = new Set<number>();
  for (const list of byFact.values()) {
    if (list.length < 2 || list.length > 200) continue;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const a = list[x];
        const b = list[y];
        const key = a * rings.length + b;
        if (tested.has(key)) continue;
        tested.add(key);
        if (arePieces(facts[a], rings[a].size, facts[b], rings[b].size)) parent[find(a)] = find(b);
      }
    }
  }
  const groups = new Map<number, Set<number>>();
  rings.forEach((r, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) for (const m of r) g.add(m);
    else groups.set(root, new Set(r));
  });
  return [...groups.values()];
}

/**
 * Kinds of fact that run through both rings: for each kind, the identifiers
 * of it the two rings have in common, each held by KEY_SHARE of both, cover
 * PIECE_SHARE of each ring's members — one skeleton, or the same few sign-up
 * waves spread over both.
 */
function sharedKinds(a: Map<string, Fact>, sizeA: number, b: Map<string, Fact>, sizeB: number): Set<IdentifierKind> {
  const cover = new Map<IdentifierKind, [number, number]>();
  for (const [key, fa] of a) {
    const fb = b.get(key);
    if (!fb || fa.n < sizeA * KEY_SHARE || fb.n < sizeB * KEY_SHARE) continue;
    const c = cover.get(fa.kind) ?? [0, 0];
    cover.set(fa.kind, [c[0] + fa.n, c[1] + fb.n]);
  }
  const kinds = new Set<IdentifierKind>();
  for (const [kind, [na, nb]] of cover) if (na >= sizeA * PIECE_SHARE && nb >= sizeB * PIECE_SHARE) kinds.add(kind);
  return kinds;
}

function arePieces(a: Map<string, Fact>, sizeA: number, b: Map<string, Fact>, sizeB: number): boolean {
  const kinds = sharedKinds(a, sizeA, b, sizeB);
  return kinds.size >= PIECE_KINDS && [...kinds].some((k) => !COMMON.has(k));
}
