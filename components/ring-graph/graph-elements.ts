/**
 * The ring's graph data as Cytoscape element definitions (kept apart from
 * the component so that it is tested without a browser).
 */
import type { ElementDefinition } from 'cytoscape';
import type { RingGraph as RingGraphData } from '../../lib/rings/queries';
import { drawnSize, edgeWidthClass, kindClass, kindStyle, scoreClass, sizeClass } from './graph-style';

const MAX_ACCOUNT_SIZE = 34;

/**
 * Identifier kinds a large ring starts with hidden (ticked on in the toolbar):
 * the many small, per-request ones. On a 2,340-account ring they are 1,563 of
 * the 1,951 identifier nodes and 8,976 of the 23,297 edges, and leaving them
 * out cut Cytoscape's first frame from ~1.4 s to ~0.9 s in headless Chromium
 * (measured); what the ring shares is listed beside the graph either way.
 */
export const HIDDEN_WHEN_BIG = ['ip', 'schedule', 'signup_ip'];

/** The identifier kinds this ring's graph starts without (only large rings, only kinds it has). */
export function kindsHiddenAtFirst(graph: RingGraphData): string[] {
  if (!graph.large) return [];
  return HIDDEN_WHEN_BIG.filter((k) => graph.nodes.some((n) => n.type === 'identifier' && n.kind === k));
}

/** An account's size and score classes (the toolbar's colouring swaps the score class for a decision's). */
const accountClasses = (n: { events: number; score: number }, maxEvents: number) => `${sizeClass(accountSize(n.events, maxEvents))} ${scoreClass(n.score)}`;

export const badgeOf = (hidden: number) => (hidden > 0 ? `+${hidden}` : '');

export function accountSize(events: number, maxEvents: number): number {
  return Math.min(MAX_ACCOUNT_SIZE, 10 + 24 * Math.sqrt(events / Math.max(1, maxEvents)));
}

/** One word for a kind, inside a group's disc: "card", "subnet", "client". */
export const kindWord = (kind: string) => kindStyle(kind).label.split(/[ /]/)[0];

/** A collapsed member group's diameter: grows with the square root of its size. */
export function groupSize(members: number): number {
  return Math.min(90, 26 + 3.2 * Math.sqrt(members));
}

const foldings = new WeakMap<RingGraphData, Map<string, Folded>>();

/** An identifier kept off a big ring's first frame until a group of its users opens. */
export interface Folded {
  /** The one closed group the first frame would tie it to (its users' strongest group). */
  home: string;
  /** Every group with a member that uses it: opening any of them draws it. */
  groups: string[];
}

/**
 * Identifiers folded into member groups: those only grouped members use and
 * that a first frame of closed groups would hang off one group by a single
 * line (a leaf: 372 of the 402 identifiers of a 2,432-account ring's first
 * frame). The closed group stands for them as it stands for its members;
 * opening a group that has a user of one draws it, at its place. Leaving
 * them out takes Cytoscape's first frame from ~467 nodes to ~95 (isolated
 * create-to-drawn ~0.35 → ~0.17 s, measured). Identifier node id → folding.
 */
export function foldedIdentifiers(graph: RingGraphData): Map<string, Folded> {
  // A graph's data never changes once loaded: worked out once (a pass over every edge), for drawing, opening and closing alike.
  const kept = foldings.get(graph);
  if (kept) return kept;
  const folded = new Map<string, Folded>();
  foldings.set(graph, folded);
  const groups = graph.groups ?? [];
  if (!groups.length) return folded;
  const groupOf = new Map<string, string | null>();
  for (const n of graph.nodes) if (n.type === 'account') groupOf.set(n.id, n.group ?? null);
  // Each identifier's users' groups; null once an ungrouped member uses it (it stays on the canvas).
  const users = new Map<string, Set<string> | null>();
  for (const e of graph.edges) {
    const g = groupOf.get(e.source) ?? null;
    const seen = users.get(e.target);
    if (seen === null) continue;
    if (g === null) users.set(e.target, null);
    else if (seen) seen.add(g);
    else users.set(e.target, new Set([g]));
  }
  const lines = new Map<string, string[]>();
  for (const g of groups) for (const target of Object.keys(g.links)) lines.set(target, [...(lines.get(target) ?? []), g.id]);
  for (const [id, gs] of users) {
    const home = lines.get(id);
    if (gs && home?.length === 1) folded.set(id, { home: home[0], groups: [...gs] });
  }
  return folded;
}

/** Whether a folded identifier is drawn: a group with one of its users is open. */
const foldedShown = (f: Folded, expanded: ReadonlySet<string>) => f.groups.some((g) => expanded.has(g));

