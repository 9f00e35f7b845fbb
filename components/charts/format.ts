/** Number formats shared by the charts and tables. */
import { format } from 'd3';

const si = format('.2~s');

/** 1234 → "1.2k", 2500000 → "2.5M". */
export function compact(n: number): string {
  if (Math.abs(n) < 1000) return String(Math.round(n * 100) / 100);
  return si(n).replace('G', 'B');
}

export const percent = (share: number, digits = 0) => `${(share * 100).toFixed(digits)}%`;

export const score2 = (s: number) => s.toFixed(2);
