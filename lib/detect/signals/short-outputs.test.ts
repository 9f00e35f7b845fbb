import { describe, expect, it } from 'vitest';
import { context, features } from '../../../tools/testing/features';
import { shortOutputs } from './short-outputs';

describe('SHORT_OUTPUTS (mitigating)', () => {
  it('is full strength for one-word labels, with the average length in words', () => {
    const out = shortOutputs.evaluate(features({ n: 5_000, avgOutput: 3, shortAnswer: 5_000 }), context());
    expect(out).toEqual({ strength: 1, detail: 'answers average 3 tokens' });
  });

  it('is absent for long answers worth distilling', () => {
    expect(shortOutputs.evaluate(features({ n: 500, avgOutput: 900 }), context()).strength).toBe(0);
  });

  it('says nothing about an account with too few exchanges to judge', () => {
    expect(shortOutputs.evaluate(features({ n: 7, avgOutput: 1 }), context()).strength).toBe(0);
  });
});