/** An identifier node's definition. */
function identifierElement(n: Extract<RingGraphData['nodes'][number], { type: 'identifier' }>, place: { position?: { x: number; y: number } }): ElementDefinition {
  const k = kindStyle(n.kind);
  return {
    group: 'nodes',
    data: { ...n, label: '', badge: badgeOf(n.hidden), ringUsers: n.accounts - n.hidden, shape: k.shape, color: k.color },
    classes: `badges ${kindClass(n.kind)}`,
    ...place,
  };
}

/**
 * Cytoscape definitions of the ring's accounts and of the identifiers whose
 * kind `includeKind` accepts, with their edges; `placed` gives each node its
 * position (for identifiers added after the first draw, which lays every node out at once).
 *
 * A big ring's member groups (`graph.groups`) are drawn collapsed — one node
 * per group, one edge per identifier its members use (`w`: how many) —
 * unless `expanded` has them: then their members are drawn inside them
 * (compound nodes: each member's `parent` is its group). Identifiers
 * folded into closed groups (`foldedIdentifiers`) are left out.
 */
export function graphElements(
  graph: RingGraphData,
  maxEvents: number,
  includeKind: (kind: string) => boolean,
  placed = false,
  expanded: ReadonlySet<string> = new Set(),
): ElementDefinition[] {
  const elements: ElementDefinition[] = [];
  const included = new Set<string>();
  const at = (id: string) => {
    const xy = placed ? graph.positions[id] : undefined;
    return xy ? { position: { x: xy[0], y: xy[1] } } : {};
  };
  const groups = graph.groups ?? [];
  const folded = foldedIdentifiers(graph);
  for (const g of groups) {
    const open = expanded.has(g.id);
    elements.push({
      group: 'nodes',
      data: { id: g.id, type: 'group', label: g.label, groupLabel: g.label, short: `${g.size.toLocaleString('en-US')}\n${kindWord(g.kind)}`, kindWord: kindWord(g.kind), font: Math.round(groupSize(g.size) * 0.24), members: g.size, kind: g.kind, value: g.value, identifier: g.identifier, score: g.maxScore, size: groupSize(g.size), inWindow: g.size },
      classes: `${open ? 'expanded' : 'collapsed'} ${scoreClass(g.meanScore)}`,
      // A compound node's position follows its children; a collapsed one sits at its members' centre.
      ...(open ? {} : { position: { x: graph.positions[g.id]?.[0] ?? 0, y: graph.positions[g.id]?.[1] ?? 0 } }),
    });
  }
  const drawnAccount = (n: { group?: string }) => !n.group || expanded.has(n.group);
  const spirals = new Map<string, { at: (i: number) => { x: number; y: number }; k: number }>();
  for (const n of graph.nodes) {
    if (n.type === 'account') {
      if (!drawnAccount(n)) continue;
      const inGroup = n.group ? (spirals.get(n.group) ?? spirals.set(n.group, { at: memberSpiral(graph, n.group), k: 0 }).get(n.group)!) : null;
      elements.push({ group: 'nodes', data: { ...n, label: '', size: drawnSize(accountSize(n.events, maxEvents)), ...(n.group ? { parent: n.group } : {}) }, classes: accountClasses(n, maxEvents), ...(inGroup ? { position: inGroup.at(inGroup.k++) } : at(n.id)) });
    } else if (includeKind(n.kind)) {
      const f = folded.get(n.id);
      if (f && !foldedShown(f, expanded)) continue;
      included.add(n.id);
      elements.push(identifierElement(n, at(n.id)));
    }
  }
  const grouped = new Map<string, string>();
  for (const n of graph.nodes) if (n.type === 'account' && n.group) grouped.set(n.id, n.group);
  for (const e of graph.edges) {
    if (!included.has(e.target)) continue;
    const g = grouped.get(e.source);
    if (g && !expanded.has(g)) continue;
    elements.push({ group: 'edges', data: { id: e.id, source: e.source, target: e.target } });
  }
  for (const g of groups) {
    if (expanded.has(g.id)) continue;
    for (const [target, w] of Object.entries(g.links)) {
      if (included.has(target)) elements.push({ group: 'edges', data: { id: `${g.id}|${target}`, source: g.id, target, w }, classes: edgeWidthClass(w) });
    }
  }
  return elements;
}

/**
 * What opening a group adds: its members (inside it), the folded identifiers
 * its members use that are not drawn yet (at their places, with the line
 * from their closed home group), and the members' edges to those and to the
 * identifiers `has` finds drawn. `expanded`: the groups open before this one.
 */
