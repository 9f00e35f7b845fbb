/**
 * The ring graph as a vector figure: account dots coloured by score,
 * identifier nodes with one shape and colour per kind, a line for every use
 * of a drawn identifier, and a legend. Nodes of one style are drawn as one
 * path, so a ring of thousands of accounts stays a small, fast PDF.
 */
import { rgb, type RGB } from 'pdf-lib';
import type { GraphLayout } from '../graph-layout';
import { figureGroupRadius, type FigureView } from '../figure-view';
import { placeLabels, type Box, type LabelRequest } from './label-placer';
import { A4, CONTENT_WIDTH, LINE, MARGIN, MUTED, type PageFlow } from './page-flow';

type Shape = 'square' | 'diamond' | 'triangle' | 'triangle-down' | 'hexagon';

export const IDENTIFIER_STYLE: Record<string, { label: string; shape: Shape; colour: RGB }> = {
  payment_fp: { label: 'card', shape: 'square', colour: rgb(0.75, 0.22, 0.17) },
  client: { label: 'client (TLS + user agent)', shape: 'triangle', colour: rgb(0.83, 0.33, 0.0) },
  subnet: { label: 'subnet /24', shape: 'diamond', colour: rgb(0.42, 0.2, 0.51) },
  ip: { label: 'IP address', shape: 'diamond', colour: rgb(0.62, 0.42, 0.75) },
  signup_ip: { label: 'sign-up address', shape: 'triangle-down', colour: rgb(0.49, 0.24, 0.6) },
  email_domain: { label: 'e-mail domain', shape: 'hexagon', colour: rgb(0.09, 0.55, 0.47) },
  email_pattern: { label: 'e-mail pattern', shape: 'hexagon', colour: rgb(0.35, 0.75, 0.65) },
  cohort: { label: 'sign-up window', shape: 'square', colour: rgb(0.18, 0.53, 0.76) },
  schedule: { label: 'activity schedule', shape: 'triangle-down', colour: rgb(0.72, 0.58, 0.04) },
  template: { label: 'prompt template', shape: 'square', colour: rgb(0.34, 0.4, 0.45) },
  skeleton: { label: 'paraphrased prompt skeleton', shape: 'square', colour: rgb(0.24, 0.28, 0.33) },
};
const OTHER_STYLE = { label: 'other identifier', shape: 'square' as Shape, colour: rgb(0.5, 0.5, 0.5) };

export const SCORE_BANDS: { label: string; min: number; colour: RGB }[] = [
  { label: 'account, score 0.8 or more', min: 0.8, colour: rgb(0.7, 0.15, 0.12) },
  { label: 'account, score 0.5 to 0.8', min: 0.5, colour: rgb(0.93, 0.55, 0.18) },
  { label: 'account, score under 0.5', min: -Infinity, colour: rgb(0.45, 0.55, 0.65) },
];
const UNSCORED = { label: 'account, not scored', colour: rgb(0.75, 0.75, 0.75) };
const OUTSIDE_WINDOW = { label: 'account outside the saved time window', colour: rgb(0.86, 0.88, 0.91) };
/** Groups labelled on the figure: the largest; the rest are in the group table's order. */
export const LABELLED_GROUPS = 14;

const f2 = (n: number) => n.toFixed(2);

function circlePath(x: number, y: number, r: number): string {
  const k = 0.5523 * r;
  return (
    `M ${f2(x + r)} ${f2(y)} C ${f2(x + r)} ${f2(y + k)} ${f2(x + k)} ${f2(y + r)} ${f2(x)} ${f2(y + r)} ` +
    `C ${f2(x - k)} ${f2(y + r)} ${f2(x - r)} ${f2(y + k)} ${f2(x - r)} ${f2(y)} ` +
    `C ${f2(x - r)} ${f2(y - k)} ${f2(x - k)} ${f2(y - r)} ${f2(x)} ${f2(y - r)} ` +
    `C ${f2(x + k)} ${f2(y - r)} ${f2(x + r)} ${f2(y - k)} ${f2(x + r)} ${f2(y)} Z `
  );
}

