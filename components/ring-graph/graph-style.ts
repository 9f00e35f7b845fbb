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
