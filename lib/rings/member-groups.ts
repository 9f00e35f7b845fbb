/**
 * Structure in a big ring: its members grouped by the identifier they share,
 * for the ring graph's compound nodes ("148 accounts on card pm_…") and the
 * case file's ring figure. Chosen on the server, so the page's first frame
 * draws a few dozen groups instead of thousands of accounts.
 *
 * The rule: each member goes to the group of its most-shared identifier (the
 * one the most members use) — of its cards, sign-up addresses and subnets
 * first (HARD_KINDS), then of the softer kinds — among the identifiers that split the ring —
 * one that more than half the members use describes the whole ring, not a
 * part of it (every member on one client fingerprint is one group of
 * everyone, which shows nothing). Ties go to the stronger kind (a card before
 * a subnet before an e-mail domain…), then to the smaller value. A group
 * that ends up with fewer than `minSize` members is dissolved and its members
 * try their next identifier, until every group left holds at least
 * `minSize`; members with none left stay plain nodes.
 *
 * Pure and deterministic: the same members and uses give the same groups.
 */

/** Identifier kinds members are grouped by, strongest first (the tie-break). */
export const GROUP_KINDS = ['payment_fp', 'signup_ip', 'subnet', 'email_domain', 'email_pattern', 'client', 'ip', 'cohort'] as const;
/**
 * Infrastructure an operator pays for or controls: a member is grouped by the
 * most shared of these first, and by the softer kinds (an e-mail domain, a
 * client's software, a sign-up cohort, which unrelated people share too)
 * only when it has none that holds a group.
 */
export const HARD_KINDS: readonly string[] = ['payment_fp', 'signup_ip', 'subnet'];

/** Rings with fewer members are drawn account by account. */
export const GROUP_FROM_MEMBERS = 150;
/** Smallest group kept: below it the members stay plain nodes. */
export const GROUP_MIN_SIZE = 8;
/** An identifier that more than this share of the members use describes the whole ring and groups nobody. */
export const RING_WIDE_SHARE = 0.5;

export interface GroupableIdentifier {
  /** Identifier node id (`i:<kind>:<value>`). */
  id: string;
  kind: string;
  value: string;
}

export interface MemberGroup {
  /** Node id of the group: `g:` + the identifier's node id. */
  id: string;
  /** The identifier's node id. */
  identifier: string;
  kind: string;
  value: string;
  /** Account node ids, in the order given. */
  members: string[];
}

export interface Grouping {
  groups: MemberGroup[];
  /** Account node id → group id, for grouped members only. */
  groupOf: Map<string, string>;
}

export interface GroupOptions {
  minSize?: number;
  ringWideShare?: number;
  /** Below this many members nothing is grouped. */
  fromMembers?: number;
}

export const groupNodeId = (identifierId: string) => `g:${identifierId}`;

const kindRank = (kind: string) => {
  const i = (GROUP_KINDS as readonly string[]).indexOf(kind);
  return i < 0 ? GROUP_KINDS.length : i;
};

/**
 * Groups `members` (account node ids) by the identifiers they use
 * (`uses`: account node id → identifier node id, any order, duplicates ignored).
 */
