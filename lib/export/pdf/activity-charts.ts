/**
 * Vector charts of a case's activity over time, drawn straight into the
 * PDF: requests per day with the number of active accounts, and requests by
 * hour of day (UTC), from the per-day rollups detection keeps (account_days).
 */
import { rgb } from 'pdf-lib';
import { A4, CONTENT_WIDTH, INK, LINE, MARGIN, MUTED, type PageFlow } from './page-flow';

export interface DailyPoint {
  day: string;
  events: number;
  accounts: number;
  outputTokens: number;
}

const BAR = rgb(0.36, 0.52, 0.85);
const LINE_COLOUR = rgb(0.8, 0.33, 0.1);

/** A round number at or above `max` whose quarters are round too. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 1.2, 1.6, 2, 2.4, 3.2, 4, 6, 8, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

const compact = (n: number) =>
  n >= 1e9 ? `${+(n / 1e9).toFixed(1)}B` : n >= 1e6 ? `${+(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${+(n / 1e3).toFixed(1)}k` : String(+n.toFixed(1));

interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
}

function axes(flow: PageFlow, f: Frame, yMax: number, label: string, right?: { max: number; label: string }): void {
  const size = 6.5;
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    const y = A4.height - (f.top + f.height - (f.height * i) / 4);
    flow.page.drawLine({ start: { x: f.left, y }, end: { x: f.left + f.width, y }, thickness: i === 0 ? 0.6 : 0.3, color: i === 0 ? MUTED : LINE });
    const text = compact(v);
    flow.text(text, f.left - 4 - flow.width(text, size), f.top + f.height - (f.height * i) / 4 - size / 2, { size, color: MUTED });
    if (right) {
      const r = compact((right.max * i) / 4);
      flow.text(r, f.left + f.width + 4, f.top + f.height - (f.height * i) / 4 - size / 2, { size, color: LINE_COLOUR });
    }
  }
  flow.text(label, f.left, f.top - 11, { size: 7, color: MUTED });
  if (right) flow.text(right.label, f.left + f.width - flow.width(right.label, 7), f.top - 11, { size: 7, color: LINE_COLOUR });
}

export function dailyActivityChart(flow: PageFlow, points: DailyPoint[]): void {
  const height = 120;
  flow.need(height + 50);
  const f: Frame = { left: MARGIN.left + 34, top: flow.y + 14, width: CONTENT_WIDTH - 34 - 30, height };
  const yMax = niceMax(Math.max(0, ...points.map((p) => p.events)));
  const aMax = niceMax(Math.max(0, ...points.map((p) => p.accounts)));
  axes(flow, f, yMax, 'requests per day (bars)', { max: aMax, label: 'active accounts (line)' });
  const n = Math.max(1, points.length);
  const slot = f.width / n;
  const base = A4.height - (f.top + f.height);
  points.forEach((p, i) => {
    const h = (p.events / yMax) * f.height;
    if (h > 0) flow.page.drawRectangle({ x: f.left + i * slot + slot * 0.15, y: base, width: slot * 0.7, height: h, color: BAR });
  });
  if (points.length > 1) {
    const path = points
      .map((p, i) => `${i === 0 ? 'M' : 'L'} ${(f.left + i * slot + slot / 2).toFixed(2)} ${(f.top + f.height - (p.accounts / aMax) * f.height).toFixed(2)}`)
      .join(' ');
    flow.page.drawSvgPath(path, { x: 0, y: A4.height, borderColor: LINE_COLOUR, borderWidth: 1.1 });
  }
  // Day labels: about eight, evenly spaced, plus the last.
  const every = Math.max(1, Math.ceil(n / 8));
  points.forEach((p, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    if (i !== n - 1 && n - 1 - i < every / 2) return;
    const text = p.day.slice(5);
    flow.text(text, f.left + i * slot + slot / 2 - flow.width(text, 6.5) / 2, f.top + f.height + 3, { size: 6.5, color: MUTED });
  });
  flow.y = f.top + f.height + 18;
}

export function hourlyChart(flow: PageFlow, hours: number[]): void {
  const height = 80;
  flow.need(height + 46);
  const f: Frame = { left: MARGIN.left + 34, top: flow.y + 14, width: CONTENT_WIDTH - 34 - 30, height };
  const total = hours.reduce((s, h) => s + h, 0);
  const yMax = niceMax(Math.max(0, ...hours));
  axes(flow, f, yMax, 'requests by hour of day (UTC), whole window');
  const slot = f.width / 24;
  const base = A4.height - (f.top + f.height);
  hours.forEach((count, h) => {
    const barH = (count / yMax) * f.height;
    if (barH > 0) flow.page.drawRectangle({ x: f.left + h * slot + slot * 0.12, y: base, width: slot * 0.76, height: barH, color: BAR });
    if (h % 3 === 0) {
      const text = `${String(h).padStart(2, '0')}h`;
      flow.text(text, f.left + h * slot + slot / 2 - flow.width(text, 6.5) / 2, f.top + f.height + 3, { size: 6.5, color: MUTED });
    }
  });
  const quiet = total > 0 ? Math.min(...hours) / (total / 24) : 0;
  flow.y = f.top + f.height + 16;
  flow.paragraph(
    total === 0
      ? 'No activity recorded in the window.'
      : `The quietest hour carries ${Math.round(quiet * 100)}% of an average hour's requests. A person or a team shows a night-time lull; ` +
          'a flat profile means automation running round the clock.',
    { size: 7.5, color: INK },
  );
}
