/**
 * Reading one ring for its page: the ring and what its members share, the
 * members, the graph of accounts and the identifiers that link them, the
 * expansion of one identifier to every account that uses it (inside the
 * ring or not), and the members' hourly activity for the timeline.
 *
 * Graph node ids: `a:<account_id>` for accounts, `i:<kind>:<value>` for
 * identifiers. A layout stored in `rings.layout` (JSON `{nodeId: [x, y]}`)
 * uses the same ids.
 */
import type Database from 'better-sqlite3';
import { and, desc, eq } from 'drizzle-orm';
import { dbOf } from '../../db/client';
import { rings } from '../../db/schema';
import type { Reason } from '../domain/reason-codes';
import type { CaseStatus } from '../domain';
import { InputError, NotFoundError } from '../errors';
import { caseFor, type CaseLink } from '../accounts/queries';
import { isLargeRing, ringPositions, type Positions } from './layout';
import { groupLabel, groupMembers, spreadDiscs } from './member-groups';

export interface SharedIdentifier {
  kind: string;
  value: string;
  accounts: number;
}

export interface RingMember {
  accountId: string;
  score: number;
  flagged: boolean;
  events: number;
  plan: string | null;
  country: string | null;
  createdAt: number | null;
  verified: boolean | null;
  /** The member's own case status, if it has one. */
  status: CaseStatus | null;
}

export interface RingDetail {
  ring: { ringId: string; asOf: string; score: number; size: number; summary: string; shared: SharedIdentifier[]; reasons: Reason[] };
  members: RingMember[];
  case: CaseLink | null;
  /** Size and score on each as-of day the ring was seen. */
  history: { asOf: string; size: number; score: number }[];
}

/** A ring as stored on one as-of day. */
export type RingRow = typeof rings.$inferSelect;

/** The ring on `asOf`, or on its latest day; undefined if there is none. */
export function ringOn(sqlite: Database.Database, ringId: string, asOf?: string): RingRow | undefined {
  return dbOf(sqlite)
    .select()
    .from(rings)
    .where(asOf ? and(eq(rings.ringId, ringId), eq(rings.asOf, asOf)) : eq(rings.ringId, ringId))
    .orderBy(desc(rings.asOf))
    .limit(1)
    .get();
}

function findRing(sqlite: Database.Database, ringId: string, asOf?: string): RingRow {
  const row = ringOn(sqlite, ringId, asOf);
  if (!row) throw new NotFoundError(`no ring ${ringId}${asOf ? ` on ${asOf}` : ''}`);
  return row;
}

function memberKeys(sqlite: Database.Database, ring: RingRow): number[] {
  return (sqlite.prepare(`SELECT account FROM ring_members WHERE ring_id = ? AND as_of = ?`).all(ring.ringId, ring.asOf) as { account: number }[]).map(
    (r) => r.account,
  );
}

/**
 * One ring: its facts, members, case and history. `members: false` leaves
 * the members out (`members` is empty): the ring page sends its facts with
 * the page and asks for the members (hundreds of kilobytes for a big ring)
 * once the graph is drawn (`ringMembers`).
 */
export function getRingDetail(sqlite: Database.Database, ringId: string, opts: { members?: boolean } = {}): RingDetail {
  const ring = findRing(sqlite, ringId);
  const members = opts.members === false ? [] : membersOf(sqlite, ring);
  const history = sqlite.prepare(`SELECT as_of AS asOf, size, score FROM rings WHERE ring_id = ? ORDER BY as_of`).all(ring.ringId) as RingDetail['history'];
  return {
    ring: {
      ringId: ring.ringId,
      asOf: ring.asOf,
      score: ring.score,
      size: ring.size,
      summary: ring.summary,
      shared: JSON.parse(ring.shared) as SharedIdentifier[],
      reasons: JSON.parse(ring.reasons) as Reason[],
    },
    members,
    case: caseFor(sqlite, 'ring', ring.ringId),
    history,
  };
}

