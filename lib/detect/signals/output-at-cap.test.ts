import { describe, expect, it } from 'vitest';
import { context, features } from '../../../tools/testing/features';
import { outputAtCap } from './output-at-cap';

describe('OUTPUT_AT_CAP', () => {
  it('is full strength when answers are pushed to the length cap, with the share in words', () => {
    const out = outputAtCap.evaluate(features({ n: 800, atCap: 400, bigCap: 800, avgOutput: 4_000 }), context());
    expect(out.strength).toBe(1);
    expect(out.detail).toBe('50% of answers ran to the output cap (over 1,024 tokens, stopped by max_tokens)');
  });

  it('ignores the odd answer that runs long', () => {
    expect(outputAtCap.evaluate(features({ n: 800, atCap: 8 }), context()).strength).toBe(0);
  });

  it('says nothing about an account with too few exchanges to judge', () => {
    expect(outputAtCap.evaluate(features({ n: 7, atCap: 7 }), context()).strength).toBe(0);
  });
});