function shapePath(shape: Shape, x: number, y: number, r: number): string {
  const poly = (pts: [number, number][]) => `M ${pts.map(([px, py]) => `${f2(px)} ${f2(py)}`).join(' L ')} Z `;
  switch (shape) {
    case 'square':
      return poly([[x - r * 0.85, y - r * 0.85], [x + r * 0.85, y - r * 0.85], [x + r * 0.85, y + r * 0.85], [x - r * 0.85, y + r * 0.85]]);
    case 'diamond':
      return poly([[x, y - r * 1.1], [x + r * 1.1, y], [x, y + r * 1.1], [x - r * 1.1, y]]);
    case 'triangle':
      return poly([[x, y - r * 1.15], [x + r, y + r * 0.75], [x - r, y + r * 0.75]]);
    case 'triangle-down':
      return poly([[x - r, y - r * 0.75], [x + r, y - r * 0.75], [x, y + r * 1.15]]);
    case 'hexagon':
      return poly(Array.from({ length: 6 }, (_, i) => [x + r * Math.cos((Math.PI / 3) * i), y + r * Math.sin((Math.PI / 3) * i)] as [number, number]));
  }
}

const scoreBand = (score: number | null) => (score === null ? UNSCORED : SCORE_BANDS.find((b) => score >= b.min)!);

/**
 * Draws the figure at the cursor. `numbered` identifiers (the first rows of
 * the shared-identifier table) get their number beside the node.
 */