/** The ring's members on its latest day, highest score first. */
export function ringMembers(sqlite: Database.Database, ringId: string): RingMember[] {
  return membersOf(sqlite, findRing(sqlite, ringId));
}

function membersOf(sqlite: Database.Database, ring: RingRow): RingMember[] {
  return (
    sqlite
      .prepare(
        `SELECT a.account_id AS accountId, coalesce(s.score, 0) AS score, coalesce(s.flagged, 0) AS flagged, coalesce(s.events, 0) AS events,
                a.plan, a.country, a.created_at AS createdAt, a.verified, c.status
         FROM ring_members m
         JOIN accounts a ON a.id = m.account
         LEFT JOIN scores s ON s.account = m.account AND s.as_of = m.as_of
         LEFT JOIN cases c ON c.subject_kind = 'account' AND c.subject_id = a.account_id
         WHERE m.ring_id = ? AND m.as_of = ?
         ORDER BY score DESC, events DESC, a.account_id`,
      )
      .all(ring.ringId, ring.asOf) as (Omit<RingMember, 'flagged' | 'verified'> & { flagged: number; verified: number | null })[]
  ).map((m) => ({ ...m, flagged: m.flagged === 1, verified: m.verified === null ? null : m.verified === 1 }));
}

// ----------------------------------------------------------------- graph ---

export interface AccountNode {
  id: string;
  type: 'account';
  accountId: string;
  score: number;
  events: number;
  inRing: boolean;
  /** The account's own case status, if it has one. */
  status: CaseStatus | null;
  /** What the account stands decided as, for colouring by decision: its own case's status, else its ring's case's. */
  decision: CaseStatus | null;
  /** Identifiers of this account not drawn (used by no other account in the graph). */
  hidden: number;
  /** Sign-up day, first and last day with activity (YYYY-MM-DD; null when unknown): the time slider's axes. */
  signup?: string | null;
  first?: string | null;
  last?: string | null;
  /** The member group (compound node) it belongs to in a big ring: `g:i:<kind>:<value>`. */
  group?: string;
}

/** Members of a big ring grouped by the identifier they share (lib/rings/member-groups.ts): drawn as one node until expanded. */
export interface GroupNode {
  id: string;
  identifier: string;
  kind: string;
  value: string;
  size: number;
  /** "148 accounts on card pm_…" */
  label: string;
  /** Highest member score, and the mean: the collapsed node's colour. */
  maxScore: number;
  meanScore: number;
  /**
   * Uses of identifiers by the group's members (identifier node id → members): the collapsed node's
   * edges — those a fifth or more of its members use, and each identifier's strongest group.
   */
  links: Record<string, number>;
}

export interface IdentifierNode {
  id: string;
  type: 'identifier';
  kind: string;
  value: string;
  /** Accounts using it, anywhere. */
  accounts: number;
  /** Of those, how many are not in the graph: the "+N" badge. */
  hidden: number;
}

export type GraphNode = AccountNode | IdentifierNode;

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
}

export interface RingGraph {
  ringId: string;
  asOf: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Every node's position (lib/rings/layout.ts). */
  positions: Positions;
  /** `stored`: the positions detection stored; `computed`: laid out for this answer (a ring detected before layouts were stored). */
  layout: 'stored' | 'computed';
  /** Large enough to draw the cheap way (lib/rings/layout.ts, LARGE_RING_NODES). */
  large: boolean;
  /** Identifier nodes left out to keep the graph drawable (the least shared ones). */
  omittedIdentifiers: number;
  /** Member groups of a big ring (empty for a small one); each group's position is in `positions`. */
  groups: GroupNode[];
}

export const accountNodeId = (accountId: string) => `a:${accountId}`;
export const identifierNodeId = (kind: string, value: string) => `i:${kind}:${value}`;

/** Identifier nodes kept in a graph, the most shared first. */
export const MAX_IDENTIFIER_NODES = 2500;

