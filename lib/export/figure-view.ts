/**
 * What the case file's ring figure shows of a big ring: its members grouped
 * by the identifier they share (lib/rings/member-groups.ts, the dashboard's
 * rule), collapsed except the groups a saved view expanded, and the members
 * outside that view's time window dimmed or left out — the picture the
 * analyst saved into the case. With no saved view, every group is collapsed
 * and nothing is filtered: the dashboard's first frame.
 */
import type { GraphView } from '../domain/graph-view';
import { groupLabel, groupMembers, groupNodeId, spreadDiscs } from '../rings/member-groups';
import type { GraphLayout } from './graph-layout';

export interface FigureGroup {
  id: string;
  label: string;
  kind: string;
  value: string;
  /** Centre of its members, in the layout's unit box. */
  x: number;
  y: number;
  /** Account indices (into layout.accounts). */
  members: number[];
  expanded: boolean;
  meanScore: number | null;
  /** Members inside the time window (all when there is none). */
  inWindow: number;
}

export interface FigureView {
  groups: FigureGroup[];
  /** Per account: index into `groups`, or -1. */
  groupOf: number[];
  /** Per account: outside the time window. */
  outside: boolean[];
  mode: 'dim' | 'hide';
  /** The saved view drawn, for the caption; null when none was saved. */
  saved: { name: string; author: string; at: number; summary: string } | null;
}

/** A collapsed group's disc in the figure (points), and the figure's inner size it is drawn in. */
export const figureGroupRadius = (members: number) => Math.min(16, 3 + 1.1 * Math.sqrt(members));
const FIGURE_POINTS = 495;

export interface MemberDates {
  signup: string | null;
  first: string | null;
  last: string | null;
}

function inWindow(d: MemberDates, w: NonNullable<GraphView['window']>): boolean {
  if (w.axis === 'signup') return !!d.signup && d.signup >= w.from && d.signup <= w.to;
  return !!d.first && !!d.last && d.first <= w.to && d.last >= w.from;
}

export function figureView(
  layout: GraphLayout,
  dates: MemberDates[],
  saved: { name: string; author: string; at: number; summary: string; view: GraphView } | null,
): FigureView {
  const accountIds = layout.accounts.map((a) => `a:${a.id}`);
  const identIds = layout.identifiers.map((s) => `i:${s.kind}:${s.value}`);
  const { groups } = groupMembers(
    accountIds,
    layout.identifiers.map((s, i) => ({ id: identIds[i], kind: s.kind, value: s.value })),
    layout.edges.map(([a, s]) => ({ source: accountIds[a], target: identIds[s] })),
  );
  const index = new Map(accountIds.map((id, i) => [id, i]));
  const view = saved?.view ?? null;
  const expanded = new Set(view?.expanded ?? []);
  const outside = layout.accounts.map((_, i) => (view?.window ? !inWindow(dates[i] ?? { signup: null, first: null, last: null }, view.window) : false));
  const groupOf = layout.accounts.map(() => -1);
  const out: FigureGroup[] = groups.map((g, gi) => {
    const members = g.members.map((m) => index.get(m)!);
    let x = 0, y = 0, sum = 0, scored = 0, inside = 0;
    for (const i of members) {
      groupOf[i] = gi;
      x += layout.accounts[i].x;
      y += layout.accounts[i].y;
      const s = layout.accounts[i].score;
      if (s !== null) {
        sum += s;
        scored++;
      }
      if (!outside[i]) inside++;
    }
    const id = groupNodeId(g.identifier);
    return { id, label: groupLabel(members.length, g.kind, g.value, 14), kind: g.kind, value: g.value, x: x / members.length, y: y / members.length, members, expanded: expanded.has(id), meanScore: scored ? sum / scored : null, inWindow: inside };
  });
  // Part the collapsed groups' discs (radius as the figure draws them, in the unit box of a ~500-point frame).
  const collapsed = out.filter((g) => !g.expanded);
  const discs = collapsed.map((g) => ({ x: g.x, y: g.y, r: figureGroupRadius(g.members.length) / FIGURE_POINTS }));
  spreadDiscs(discs, 2 / FIGURE_POINTS);
  collapsed.forEach((g, i) => {
    g.x = Math.min(1, Math.max(0, discs[i].x));
    g.y = Math.min(1, Math.max(0, discs[i].y));
  });
  // An expanded group's members on a spiral round its place, as the dashboard opens it (one compact box).
  const golden = Math.PI * (3 - Math.sqrt(5));
  for (const g of out) {
    if (!g.expanded) continue;
    g.members.forEach((i, k) => {
      const r = (3.4 / FIGURE_POINTS) * Math.sqrt(k + 0.5);
      layout.accounts[i].x = Math.min(1, Math.max(0, g.x + r * Math.cos(k * golden)));
      layout.accounts[i].y = Math.min(1, Math.max(0, g.y + r * Math.sin(k * golden)));
    });
  }
  return { groups: out, groupOf, outside, mode: view?.window?.mode ?? 'dim', saved: saved ? { name: saved.name, author: saved.author, at: saved.at, summary: saved.summary } : null };
}
