/**
 * Prompt skeletons that survive paraphrase. A harvesting script that
 * paraphrases every slot of its request ("I'm putting together revision
 * notes…", "Drafting flashcards, topic: …", "Write the model answer…", "Give
 * the full model answer…") splits one template into dozens, none of them a
 * main template of any account. What it cannot hide is that its accounts
 * draw on the same set of variants: two accounts of the script share most of
 * the templates they use more than once, while unrelated accounts share few.
 *
 * So each account's recurring templates (used at least twice, and not so
 * common that a tenth of all accounts use them — "what is *?") form a set;
 * MinHash estimates how much two sets overlap (Jaccard), and locality-
 * sensitive hashing finds the pairs that agree on at least AGREE of BANDS
 * bands without comparing every pair. Accounts joined by such pairs make one
 * skeleton family. A family is a fact like a template — common among crowds
 * that use one curriculum or app — so on its own it only corroborates; sent
 * from the same exits it is specific.
 */
import type { AccountFeatures } from '../features/account-features';
import type { Identifier } from './identifiers';

/** A template is part of an account's recurring set when it sends it at least this often… */
const MIN_USES = 2;
/** …and it is not used that often by more than this share of active accounts. */
const COMMON_SHARE = 0.1;
/** Accounts with fewer recurring templates say too little to compare. */
const MIN_SET = 3;
const ROWS = 2;
const BANDS = 12;
/** Bands two accounts must agree on: about a Jaccard similarity of 0.4 and more. */
const AGREE = 4;
/** A band bucket this large is a skeleton too common to tell accounts apart: not compared pairwise. */
const BUCKET_MAX = 4000;
/** In a bucket larger than this, each account is compared with this many neighbours, not with all. */
const NEIGHBOURS = 24;
/** A template is in a family's pool when at least this share of the accounts that send it are the family's. */
const POOL_OWN = 0.8;
/** An account joins a family when at least this share of its items that others send too are from the family's pool… */
const POOL_SHARE = 0.1;
/** …and at least this many of them. */
const POOL_MIN_TEMPLATES = 4;
/** A family this small is a fragment: its members join a larger family whose pool they draw on. */
const FRAGMENT = 10;
/** Families smaller than this are left to the account's own templates. */
const FAMILY_MIN = 3;

const SEEDS = Array.from({ length: ROWS * BANDS }, (_, i) => Math.imul(0x9e3779b1, i + 1));