/** A ring's graph elements, without positions. */
export type RingGraphElements = Pick<RingGraph, 'ringId' | 'asOf' | 'nodes' | 'edges' | 'omittedIdentifiers'>;

/** The graph of a ring (its latest as-of day unless `asOf` is given): members and the identifiers two or more of them share. */
export function ringGraphElements(sqlite: Database.Database, ringId: string, asOf?: string): RingGraphElements {
  return elementsOf(sqlite, findRing(sqlite, ringId, asOf));
}

function elementsOf(sqlite: Database.Database, ring: RingRow): RingGraphElements {
  const accounts = sqlite
    .prepare(
      `SELECT m.account AS key, a.account_id AS accountId, coalesce(s.score, 0) AS score, coalesce(s.events, 0) AS events, c.status,
              coalesce(c.status, rc.status) AS decision
       FROM ring_members m JOIN accounts a ON a.id = m.account
       LEFT JOIN scores s ON s.account = m.account AND s.as_of = m.as_of
       LEFT JOIN cases c ON c.subject_kind = 'account' AND c.subject_id = a.account_id
       LEFT JOIN cases rc ON rc.subject_kind = 'ring' AND rc.subject_id = m.ring_id
       WHERE m.ring_id = ? AND m.as_of = ?`,
    )
    .all(ring.ringId, ring.asOf) as { key: number; accountId: string; score: number; events: number; status: CaseStatus | null; decision: CaseStatus | null }[];
  const byKey = new Map(accounts.map((a) => [a.key, a]));
  const dates = new Map(
    (
      sqlite
        .prepare(
          `SELECT m.account AS key, a.created_at AS createdAt, (SELECT min(day) FROM account_days d WHERE d.account = m.account) AS first,
                  (SELECT max(day) FROM account_days d WHERE d.account = m.account) AS last
           FROM ring_members m JOIN accounts a ON a.id = m.account WHERE m.ring_id = ? AND m.as_of = ?`,
        )
        .all(ring.ringId, ring.asOf) as { key: number; createdAt: number | null; first: string | null; last: string | null }[]
    ).map((r) => [r.key, { signup: r.createdAt === null ? null : new Date(r.createdAt).toISOString().slice(0, 10), first: r.first, last: r.last }]),
  );

  // Every identifier of every member; the ones two or more members share become nodes.
  const uses = sqlite
    .prepare(
      `SELECT i.account, i.kind, i.value FROM account_identifiers i
       WHERE i.account IN (SELECT account FROM ring_members WHERE ring_id = ? AND as_of = ?)`,
    )
    .all(ring.ringId, ring.asOf) as { account: number; kind: string; value: string }[];
  const users = new Map<string, { kind: string; value: string; members: number[] }>();
  for (const u of uses) {
    const id = identifierNodeId(u.kind, u.value);
    const entry = users.get(id) ?? { kind: u.kind, value: u.value, members: [] };
    entry.members.push(u.account);
    users.set(id, entry);
  }
  const sharedIds = [...users.entries()].filter(([, e]) => e.members.length >= 2).sort((a, b) => b[1].members.length - a[1].members.length);
  const kept = sharedIds.slice(0, MAX_IDENTIFIER_NODES);

  const total = sqlite.prepare(`SELECT count(*) AS n FROM account_identifiers WHERE kind = ? AND value = ?`);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const drawn = new Map<number, number>();
  for (const [id, e] of kept) {
    const n = (total.get(e.kind, e.value) as { n: number }).n;
    nodes.push({ id, type: 'identifier', kind: e.kind, value: e.value, accounts: n, hidden: Math.max(0, n - e.members.length) });
    for (const m of e.members) {
      const a = byKey.get(m);
      if (!a) continue;
      edges.push({ id: `${accountNodeId(a.accountId)}|${id}`, source: accountNodeId(a.accountId), target: id });
      drawn.set(m, (drawn.get(m) ?? 0) + 1);
    }
  }
  const perAccount = new Map<number, number>();
  for (const u of uses) perAccount.set(u.account, (perAccount.get(u.account) ?? 0) + 1);
  for (const a of accounts) {
    nodes.push({
      id: accountNodeId(a.accountId),
      type: 'account',
      accountId: a.accountId,
      score: a.score,
      events: a.events,
      inRing: true,
      status: a.status,
      decision: a.decision,
      hidden: (perAccount.get(a.key) ?? 0) - (drawn.get(a.key) ?? 0),
      ...(dates.get(a.key) ?? { signup: null, first: null, last: null }),
    });
  }

  return { ringId: ring.ringId, asOf: ring.asOf, nodes, edges, omittedIdentifiers: sharedIds.length - kept.length };
}

