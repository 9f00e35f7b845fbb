import { describe, expect, it } from 'vitest';
import { at, context, features } from '../../../tools/testing/features';
import { planMismatch } from './plan-mismatch';

describe('PLAN_MISMATCH', () => {
  it('is full strength for enterprise-scale throughput on an unverified pay-as-you-go plan, with the rate in words', () => {
    const heavy = features({ n: 9_000, firstTs: at(0), lastTs: at(10), avgOutput: 300 });
    const out = planMismatch.evaluate(heavy, context({ plan: 'payg', verified: false }));
    expect(out.strength).toBe(1);
    expect(out.detail).toBe('900 requests and 450k tokens a day on an unverified payg plan');
  });

  it('token volume alone can show it: few, enormous requests', () => {
    const big = features({ n: 1_000, firstTs: at(0), lastTs: at(10), inputTokens: 1_000 * 10_000, avgOutput: 10_000 });
    expect(planMismatch.evaluate(big, context({ plan: 'startup', verified: false })).strength).toBe(1);
  });

  it('the same volume on an enterprise plan, or verified, is what those plans are for', () => {
    const heavy = features({ n: 9_000, firstTs: at(0), lastTs: at(10) });
    expect(planMismatch.evaluate(heavy, context({ plan: 'enterprise', verified: false })).strength).toBe(0);
    expect(planMismatch.evaluate(heavy, context({ plan: 'payg', verified: true })).strength).toBe(0);
  });

  it('ordinary volume on a small plan is fine', () => {
    expect(planMismatch.evaluate(features({ n: 600, firstTs: at(0), lastTs: at(29) }), context({ plan: 'payg' })).strength).toBe(0);
  });
});
