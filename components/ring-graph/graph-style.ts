/**
 * How the ring graph looks: identifier kinds as shapes and colours, accounts
 * as circles sized by volume and coloured by score or decision. Shared by the
 * Cytoscape stylesheet and the legend.
 */
import { scaleLinear } from 'd3';
import type { CaseStatus } from '../../lib/domain';

export const KIND_STYLE: Record<string, { shape: string; color: string; label: string }> = {
  payment_fp: { shape: 'diamond', color: '#7b5ea7', label: 'card' },
  subnet: { shape: 'hexagon', color: '#2f6f8f', label: 'subnet /24' },
  ip: { shape: 'triangle', color: '#3b8ea5', label: 'IP address' },
  signup_ip: { shape: 'tag', color: '#5f9cb0', label: 'sign-up IP' },
  client: { shape: 'round-rectangle', color: '#5f7f3a', label: 'client / TLS fingerprint' },
  email_domain: { shape: 'vee', color: '#b07d2b', label: 'e-mail domain' },
  email_pattern: { shape: 'rhomboid', color: '#c29a4a', label: 'e-mail pattern' },
  cohort: { shape: 'star', color: '#9a6b8f', label: 'sign-up cohort' },
  schedule: { shape: 'octagon', color: '#4f5d75', label: 'schedule' },
  template: { shape: 'barrel', color: '#7d838c', label: 'prompt template' },
  skeleton: { shape: 'cut-rectangle', color: '#5c6470', label: 'paraphrased prompt skeleton' },
};

export const FALLBACK_KIND = { shape: 'round-octagon', color: '#7d838c', label: 'other' };

export const kindStyle = (kind: string) => KIND_STYLE[kind] ?? { ...FALLBACK_KIND, label: kind };

export const scoreColor = scaleLinear<string>().domain([0, 0.5, 0.8, 1]).range(['#c3cddb', '#d9b36a', '#d0562d', '#a61e17']).clamp(true);

export const STATUS_COLOR: Record<CaseStatus | 'none', string> = {
  none: '#c3cddb',
  open: '#2357c6',
  confirmed: '#b3261e',
  dismissed: '#1f7a3d',
  escalated: '#a15c00',
  merged: '#7d838c',
};

/** SVG paths (in a 20×20 box) approximating Cytoscape's node shapes, for the legend. */
export const SHAPE_PATH: Record<string, string> = {
  ellipse: 'M10 2a8 8 0 1 0 0.01 0Z',
  diamond: 'M10 1 19 10 10 19 1 10Z',
  hexagon: 'M5 2h10l5 8-5 8H5L0 10Z',
  triangle: 'M10 2 19 18H1Z',
  tag: 'M2 4h11l5 6-5 6H2Z',
  'round-rectangle': 'M5 4h10a3 3 0 0 1 3 3v6a3 3 0 0 1-3 3H5a3 3 0 0 1-3-3V7a3 3 0 0 1 3-3Z',
  vee: 'M1 3 10 9 19 3 10 18Z',
  rhomboid: 'M6 4h13l-5 12H1Z',
  star: 'M10 1l2.6 5.6 6.1.7-4.5 4.2 1.2 6L10 14.5 4.6 17.5l1.2-6L1.3 7.3l6.1-.7Z',
  octagon: 'M7 2h6l5 5v6l-5 5H7l-5-5V7Z',
  barrel: 'M4 3h12q3 7 0 14H4q-3-7 0-14Z',
  'round-octagon': 'M7 2h6l5 5v6l-5 5H7l-5-5V7Z',
};

/*
 * Node colours, sizes and shapes, and edge widths, as classes rather than
 * Cytoscape `data(…)` mappers. Cytoscape works a mapped property out again
 * for every element that has one, and on the first frame of a 2,400-account
 * ring (467 nodes, 566 edges) the mappers cost about a third of Cytoscape's
 * create-to-drawn time (same page, same elements, five rounds each: ~0.37 s
 * with mappers, ~0.23 s with classes). A class's value is parsed once, in
 * the stylesheet. The steps are finer than the eye tells apart on a graph.
 */

const SCORE_STEPS = 20;
/** Score colour in steps of 0.05: `sc0` … `sc20`. */
export const scoreClass = (score: number): string =>
  `sc${Math.round(Math.min(1, Math.max(0, Number.isFinite(score) ? score : 0)) * SCORE_STEPS)}`;
/** A decision's colour: `st-open`, `st-confirmed`, … (`st-none` for none or an unknown one). */
export const statusClass = (status: string | null | undefined): string => `st-${status && status in STATUS_COLOR ? status : 'none'}`;
/** Whether a class is one of the fill classes above (a node has exactly one). */
export const isFillClass = (c: string): boolean => /^(sc\d+|st-[a-z]+)$/.test(c);

/** Account discs are drawn in whole even pixels (10 … 34): the size `sizeClass` gives. */
export const drawnSize = (px: number): number => Math.round(px / 2) * 2;
export const sizeClass = (px: number): string => `sz${drawnSize(px)}`;

/** An identifier kind's shape and colour: `k-payment_fp`, … (`k-other` for a kind the legend does not know). */
export const kindClass = (kind: string): string => `k-${kind in KIND_STYLE ? kind : 'other'}`;

const EDGE_WIDTH_STEPS = 10;
/** A group's edge to an identifier, wider the more of its members use it (0.8 px for one, 6 px from 80): `ew0` … `ew10`. */
export const edgeWidthClass = (members: number): string =>
  `ew${Math.round(((Math.min(80, Math.max(1, members)) - 1) / 79) * EDGE_WIDTH_STEPS)}`;

type Rule = { selector: string; style: Record<string, string | number> };

/** Account sizes, every fill and every kind, as stylesheet rules (their order among the other rules matters: see ring-graph.tsx). */
export function nodeClassRules(): Rule[] {
  const rules: Rule[] = [];
  for (let px = 10; px <= 34; px += 2) rules.push({ selector: `.sz${px}`, style: { width: px, height: px } });
  for (let k = 0; k <= SCORE_STEPS; k++) rules.push({ selector: `.sc${k}`, style: { 'background-color': scoreColor(k / SCORE_STEPS) } });
  for (const [status, color] of Object.entries(STATUS_COLOR)) rules.push({ selector: `.st-${status}`, style: { 'background-color': color } });
  for (const [kind, s] of [...Object.entries(KIND_STYLE), ['other', FALLBACK_KIND] as const]) rules.push({ selector: `.k-${kind}`, style: { shape: s.shape, 'background-color': s.color } });
  return rules;
}

export function edgeClassRules(): Rule[] {
  const rules: Rule[] = [];
  for (let k = 0; k <= EDGE_WIDTH_STEPS; k++) rules.push({ selector: `.ew${k}`, style: { width: +(0.8 + (5.2 * k) / EDGE_WIDTH_STEPS).toFixed(2), 'line-color': '#cfd6e0' } });
  return rules;
}
