import { describe, expect, it } from 'vitest';
import { at, context, features } from '../../../tools/testing/features';
import { newAccountFullThrottle } from './new-account-full-throttle';

/** `perDay` requests on each of `days` days from day `from`. */
const flat = (from: number, days: number, perDay: number) => Object.fromEntries(Array.from({ length: days }, (_, i) => [from + i, perDay]));

describe('NEW_ACCOUNT_FULL_THROTTLE', () => {
  it('is full strength for an account at its working rate from its first day, with age and rate in words', () => {
    const farmed = features({ n: 3_000, firstTs: at(10, 2), lastTs: at(20, 2), days: flat(10, 10, 300) });
    const out = newAccountFullThrottle.evaluate(farmed, context({ createdAt: at(10, 0) }));
    expect(out.strength).toBe(1);
    expect(out.detail).toBe('began within 0.1 days of sign-up at 300 requests a day, with no ramp-up');
  });

  it('hard negative: a new product ramping up week by week is how people and products start', () => {
    const days: Record<number, number> = {};
    let n = 0;
    for (let d = 10; d < 30; d++) n += days[d] = 5 * (d - 9) * (d - 9);
    const ramping = features({ n, firstTs: at(10, 9), lastTs: at(29, 17), days });
    expect(newAccountFullThrottle.evaluate(ramping, context({ createdAt: at(10, 8) })).strength).toBe(0);
  });

  it('an old account is not new, however busy', () => {
    const busy = features({ n: 3_000, firstTs: at(0, 0), lastTs: at(10, 0), days: flat(0, 10, 300) });
    expect(newAccountFullThrottle.evaluate(busy, context({ createdAt: at(-200) })).strength).toBe(0);
  });

  it('an account that waited weeks after sign-up before its first request is not at full throttle from sign-up', () => {
    const late = features({ n: 3_000, firstTs: at(20, 2), lastTs: at(29, 2), days: flat(20, 10, 300) });
    expect(newAccountFullThrottle.evaluate(late, context({ createdAt: at(2, 0) })).strength).toBe(0);
  });

  it('says nothing without a sign-up date or with too few requests', () => {
    expect(newAccountFullThrottle.evaluate(features({ n: 3_000 }), context({ createdAt: null })).strength).toBe(0);
    const few = features({ n: 39, firstTs: at(10, 2), lastTs: at(11, 2), days: { 10: 39 } });
    expect(newAccountFullThrottle.evaluate(few, context({ createdAt: at(10, 0) })).strength).toBe(0);
  });
});
