/** The case file's ring figure of a big ring: grouped as the dashboard groups it, with the saved view's expanded groups and time window. */
import { describe, expect, it } from 'vitest';
import { graphViewSchema } from '../domain/graph-view';
import { figureGroupRadius, figureView } from './figure-view';
import type { GraphLayout } from './graph-layout';

function bigRing(n = 2000): { layout: GraphLayout; dates: { signup: string; first: string; last: string }[] } {
  const accounts = Array.from({ length: n }, (_, i) => ({ id: `acct_${i}`, score: 0.9, x: (i % 50) / 50, y: Math.floor(i / 50) / 40 }));
  const identifiers = Array.from({ length: 14 }, (_, k) => ({ kind: 'payment_fp', value: `pm_${k}`, accounts: 0, x: 0.5, y: 0.5 }));
  const edges: [number, number][] = accounts.map((_, i) => [i, i % 14]);
  const dates = accounts.map((_, i) => ({ signup: `2026-09-${String(1 + (i % 28)).padStart(2, '0')}`, first: '2026-10-01', last: '2026-10-30' }));
  return { layout: { accounts, identifiers, edges, source: 'stored' }, dates };
}

describe('figureView', () => {
  it('draws every group collapsed and nothing filtered when no view was saved', () => {
    const { layout, dates } = bigRing();
    const v = figureView(layout, dates, null);
    expect(v.groups).toHaveLength(14);
    expect(v.groups.every((g) => !g.expanded && g.inWindow === g.members.length)).toBe(true);
    expect(v.outside.some(Boolean)).toBe(false);
    expect(v.groupOf.every((g) => g >= 0)).toBe(true);
    // The discs no longer overlap once parted.
    for (let i = 0; i < v.groups.length; i++)
      for (let j = i + 1; j < v.groups.length; j++) {
        const a = v.groups[i], b = v.groups[j];
        const d = Math.hypot(a.x - b.x, a.y - b.y) * 495;
        expect(d).toBeGreaterThan(figureGroupRadius(a.members.length) + figureGroupRadius(b.members.length) - 0.5);
      }
  });

  it('expands the groups the saved view expanded and marks the members outside its window', () => {
    const { layout, dates } = bigRing();
    const view = graphViewSchema.parse({ expanded: ['g:i:payment_fp:pm_3'], window: { from: '2026-09-01', to: '2026-09-07', axis: 'signup', mode: 'hide' } });
    const v = figureView(layout, dates, { name: 'early sign-ups', author: 'ana', at: 0, summary: 's', view });
    expect(v.groups.filter((g) => g.expanded).map((g) => g.value)).toEqual(['pm_3']);
    expect(v.mode).toBe('hide');
    expect(v.outside.filter((o) => !o).length).toBe(dates.filter((d) => d.signup <= '2026-09-07').length);
    for (const g of v.groups) expect(g.inWindow).toBe(g.members.filter((i) => !v.outside[i]).length);
    expect(v.saved?.name).toBe('early sign-ups');
  });
});