/** Each member's case status and decision (as in the graph's account nodes), by account node id: what changes between detection runs. */
export function ringMemberStatuses(sqlite: Database.Database, ringId: string, asOf: string): Map<string, { status: CaseStatus | null; decision: CaseStatus | null }> {
  const rows = sqlite
    .prepare(
      `SELECT a.account_id AS accountId, c.status, coalesce(c.status, rc.status) AS decision
       FROM ring_members m JOIN accounts a ON a.id = m.account
       LEFT JOIN cases c ON c.subject_kind = 'account' AND c.subject_id = a.account_id
       LEFT JOIN cases rc ON rc.subject_kind = 'ring' AND rc.subject_id = m.ring_id
       WHERE m.ring_id = ? AND m.as_of = ?`,
    )
    .all(ringId, asOf) as { accountId: string; status: CaseStatus | null; decision: CaseStatus | null }[];
  return new Map(rows.map((r) => [accountNodeId(r.accountId), { status: r.status, decision: r.decision }]));
}

/** The graph with its members' statuses replaced by `statuses` (nodes that did not change are the same objects). */
export function withStatuses(graph: RingGraph, statuses: ReadonlyMap<string, { status: CaseStatus | null; decision: CaseStatus | null }>): RingGraph {
  const nodes = graph.nodes.map((n) => {
    if (n.type !== 'account') return n;
    const s = statuses.get(n.id) ?? { status: null, decision: null };
    return s.status === n.status && s.decision === n.decision ? n : { ...n, status: s.status, decision: s.decision };
  });
  return { ...graph, nodes };
}

/**
 * A big ring's members grouped by the identifier they share, each group at
 * the centre of its members' positions; the members get their `group`.
 */
