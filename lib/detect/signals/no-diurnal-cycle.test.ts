import { describe, expect, it } from 'vitest';
import { context, features } from '../../../tools/testing/features';
import { noDiurnalCycle } from './no-diurnal-cycle';

const everyHour = Array.from({ length: 24 }, (_, h) => h);

describe('NO_DIURNAL_CYCLE', () => {
  it('is full strength for traffic round the clock, and counts the hours', () => {
    const out = noDiurnalCycle.evaluate(features({ n: 2_400, hours: { spread: everyHour } }), context());
    expect(out.strength).toBe(1);
    expect(out.detail).toBe('active in 24 of 24 hours of the day, with no night-time lull');
  });

  it('hard negative: a human day (office hours, nights off) has a rhythm', () => {
    const out = noDiurnalCycle.evaluate(features({ n: 2_400, hours: { spread: [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20] } }), context());
    expect(out.strength).toBe(0);
    expect(out.detail).toContain('active in 13 of 24 hours');
  });

  it('a trickle at night below 1/48 of the traffic does not count as activity', () => {
    const hours = new Array<number>(24).fill(1);
    for (let h = 9; h < 18; h++) hours[h] = 100;
    const out = noDiurnalCycle.evaluate(features({ n: 915, hours }), context());
    expect(out.strength).toBe(0);
  });

  it('says nothing about an account with too few requests to judge', () => {
    expect(noDiurnalCycle.evaluate(features({ n: 47, hours: { spread: everyHour } }), context()).strength).toBe(0);
  });
});