export function groupMemberElements(
  graph: RingGraphData,
  groupId: string,
  maxEvents: number,
  has: (id: string) => boolean,
  includeKind: (kind: string) => boolean = () => true,
  expanded: ReadonlySet<string> = new Set(),
): ElementDefinition[] {
  const members = new Set<string>();
  const elements: ElementDefinition[] = [];
  const added = new Set<string>();
  const folded = foldedIdentifiers(graph);
  const groupsById = new Map((graph.groups ?? []).map((g) => [g.id, g]));
  for (const n of graph.nodes) {
    if (n.type !== 'identifier') continue;
    const f = folded.get(n.id);
    if (!f || !f.groups.includes(groupId) || !includeKind(n.kind) || has(n.id)) continue;
    added.add(n.id);
    const xy = graph.positions[n.id];
    elements.push(identifierElement(n, xy ? { position: { x: xy[0], y: xy[1] } } : {}));
    const home = groupsById.get(f.home);
    if (home && f.home !== groupId && !expanded.has(f.home)) elements.push({ group: 'edges', data: { id: `${home.id}|${n.id}`, source: home.id, target: n.id, w: home.links[n.id] }, classes: edgeWidthClass(home.links[n.id]) });
  }
  const at = memberSpiral(graph, groupId);
  for (const n of graph.nodes) {
    if (n.type !== 'account' || n.group !== groupId) continue;
    members.add(n.id);
    elements.push({ group: 'nodes', data: { ...n, label: '', size: drawnSize(accountSize(n.events, maxEvents)), parent: groupId }, classes: accountClasses(n, maxEvents), position: at(members.size - 1) });
  }
  for (const e of graph.edges) if (members.has(e.source) && (added.has(e.target) || has(e.target))) elements.push({ group: 'edges', data: { id: e.id, source: e.source, target: e.target } });
  return elements;
}

/**
 * The groups to open, besides `expanded`, so that the nodes `ids` names are drawn: a saved view's
 * selection made before an identifier was folded, or with its group closed. A member's group, or a
 * folded identifier's home group when no open group of its users shows it.
 */
export function groupsShowing(graph: RingGraphData, ids: readonly string[], expanded: ReadonlySet<string>): string[] {
  const folded = foldedIdentifiers(graph);
  const memberGroup = new Map(graph.nodes.flatMap((n) => (n.type === 'account' && n.group ? [[n.id, n.group] as [string, string]] : [])));
  const out = new Set<string>();
  for (const id of ids) {
    const f = folded.get(id);
    const g = f ? (foldedShown(f, expanded) ? undefined : f.home) : memberGroup.get(id);
    if (g && !expanded.has(g)) out.add(g);
  }
  return [...out];
}

/** Folded identifiers drawn now that closing `groupId` leaves with no open group of their users (`open`: the groups still open). */
export function foldedToHide(graph: RingGraphData, groupId: string, open: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const [id, f] of foldedIdentifiers(graph)) if (f.groups.includes(groupId) && !foldedShown(f, open)) out.push(id);
  return out;
}

const GOLDEN = Math.PI * (3 - Math.sqrt(5));

/**
 * Where an expanded group's members go: on a sunflower spiral round the
 * group's place, so that the open group is one compact box
 * (at their places in the ring's layout a card's members are spread over the
 * whole ring).
 */
export function memberSpiral(graph: RingGraphData, groupId: string, spacing = 16): (i: number) => { x: number; y: number } {
  const [cx, cy] = graph.positions[groupId] ?? [0, 0];
  return (i) => {
    const r = spacing * Math.sqrt(i + 0.5);
    return { x: Math.round(cx + r * Math.cos(i * GOLDEN)), y: Math.round(cy + r * Math.sin(i * GOLDEN)) };
  };
}

/** The collapsed group's edges again (one per identifier its members use), to identifiers `has` finds drawn. */
export function groupEdgeElements(graph: RingGraphData, groupId: string, has: (id: string) => boolean): ElementDefinition[] {
  const g = (graph.groups ?? []).find((x) => x.id === groupId);
  if (!g) return [];
  return Object.entries(g.links)
    .filter(([target]) => has(target))
    .map(([target, w]) => ({ group: 'edges' as const, data: { id: `${g.id}|${target}`, source: g.id, target, w }, classes: edgeWidthClass(w) }));
}

/** Day index helpers for the time slider: days between `from` and `to` inclusive, as YYYY-MM-DD. */
export function dayRange(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end && out.length < 4000; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Whether a member falls in the slider's window: signed up in it, or active in it (its first to last active day overlaps it). */
export function inWindow(m: { signup?: string | null; first?: string | null; last?: string | null }, w: { from: string; to: string; axis: 'signup' | 'activity' }): boolean {
  if (w.axis === 'signup') return !!m.signup && m.signup >= w.from && m.signup <= w.to;
  if (!m.first || !m.last) return false;
  return m.first <= w.to && m.last >= w.from;
}