export function ringGraphFigure(flow: PageFlow, layout: GraphLayout, opts: { size?: number; numbered?: number; view?: FigureView | null } = {}): void {
  const size = Math.min(opts.size ?? CONTENT_WIDTH, CONTENT_WIDTH);
  const legendRows = 7;
  const view = opts.view && opts.view.groups.length > 0 ? opts.view : null;
  // Members drawn one by one: not in a collapsed group, and not hidden by the saved window.
  const collapsed = (i: number) => view !== null && view.groupOf[i] >= 0 && !view.groups[view.groupOf[i]].expanded;
  const hidden = (i: number) => view !== null && view.outside[i] && view.mode === 'hide';
  const drawnAccount = (i: number) => !collapsed(i) && !hidden(i);
  flow.need(size + 20 + legendRows * 11);
  const pad = 10;
  const left = MARGIN.left + (CONTENT_WIDTH - size) / 2;
  const top = flow.y;
  flow.page.drawRectangle({ x: left, y: A4.height - top - size, width: size, height: size, borderColor: LINE, borderWidth: 0.6 });
  const inner = size - pad * 2;
  const px = (x: number) => left + pad + x * inner;
  const py = (y: number) => top + pad + y * inner;

  const nAccounts = layout.accounts.length;
  // Dots shrink as rings grow, but stay visible when printed.
  const dot = Math.max(1.25, Math.min(3.2, 55 / Math.sqrt(Math.max(1, nAccounts))));
  const maxReach = Math.max(1, ...layout.identifiers.map((s) => s.accounts));
  // Identifier marks shrink when there are many of them, so they do not bury the accounts.
  const crowd = layout.identifiers.length > 60 ? 0.7 : 1;
  const hubSize = (accounts: number) => crowd * (2.4 + 4.6 * Math.sqrt(accounts / maxReach));

  // Edges: one path, drawn first, so that nodes sit on top.
  const edgeParts: string[] = [];
  // A collapsed group has one line per identifier its members use, however many of them use it.
  const groupLinks = new Set<string>();
  for (const [a, s] of layout.edges) {
    const q = layout.identifiers[s];
    if (collapsed(a)) {
      const g = view!.groupOf[a];
      const key = `${g}:${s}`;
      if (groupLinks.has(key)) continue;
      groupLinks.add(key);
      const G = view!.groups[g];
      edgeParts.push(`M ${f2(px(G.x))} ${f2(py(G.y))} L ${f2(px(q.x))} ${f2(py(q.y))}`);
      continue;
    }
    if (hidden(a)) continue;
    const p = layout.accounts[a];
    edgeParts.push(`M ${f2(px(p.x))} ${f2(py(p.y))} L ${f2(px(q.x))} ${f2(py(q.y))}`);
  }
  const edgeWidth = nAccounts > 500 ? 0.12 : nAccounts > 100 ? 0.2 : 0.35;
  for (let i = 0; i < edgeParts.length; i += 4000) {
    flow.page.drawSvgPath(edgeParts.slice(i, i + 4000).join(' '), { x: 0, y: A4.height, borderColor: rgb(0.6, 0.64, 0.7), borderWidth: edgeWidth, borderOpacity: 0.55 });
  }

  // Accounts, one path per score band.
  const bands = new Map<string, { colour: RGB; parts: string[] }>();
  // Expanded groups: a dashed box around their members, under the dots.
  for (const g of view?.groups ?? []) {
    if (!g.expanded) continue;
    const xs = g.members.map((i) => px(layout.accounts[i].x));
    const ys = g.members.map((i) => py(layout.accounts[i].y));
    const x0 = Math.min(...xs) - dot - 3, x1 = Math.max(...xs) + dot + 3, y0 = Math.min(...ys) - dot - 3, y1 = Math.max(...ys) + dot + 3;
    flow.page.drawRectangle({ x: x0, y: A4.height - y1, width: x1 - x0, height: y1 - y0, borderColor: rgb(0.14, 0.34, 0.78), borderWidth: 0.6, borderDashArray: [2, 1.5], color: rgb(0.93, 0.95, 0.99), opacity: 0.5 });
  }
  for (const [i, a] of layout.accounts.entries()) {
    if (!drawnAccount(i)) continue;
    const band = view?.outside[i] ? OUTSIDE_WINDOW : scoreBand(a.score);
    const entry = bands.get(band.label) ?? { colour: band.colour, parts: [] };
    entry.parts.push(circlePath(px(a.x), py(a.y), dot));
    bands.set(band.label, entry);
  }
  for (const { colour, parts } of bands.values()) {
    for (let i = 0; i < parts.length; i += 2000) {
      flow.page.drawSvgPath(parts.slice(i, i + 2000).join(''), { x: 0, y: A4.height, color: colour, borderColor: rgb(1, 1, 1), borderWidth: dot > 1.5 ? 0.3 : 0 });
    }
  }

  // Collapsed groups: a disc sized by its members, coloured by their mean score (pale when none is in the saved window).
  const groupRadius = figureGroupRadius;
  for (const g of view?.groups ?? []) {
    if (g.expanded) continue;
    const band = g.inWindow === 0 ? OUTSIDE_WINDOW : scoreBand(g.meanScore);
    flow.page.drawSvgPath(circlePath(px(g.x), py(g.y), groupRadius(g.members.length)), { x: 0, y: A4.height, color: band.colour, opacity: 0.9, borderColor: rgb(1, 1, 1), borderWidth: 1 });
    if (!bands.has(band.label)) bands.set(band.label, { colour: band.colour, parts: [] });
  }
  // Identifiers, one path per kind, outlined in white so they stand out of the dots.
  const kinds = new Map<string, string[]>();
  layout.identifiers.forEach((s) => {
    const style = IDENTIFIER_STYLE[s.kind] ?? OTHER_STYLE;
    const list = kinds.get(s.kind) ?? [];
    list.push(shapePath(style.shape, px(s.x), py(s.y), hubSize(s.accounts)));
    kinds.set(s.kind, list);
  });
  for (const [kind, parts] of kinds) {
    const style = IDENTIFIER_STYLE[kind] ?? OTHER_STYLE;
    flow.page.drawSvgPath(parts.join(''), { x: 0, y: A4.height, color: style.colour, borderColor: rgb(1, 1, 1), borderWidth: 0.6 });
  }
  // Accounts tied to the ring only through identifiers too small to draw sit in a row of their own: say so.
  const linked = new Set(layout.edges.map(([a]) => a));
  const unlinked = layout.accounts.filter((_, i) => !linked.has(i) && drawnAccount(i));
  if (unlinked.length > 0 && layout.identifiers.length > 0) {
    const x = Math.min(...unlinked.map((a) => px(a.x)));
    const y = Math.min(...unlinked.map((a) => py(a.y)));
    flow.text(`${unlinked.length} account${unlinked.length === 1 ? '' : 's'} linked through identifiers not drawn (see identifiers.csv)`, x - dot, y - dot - 9, {
      size: 6.5,
      color: MUTED,
    });
  }
  // Labels: the largest groups, then the numbered identifiers; placed so that none overlaps another
  // or leaves the frame (a leader line when one had to move away from its mark; left out when no spot is free).
  const numbered = Math.min(opts.numbered ?? 0, layout.identifiers.length);
  const labels: { text: string; size: number; bold: boolean; req: LabelRequest }[] = [];
  const labelled = (view?.groups ?? []).slice(0, LABELLED_GROUPS);
  for (const g of labelled) {
    const text = g.inWindow < g.members.length ? `${g.label} (${g.inWindow} in window)` : g.label;
    const r = g.expanded ? 4 : groupRadius(g.members.length);
    labels.push({ text, size: 6.2, bold: false, req: { x: px(g.x), y: py(g.y), r, w: flow.width(text, 6.2) + 3, h: 8 } });
  }
  for (let i = 0; i < numbered; i++) {
    const s = layout.identifiers[i];
    const text = String(i + 1);
    labels.push({ text, size: 7, bold: true, req: { x: px(s.x), y: py(s.y), r: hubSize(s.accounts), w: flow.width(text, 7, flow.fonts.bold) + 3, h: 8.5 } });
  }
  const marks: Box[] = (view?.groups ?? []).filter((g) => !g.expanded).map((g) => {
    const r = groupRadius(g.members.length);
    return { x: px(g.x) - r, y: py(g.y) - r, w: 2 * r, h: 2 * r };
  });
  const placed = placeLabels(labels.map((l) => l.req), { x: left + 2, y: top + 2, w: size - 4, h: size - 4 }, marks);
  let unplaced = 0;
  placed.forEach((p, i) => {
    const l = labels[i];
    if (!p) {
      unplaced++;
      return;
    }
    if (p.leader) flow.page.drawLine({ start: { x: p.leader.x1, y: A4.height - p.leader.y1 }, end: { x: p.leader.x2, y: A4.height - p.leader.y2 }, thickness: 0.4, color: MUTED });
    flow.page.drawRectangle({ x: p.x, y: A4.height - p.y - l.req.h, width: l.req.w, height: l.req.h, color: rgb(1, 1, 1), opacity: 0.9 });
    flow.text(l.text, p.x + 1.5, p.y + (l.req.h - l.size) / 2, { size: l.size, font: l.bold ? flow.fonts.bold : flow.fonts.regular });
  });
  flow.y = top + size + 8;
  if (view) {
    const shown = Math.min(LABELLED_GROUPS, view.groups.length);
    const note =
      `${view.groups.length} groups of members sharing a card, subnet or other identifier (${view.groups.filter((g) => g.expanded).length} expanded); ` +
      `the ${shown} largest are labelled${unplaced ? `; ${unplaced} label${unplaced === 1 ? '' : 's'} left out for want of room` : ''}.` +
      (view.saved ? ` Drawn as saved into the case: \u201c${view.saved.name}\u201d by ${view.saved.author}, ${new Date(view.saved.at).toISOString().slice(0, 16).replace('T', ' ')} UTC (${view.saved.summary}).` : '');
    for (const line of flow.wrap(note, 7.5, CONTENT_WIDTH)) {
      flow.text(line, MARGIN.left, flow.y, { size: 7.5, color: MUTED });
      flow.y += 9.5;
    }
    flow.y += 2;
  }

  // Legend: what the marks mean, in two columns.
  const items: { label: string; draw: (x: number, y: number) => void }[] = [];
  if (view) {
    items.push({ label: 'group of accounts (disc sized by members)', draw: (x, y) => flow.page.drawSvgPath(circlePath(x, y, 3.6), { x: 0, y: A4.height, color: SCORE_BANDS[0].colour, opacity: 0.9 }) });
    if (view.groups.some((g) => g.expanded))
      items.push({ label: 'dashed box: an expanded group', draw: (x, y) => flow.page.drawRectangle({ x: x - 4, y: A4.height - y - 3, width: 8, height: 6, borderColor: rgb(0.14, 0.34, 0.78), borderWidth: 0.6, borderDashArray: [2, 1.5] }) });
  }
  for (const band of [...SCORE_BANDS, UNSCORED, OUTSIDE_WINDOW]) {
    if (!bands.has(band.label)) continue;
    items.push({ label: band.label, draw: (x, y) => flow.page.drawSvgPath(circlePath(x, y, 2.6), { x: 0, y: A4.height, color: band.colour }) });
  }
  for (const kind of kinds.keys()) {
    const style = IDENTIFIER_STYLE[kind] ?? OTHER_STYLE;
    items.push({ label: style.label, draw: (x, y) => flow.page.drawSvgPath(shapePath(style.shape, x, y, 3.4), { x: 0, y: A4.height, color: style.colour }) });
  }
  items.push({
    label: 'line: the account uses the identifier',
    draw: (x, y) => flow.page.drawLine({ start: { x: x - 4, y: A4.height - y }, end: { x: x + 4, y: A4.height - y }, thickness: 0.8, color: rgb(0.6, 0.64, 0.7) }),
  });
  const perColumn = Math.ceil(items.length / 3);
  const colWidth = CONTENT_WIDTH / 3;
  items.forEach((item, i) => {
    const col = Math.floor(i / perColumn);
    const row = i % perColumn;
    const x = MARGIN.left + col * colWidth + 6;
    const y = flow.y + row * 11 + 4;
    item.draw(x, y);
    flow.text(item.label, x + 8, y - 3.6, { size: 7.5, color: MUTED });
  });
  flow.y += perColumn * 11 + 6;
}