export function groupRingGraph(g: Pick<RingGraph, 'nodes' | 'edges' | 'positions'>): GroupNode[] {
  const accounts = g.nodes.filter((n): n is AccountNode => n.type === 'account');
  const identifiers = g.nodes.filter((n): n is IdentifierNode => n.type === 'identifier');
  const { groups } = groupMembers(
    accounts.map((a) => a.id),
    identifiers,
    g.edges,
  );
  if (groups.length === 0) return [];
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const idsOf = new Map<string, string[]>();
  for (const e of g.edges) {
    const l = idsOf.get(e.source) ?? [];
    l.push(e.target);
    idsOf.set(e.source, l);
  }
  const out = groups.map((grp) => {
    let x = 0, y = 0, max = 0, sum = 0;
    const links: Record<string, number> = {};
    for (const m of grp.members) {
      const a = byId.get(m)!;
      a.group = grp.id;
      const [px, py] = g.positions[m] ?? [0, 0];
      x += px;
      y += py;
      max = Math.max(max, a.score);
      sum += a.score;
      for (const t of idsOf.get(m) ?? []) links[t] = (links[t] ?? 0) + 1;
    }
    const n = grp.members.length;
    g.positions[grp.id] = [x / n, y / n];
    return { id: grp.id, identifier: grp.identifier, kind: grp.kind, value: grp.value, size: n, label: groupLabel(n, grp.kind, grp.value), maxScore: max, meanScore: +(sum / n).toFixed(3), links };
  });
  // A collapsed group draws a line to an identifier a fifth or more of its members use, and each
  // identifier keeps the line to the group that uses it most: a few hundred lines instead of thousands
  // (every e-mail pattern, schedule and template a member of the group touches), which made the first
  // frame of a 2,400-account ring seconds slower. The rest appear when the group is expanded.
  const best = new Map<string, { group: number; n: number }>();
  out.forEach((grp, gi) => {
    for (const [t, n] of Object.entries(grp.links)) {
      const b = best.get(t);
      if (!b || n > b.n) best.set(t, { group: gi, n });
    }
  });
  out.forEach((grp, gi) => {
    const strong = Math.max(2, Math.ceil(grp.size * GROUP_LINK_SHARE));
    grp.links = Object.fromEntries(Object.entries(grp.links).filter(([t, n]) => n >= strong || best.get(t)!.group === gi));
  });
  // Collapsed groups start where their members are, but interleaved groups bunch up there: part them
  // (the radius is the page's disc, components/ring-graph/graph-elements.ts groupSize, plus room for a label).
  const discs = out.map((grp) => ({ x: g.positions[grp.id][0], y: g.positions[grp.id][1], r: Math.min(90, 26 + 3.2 * Math.sqrt(grp.size)) / 2 + 10 }));
  spreadDiscs(discs, 6);
  out.forEach((grp, i) => {
    g.positions[grp.id] = [Math.round(discs[i].x), Math.round(discs[i].y)];
  });
  return out;
}

/** Share of a group's members that must use an identifier for the collapsed group to draw a line to it. */
export const GROUP_LINK_SHARE = 0.2;

/** The ring's graph (its latest as-of day) with every node's position, and a big ring's member groups. */
export function getRingGraph(sqlite: Database.Database, ringId: string): RingGraph {
  const ring = findRing(sqlite, ringId);
  const g = elementsOf(sqlite, ring);
  const { positions, source } = ringPositions(ring.layout ? (JSON.parse(ring.layout) as Positions) : null, g.nodes, g.edges);
  const graph = { ...g, positions, layout: source, large: isLargeRing(g.nodes.length), groups: [] as GroupNode[] };
  graph.groups = groupRingGraph(graph);
  return graph;
}

export interface Expansion {
  identifier: { id: string; kind: string; value: string };
  /** Accounts using the identifier, anywhere. */
  total: number;
  accounts: {
    id: string;
    accountId: string;
    score: number;
    events: number;
    ringId: string | null;
    /** The account's ring was flagged (its score reached the run's threshold): another flagged ring, when it is not this one. */
    ringFlagged: boolean;
    /** Identifiers of this account (node ids), for edges to nodes already drawn. */
    identifiers: string[];
  }[];
  /** Accounts left out beyond the limit. */
  omitted: number;
}