function mix(x: number, seed: number): number {
  let h = Math.imul(x ^ seed, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Each account's recurring, not-too-common templates. */
export function recurringSets(features: Iterable<AccountFeatures>): Map<number, number[]> {
  const all = [...features];
  const users = new Map<number, number>();
  for (const f of all) for (const [t, n] of f.templates) if (n >= MIN_USES) users.set(t, (users.get(t) ?? 0) + 1);
  const common = Math.max(2, all.length * COMMON_SHARE);
  const out = new Map<number, number[]>();
  for (const f of all) {
    const set: number[] = [];
    for (const [t, n] of f.templates) {
      const u = users.get(t) ?? 0;
      if (n >= MIN_USES && u >= 2 && u <= common) set.push(t);
    }
    if (set.length >= MIN_SET) out.set(f.account, set);
  }
  return out;
}

/** The set's MinHash signature: ROWS × BANDS minima, one per seed. */
function signature(set: number[]): Uint32Array {
  const mins = new Uint32Array(SEEDS.length);
  SEEDS.forEach((seed, i) => {
    let m = 0xffffffff;
    for (const t of set) {
      const h = mix(t, seed);
      if (h < m) m = h;
    }
    mins[i] = m;
  });
  return mins;
}

const bandKey = (b: number, sig: Uint32Array) => `${b}:${sig.subarray(b * ROWS, b * ROWS + ROWS).join(',')}`;

/** Bands on which two signatures agree (on a band, agreeing is sharing its bucket). */
function bandsAgreeing(a: Uint32Array, b: Uint32Array): number {
  let n = 0;
  for (let band = 0; band < BANDS; band++) {
    let same = true;
    for (let r = band * ROWS; r < band * ROWS + ROWS; r++) if (a[r] !== b[r]) same = false;
    if (same) n++;
  }
  return n;
}

/**
 * Candidate pairs from a bucket: every pair when the bucket is small; in a
 * large one each account meets only its NEIGHBOURS next accounts in an order
 * that differs per band. Counting every pair of a 4,000-account bucket was
 * the quadratic part of detection at 16 M events; a family that shares a
 * bucket is connected as well by a chain of neighbours, and its accounts meet
 * different neighbours in each of the twelve bands.
 */
function* candidatePairs(list: number[], band: number): Generator<[number, number]> {
  if (list.length <= NEIGHBOURS + 1) {
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) yield [list[i], list[j]];
    return;
  }
  const order = [...list].sort((x, y) => mix(x, SEEDS[band]) - mix(y, SEEDS[band]) || x - y);
  for (let i = 0; i < order.length; i++) for (let k = 1; k <= NEIGHBOURS; k++) yield [order[i], order[(i + k) % order.length]];
}

/** Account → its skeleton family's name (the family's most used template), for families of FAMILY_MIN or more. */
export function skeletonFamilies(features: Iterable<AccountFeatures>): Map<number, string> {
  const all = [...features];
  const sets = recurringSets(all);
  const signatures = new Map<number, Uint32Array>();
  const buckets = new Map<string, { band: number; list: number[] }>();
  for (const [account, set] of sets) {
    const sig = signature(set);
    signatures.set(account, sig);
    for (let band = 0; band < BANDS; band++) {
      const key = bandKey(band, sig);
      const bucket = buckets.get(key);
      if (bucket) bucket.list.push(account);
      else buckets.set(key, { band, list: [account] });
    }
  }
  const parent = new Map<number, number>([...sets.keys()].map((a) => [a, a]));
  const find = (x: number): number => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let y = x; y !== root; ) {
      const next = parent.get(y)!;
      parent.set(y, root);
      y = next;
    }
    return root;
  };
  for (const { band, list } of buckets.values()) {
    if (list.length < 2 || list.length > BUCKET_MAX) continue;
    for (const [x, y] of candidatePairs(list, band)) {
      const a = find(x);
      const b = find(y);
      if (a === b || bandsAgreeing(signatures.get(x)!, signatures.get(y)!) < AGREE) continue;
      parent.set(Math.max(a, b), Math.min(a, b));
    }
  }
  const families = new Map<number, number[]>();
  for (const account of parent.keys()) {
    const root = find(account);
    const f = families.get(root);
    if (f) f.push(account);
    else families.set(root, [account]);
  }
  const out = new Map<number, string>();
  for (const members of families.values()) {
    if (members.length < FAMILY_MIN) continue;
    const name = `skeleton family ${(mostUsed(members, sets) >>> 0).toString(16)}`;
    for (const m of members) out.set(m, name);
  }
  joinByPool(all, out);
  return out;
}

/** Marks a system prompt's fingerprint apart from the user turns' template fingerprints. */
const SYSTEM_ITEM = 0x5bd1e995;

/**
 * What a pool is made of: an account's user-turn templates and its system
 * prompts. An adversary who moves the instructions into the system prompt
 * leaves the bare task as the template — shared with everyone who asks about
 * the same topics — and takes the script's wording with it.
 */
function* poolItems(f: AccountFeatures): Generator<number> {
  yield* f.templates.keys();
  for (const system of f.systemPrompts.keys()) yield (system ^ SYSTEM_ITEM) | 0;
}

