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

function bandKeys(set: number[]): string[] {
  const mins = SEEDS.map((seed) => {
    let m = 0xffffffff;
    for (const t of set) {
      const h = mix(t, seed);
      if (h < m) m = h;
    }
    return m;
  });
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) keys.push(`${b}:${mins.slice(b * ROWS, b * ROWS + ROWS).join(',')}`);
  return keys;
}

/** Account → its skeleton family's name (the family's most used template), for families of FAMILY_MIN or more. */
export function skeletonFamilies(features: Iterable<AccountFeatures>): Map<number, string> {
  const sets = recurringSets(features);
  const buckets = new Map<string, number[]>();
  for (const [account, set] of sets) {
    for (const key of bandKeys(set)) {
      const list = buckets.get(key);
      if (list) list.push(account);
      else buckets.set(key, [account]);
    }
  }
  const agree = new Map<number, number>();
  for (const list of buckets.values()) {
    if (list.length < 2 || list.length > BUCKET_MAX) continue;
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) {
      const key = pairKey(list[i], list[j]);
      agree.set(key, (agree.get(key) ?? 0) + 1);
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
  for (const [key, n] of agree) {
    if (n < AGREE) continue;
    const a = find(Math.floor(key / PAIR));
    const b = find(key % PAIR);
    if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
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
  return out;
}

const PAIR = 4194304;
const pairKey = (a: number, b: number) => (a < b ? a * PAIR + b : b * PAIR + a);

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
