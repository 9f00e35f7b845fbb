/**
 * Pieces of one network join into one ring. Louvain cuts a large, sparse
 * network — hundreds of accounts a few requests a day each, tied by facts
 * that are individually common — into many small communities. Two rings are
 * pieces of one network when the same facts run through both: a clear share
 * of each ring's members holds the same identifier, for at least two kinds
 * of fact (the same skeleton and the same exits, the same exits and the same
 * sign-up wave), one of them a specific one (not merely a sign-up window or
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
const KINDS: ReadonlySet<IdentifierKind> = new Set(['template', 'subnet', 'ip', 'cohort', 'payment_fp', 'client', 'signup_ip', 'email_pattern', 'schedule']);
/** Facts common among unrelated crowds: they count towards the two kinds but cannot be the only specific one. */
const COMMON: ReadonlySet<IdentifierKind> = new Set(['cohort', 'client']);

/** The facts running through a ring: identifier key → kind, for those held by PIECE_SHARE of its members. */
function factsOf(members: Set<number>, identifiers: Map<number, Identifier[]>): Map<string, IdentifierKind> {
  const counts = new Map<string, { kind: IdentifierKind; n: number }>();
  for (const m of members) {
    const seen = new Set<string>();
    for (const id of identifiers.get(m) ?? []) {
      if (!KINDS.has(id.kind) || id.corroborating) continue;
      const key = `${id.kind}\u0001${id.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const c = counts.get(key);
      if (c) c.n++;
      else counts.set(key, { kind: id.kind, n: 1 });
    }
  }
  const need = Math.max(2, members.size * PIECE_SHARE);
  const out = new Map<string, IdentifierKind>();
  for (const [key, c] of counts) if (c.n >= need) out.set(key, c.kind);
  return out;
}

/** Join rings that are pieces of one network (union–find over shared facts); returns the joined member sets. */
export function joinPieces(rings: Set<number>[], identifiers: Map<number, Identifier[]>): Set<number>[] {
  const facts = rings.map((r) => factsOf(r, identifiers));
  const byFact = new Map<string, number[]>();
  facts.forEach((f, i) => {
    for (const key of f.keys()) {
      const list = byFact.get(key);
      if (list) list.push(i);
      else byFact.set(key, [i]);
    }
  });
  const parent = rings.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  // Candidate pairs: rings that share at least one fact; then the full test.
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
        if (arePieces(facts[a], facts[b])) parent[find(a)] = find(b);
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

function arePieces(a: Map<string, IdentifierKind>, b: Map<string, IdentifierKind>): boolean {
  const kinds = new Set<IdentifierKind>();
  for (const [key, kind] of a) if (b.has(key)) kinds.add(kind);
  return kinds.size >= PIECE_KINDS && [...kinds].some((k) => !COMMON.has(k));
}