/**
 * An account that sends each of a script's variants once has no recurring
 * set, so the pairwise step cannot see it — and a network that halves each
 * account's volume while doubling its accounts makes most of them so. What
 * it still cannot hide is where its templates and system prompts come from:
 * a family's *pool* is the items that nearly only the family sends
 * (POOL_OWN of their senders, at least FAMILY_MIN members). An account
 * outside any family, or in a FRAGMENT split off a family for want of
 * recurring templates in common, joins the family it draws at least
 * POOL_MIN_TEMPLATES pool items from, and at least POOL_SHARE of the items
 * it sends that somebody else sends too (its own one-off messages — resold
 * end-user chat — say nothing either way; topics everybody asks about only
 * dilute). Crowds that share a curriculum or a framework's prompts draw on
 * items many outsiders send too, so their pools are small or empty.
 */
function joinByPool(all: AccountFeatures[], families: Map<number, string>): void {
  if (families.size === 0) return;
  const senders = new Map<number, { total: number; byFamily: Map<string, number> }>();
  for (const f of all) {
    const family = families.get(f.account);
    for (const t of poolItems(f)) {
      let e = senders.get(t);
      if (!e) senders.set(t, (e = { total: 0, byFamily: new Map() }));
      e.total++;
      if (family) e.byFamily.set(family, (e.byFamily.get(family) ?? 0) + 1);
    }
  }
  const poolOf = new Map<number, string>();
  for (const [t, e] of senders) {
    for (const [family, n] of e.byFamily) if (n >= FAMILY_MIN && n >= POOL_OWN * e.total) poolOf.set(t, family);
  }
  if (poolOf.size === 0) return;
  const common = Math.max(2, all.length * COMMON_SHARE);
  const sizes = new Map<string, number>();
  for (const family of families.values()) sizes.set(family, (sizes.get(family) ?? 0) + 1);
  for (const f of all) {
    const own = families.get(f.account);
    if (own !== undefined && (sizes.get(own) ?? 0) >= FRAGMENT) continue;
    // Only templates somebody else sends too: an account's own one-off messages (resold end-user chat) say nothing either way.
    let sharedTemplates = 0;
    const hits = new Map<string, number>();
    for (const t of poolItems(f)) {
      const total = senders.get(t)?.total ?? 0;
      if (total < 2 || total > common) continue;
      sharedTemplates++;
      const family = poolOf.get(t);
      if (family) hits.set(family, (hits.get(family) ?? 0) + 1);
    }
    if (sharedTemplates < POOL_MIN_TEMPLATES) continue;
    let best: string | null = null;
    let bestN = 0;
    for (const [family, n] of hits) if (n > bestN || (n === bestN && best !== null && family < best)) [best, bestN] = [family, n];
    if (best !== null && best !== own && (sizes.get(best) ?? 0) >= FRAGMENT && bestN >= POOL_MIN_TEMPLATES && bestN >= POOL_SHARE * sharedTemplates) {
      families.set(f.account, best);
    }
  }
}

/** The template most members of a family send (ties: the smallest), naming the family stably. */
function mostUsed(members: number[], sets: Map<number, number[]>): number {
  const counts = new Map<number, number>();
  for (const m of members) for (const t of sets.get(m) ?? []) counts.set(t, (counts.get(t) ?? 0) + 1);
  let best = 0;
  let bestN = -1;
  for (const [t, n] of counts) if (n > bestN || (n === bestN && t >>> 0 < best >>> 0)) [best, bestN] = [t, n];
  return best;
}

/**
 * The identifiers a family gives its accounts: the family itself (it only
 * corroborates, like a template) and, for each subnet the account sends from,
 * the family from that subnet (specific: the same paraphrasing script on the
 * same exits).
 */
export function familyIdentifiers(family: string, own: readonly Identifier[]): Identifier[] {
  const out: Identifier[] = [{ kind: 'skeleton', value: family, corroborating: true }];
  for (const id of own) if (id.kind === 'subnet') out.push({ kind: 'skeleton', value: `${family} from ${id.value}` });
  return out;
}