export function groupMembers(
  members: readonly string[],
  identifiers: readonly GroupableIdentifier[],
  uses: readonly { source: string; target: string }[],
  opts: GroupOptions = {},
): Grouping {
  const minSize = Math.max(2, opts.minSize ?? GROUP_MIN_SIZE);
  const wide = opts.ringWideShare ?? RING_WIDE_SHARE;
  const from = opts.fromMembers ?? GROUP_FROM_MEMBERS;
  const empty: Grouping = { groups: [], groupOf: new Map() };
  if (members.length < from) return empty;

  const memberSet = new Set(members);
  const byId = new Map<string, GroupableIdentifier>();
  for (const i of identifiers) if (kindRank(i.kind) < GROUP_KINDS.length) byId.set(i.id, i);
  // Each member's candidate identifiers, and how many members use each.
  const usersOf = new Map<string, Set<string>>();
  for (const u of uses) {
    if (!memberSet.has(u.source) || !byId.has(u.target)) continue;
    let s = usersOf.get(u.target);
    if (!s) usersOf.set(u.target, (s = new Set()));
    s.add(u.source);
  }
  const limit = Math.floor(members.length * wide);
  const reach = new Map<string, number>();
  for (const [id, users] of usersOf) if (users.size >= minSize && users.size <= limit) reach.set(id, users.size);
  // Candidates best first: harder kind, more members, stronger kind, smaller value.
  const tier = (id: string) => (HARD_KINDS.includes(byId.get(id)!.kind) ? 0 : 1);
  const order = [...reach.keys()].sort((a, b) => {
    const t = tier(a) - tier(b);
    if (t !== 0) return t;
    const d = reach.get(b)! - reach.get(a)!;
    if (d !== 0) return d;
    const k = kindRank(byId.get(a)!.kind) - kindRank(byId.get(b)!.kind);
    if (k !== 0) return k;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const rank = new Map(order.map((id, i) => [id, i]));
  const candidates = new Map<string, string[]>();
  for (const [id, users] of usersOf) {
    if (!rank.has(id)) continue;
    for (const m of users) {
      const list = candidates.get(m) ?? [];
      list.push(id);
      candidates.set(m, list);
    }
  }
  for (const list of candidates.values()) list.sort((a, b) => rank.get(a)! - rank.get(b)!);

  // Assign each member to its best live candidate; dissolve the groups below minSize; repeat.
  const alive = new Set(order);
  let assignment = new Map<string, string>();
  for (;;) {
    assignment = new Map();
    const sizes = new Map<string, number>();
    for (const m of members) {
      const best = candidates.get(m)?.find((id) => alive.has(id));
      if (best === undefined) continue;
      assignment.set(m, best);
      sizes.set(best, (sizes.get(best) ?? 0) + 1);
    }
    const small = [...alive].filter((id) => (sizes.get(id) ?? 0) < minSize);
    if (small.length === 0) break;
    for (const id of small) alive.delete(id);
  }

  const groups = new Map<string, MemberGroup>();
  const groupOf = new Map<string, string>();
  for (const m of members) {
    const id = assignment.get(m);
    if (id === undefined) continue;
    const ident = byId.get(id)!;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { id: groupNodeId(id), identifier: id, kind: ident.kind, value: ident.value, members: [] }));
    g.members.push(m);
    groupOf.set(m, g.id);
  }
  return { groups: [...groups.values()].sort((a, b) => b.members.length - a.members.length || rank.get(a.identifier)! - rank.get(b.identifier)!), groupOf };
}

const KIND_WORD: Record<string, string> = {
  payment_fp: 'card',
  signup_ip: 'sign-up IP',
  subnet: 'subnet',
  email_domain: 'e-mail domain',
  email_pattern: 'e-mail pattern',
  client: 'client',
  ip: 'IP',
  cohort: 'sign-up cohort',
};

/** "148 accounts on card pm_9f3a…": what a collapsed group node says. */
export function groupLabel(size: number, kind: string, value: string, max = 18): string {
  const shown = value.length > max ? `${value.slice(0, max - 1)}…` : value;
  return `${size.toLocaleString('en-US')} accounts on ${KIND_WORD[kind] ?? kind} ${shown}`;
}

/**
 * Pushes overlapping discs apart (in place), each held near where it started:
 * member groups sit at the centre of their members, and in a ring whose
 * groups interleave those centres bunch up. Deterministic.
 */
export function spreadDiscs(discs: { x: number; y: number; r: number }[], gap = 0, iterations = 80): void {
  const home = discs.map((d) => ({ x: d.x, y: d.y }));
  for (let it = 0; it < iterations; it++) {
    let moved = false;
    for (let i = 0; i < discs.length; i++) {
      for (let j = i + 1; j < discs.length; j++) {
        const a = discs[i], b = discs[j];
        let dx = b.x - a.x, dy = b.y - a.y;
        let d = Math.hypot(dx, dy);
        const want = a.r + b.r + gap;
        if (d >= want) continue;
        if (d < 1e-9) {
          // Same spot: part them along a fixed direction that depends on the pair only.
          dx = Math.cos(i * 2.399 + j);
          dy = Math.sin(i * 2.399 + j);
          d = 1;
        }
        const push = (want - d) / 2;
        a.x -= (dx / d) * push;
        a.y -= (dy / d) * push;
        b.x += (dx / d) * push;
        b.y += (dy / d) * push;
        moved = true;
      }
    }
    // A weak pull home keeps the picture where the layout put it.
    for (let i = 0; i < discs.length; i++) {
      discs[i].x += (home[i].x - discs[i].x) * 0.02;
      discs[i].y += (home[i].y - discs[i].y) * 0.02;
    }
    if (!moved) break;
  }
}
