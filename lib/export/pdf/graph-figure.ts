/**
 * The ring graph as a vector figure: account dots coloured by score,
 * identifier nodes with one shape and colour per kind, a line for every use
 * of a drawn identifier, and a legend. Nodes of one style are drawn as one
 * path, so a ring of thousands of accounts stays a small, fast PDF.
 */
import { rgb, type RGB } from 'pdf-lib';
import type { GraphLayout } from '../graph-layout';
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
export function ringGraphFigure(flow: PageFlow, layout: GraphLayout, opts: { size?: number; numbered?: number } = {}): void {
  const size = Math.min(opts.size ?? CONTENT_WIDTH, CONTENT_WIDTH);
  const legendRows = 6;
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
  for (const [a, s] of layout.edges) {
    const p = layout.accounts[a];
    const q = layout.identifiers[s];
    edgeParts.push(`M ${f2(px(p.x))} ${f2(py(p.y))} L ${f2(px(q.x))} ${f2(py(q.y))}`);
  }
  const edgeWidth = nAccounts > 500 ? 0.12 : nAccounts > 100 ? 0.2 : 0.35;
  for (let i = 0; i < edgeParts.length; i += 4000) {
    flow.page.drawSvgPath(edgeParts.slice(i, i + 4000).join(' '), { x: 0, y: A4.height, borderColor: rgb(0.6, 0.64, 0.7), borderWidth: edgeWidth, borderOpacity: 0.55 });
  }

  // Accounts, one path per score band.
  const bands = new Map<string, { colour: RGB; parts: string[] }>();
  for (const a of layout.accounts) {
    const band = scoreBand(a.score);
    const entry = bands.get(band.label) ?? { colour: band.colour, parts: [] };
    entry.parts.push(circlePath(px(a.x), py(a.y), dot));
    bands.set(band.label, entry);
  }
  for (const { colour, parts } of bands.values()) {
    for (let i = 0; i < parts.length; i += 2000) {
      flow.page.drawSvgPath(parts.slice(i, i + 2000).join(''), { x: 0, y: A4.height, color: colour, borderColor: rgb(1, 1, 1), borderWidth: dot > 1.5 ? 0.3 : 0 });
    }
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
  const unlinked = layout.accounts.filter((_, i) => !linked.has(i));
  if (unlinked.length > 0 && layout.identifiers.length > 0) {
    const x = Math.min(...unlinked.map((a) => px(a.x)));
    const y = Math.min(...unlinked.map((a) => py(a.y)));
    flow.text(`${unlinked.length} account${unlinked.length === 1 ? '' : 's'} linked through identifiers not drawn (see identifiers.csv)`, x - dot, y - dot - 9, {
      size: 6.5,
      color: MUTED,
    });
  }
  const numbered = Math.min(opts.numbered ?? 0, layout.identifiers.length);
  for (let i = 0; i < numbered; i++) {
    const s = layout.identifiers[i];
    const label = String(i + 1);
    const r = hubSize(s.accounts);
    const x = px(s.x) + r + 1.5;
    const y = py(s.y) - 3.5;
    const w = flow.width(label, 7, flow.fonts.bold);
    flow.page.drawRectangle({ x: x - 1, y: A4.height - y - 8, width: w + 2, height: 8.5, color: rgb(1, 1, 1), opacity: 0.85 });
    flow.text(label, x, y, { size: 7, font: flow.fonts.bold });
  }
  flow.y = top + size + 8;

  // Legend: what the marks mean, in two columns.
  const items: { label: string; draw: (x: number, y: number) => void }[] = [];
  for (const band of [...SCORE_BANDS, UNSCORED]) {
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