/** Every account that uses one identifier, inside the ring or not, highest score first. */
export function expandIdentifier(sqlite: Database.Database, kind: string, value: string, limit = 200): Expansion {
  const total = (sqlite.prepare(`SELECT count(*) AS n FROM account_identifiers WHERE kind = ? AND value = ?`).get(kind, value) as { n: number }).n;
  if (total === 0) throw new NotFoundError(`no account uses ${kind} ${value}`);
  const latest = (sqlite.prepare(`SELECT max(as_of) AS d FROM scores`).get() as { d: string | null }).d;
  const threshold = (sqlite.prepare(`SELECT threshold FROM detect_runs WHERE as_of = ? ORDER BY id DESC LIMIT 1`).get(latest) as { threshold: number } | undefined)?.threshold;
  const rows = sqlite
    .prepare(
      `SELECT i.account AS key, a.account_id AS accountId, coalesce(s.score, 0) AS score, coalesce(s.events, 0) AS events, s.ring_id AS ringId,
              coalesce(r.score >= ?, 0) AS ringFlagged
       FROM account_identifiers i JOIN accounts a ON a.id = i.account
       LEFT JOIN scores s ON s.account = i.account AND s.as_of = ?
       LEFT JOIN rings r ON r.ring_id = s.ring_id AND r.as_of = s.as_of
       WHERE i.kind = ? AND i.value = ?
       ORDER BY score DESC, a.account_id
       LIMIT ?`,
    )
    .all(threshold ?? 2, latest, kind, value, limit) as { key: number; accountId: string; score: number; events: number; ringId: string | null; ringFlagged: number }[];
  const idsOf = sqlite.prepare(`SELECT kind, value FROM account_identifiers WHERE account = ?`);
  return {
    identifier: { id: identifierNodeId(kind, value), kind, value },
    total,
    accounts: rows.map((r) => ({
      id: accountNodeId(r.accountId),
      accountId: r.accountId,
      score: r.score,
      events: r.events,
      ringId: r.ringId,
      ringFlagged: r.ringFlagged === 1,
      identifiers: (idsOf.all(r.key) as { kind: string; value: string }[]).map((i) => identifierNodeId(i.kind, i.value)),
    })),
    omitted: Math.max(0, total - rows.length),
  };
}

/** Splits an identifier node id back into kind and value (400 on anything else). */
export function parseIdentifierNodeId(id: string): { kind: string; value: string } {
  const m = /^i:([a-z_]+):(.+)$/s.exec(id);
  if (!m) throw new InputError(`not an identifier node: ${id}`);
  return { kind: m[1], value: m[2] };
}

// -------------------------------------------------------------- timeline ---

export interface RingTimeline {
  /** The days shown, oldest first; each contributes 24 hourly columns. */
  days: string[];
  /** Requests per hour across all members. */
  total: number[];
  /** The busiest members, one row each. */
  members: { accountId: string; hours: number[]; events: number }[];
  omittedMembers: number;
}

const DAY_MS = 86_400_000;

export function getRingTimeline(sqlite: Database.Database, ringId: string, days = 7, maxMembers = 40): RingTimeline {
  const ring = findRing(sqlite, ringId);
  const end = Date.parse(`${ring.asOf}T00:00:00Z`);
  const span = Array.from({ length: days }, (_, i) => new Date(end - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
  const col = new Map(span.map((d, i) => [d, i * 24]));
  const keys = memberKeys(sqlite, ring);
  const names = new Map(
    (
      sqlite
        .prepare(`SELECT m.account AS key, a.account_id AS accountId FROM ring_members m JOIN accounts a ON a.id = m.account WHERE m.ring_id = ? AND m.as_of = ?`)
        .all(ring.ringId, ring.asOf) as { key: number; accountId: string }[]
    ).map((r) => [r.key, r.accountId]),
  );
  const rows = new Map<number, { hours: number[]; events: number }>();
  const total = new Array<number>(days * 24).fill(0);
  const read = sqlite.prepare(`SELECT day, hours FROM account_days WHERE account = ? AND day >= ? AND day <= ?`);
  for (const key of keys) {
    const hours = new Array<number>(days * 24).fill(0);
    let events = 0;
    for (const d of read.all(key, span[0], span[span.length - 1]) as { day: string; hours: string }[]) {
      const base = col.get(d.day);
      if (base === undefined) continue;
      (JSON.parse(d.hours) as number[]).forEach((n, h) => {
        hours[base + h] += n;
        total[base + h] += n;
        events += n;
      });
    }
    rows.set(key, { hours, events });
  }
  const members = [...rows.entries()]
    .sort((a, b) => b[1].events - a[1].events)
    .slice(0, maxMembers)
    .map(([key, r]) => ({ accountId: names.get(key) ?? String(key), hours: r.hours, events: r.events }));
  return { days: span, total, members, omittedMembers: Math.max(0, keys.length - members.length) };
}
