import { describe, expect, it } from 'vitest';
import { context, features } from '../../../tools/testing/features';
import { reasoningHarvest } from './reasoning-harvest';

describe('REASONING_HARVEST', () => {
  it('is full strength when most output is long visible reasoning, with share and size in words', () => {
    const out = reasoningHarvest.evaluate(features({ n: 200, avgOutput: 2_000, reasoningTokens: 200 * 1_600 }), context());
    expect(out.strength).toBe(1);
    expect(out.detail).toBe('80% of output tokens are visible reasoning (1600 a request)');
  });

  it('a little reasoning on short answers is ordinary use of a reasoning model', () => {
    expect(reasoningHarvest.evaluate(features({ n: 200, avgOutput: 300, reasoningTokens: 200 * 100 }), context()).strength).toBe(0);
  });

  it('no reasoning, no signal', () => {
    expect(reasoningHarvest.evaluate(features({ n: 200, avgOutput: 800 }), context()).strength).toBe(0);
  });

  it('says nothing without output or with too few exchanges', () => {
    expect(reasoningHarvest.evaluate(features({ n: 200, avgOutput: 0 }), context()).strength).toBe(0);
    expect(reasoningHarvest.evaluate(features({ n: 7, avgOutput: 2_000, reasoningTokens: 7 * 1_800 }), context()).strength).toBe(0);
  });
});
