import { describe, expect, it } from 'vitest';
import { context, features } from '../../../tools/testing/features';
import { gradingAndRewrites } from './grading-and-rewrites';

describe('GRADING_AND_REWRITES', () => {
  it('is full strength when the model is used as a grader and a "safe" rewriter, with both shares in words', () => {
    const out = gradingAndRewrites.evaluate(features({ n: 300, rubric: 100, safeRewrite: 50 }), context());
    expect(out.strength).toBe(1);
    expect(out.detail).toBe('33% of prompts ask the model to grade against a rubric and 17% ask for a "safe" rewrite');
  });

  it('rewrites alone are enough', () => {
    expect(gradingAndRewrites.evaluate(features({ n: 100, safeRewrite: 40 }), context()).strength).toBe(1);
  });

  it('ignores the odd grading request of an ordinary user', () => {
    expect(gradingAndRewrites.evaluate(features({ n: 200, rubric: 4, safeRewrite: 2 }), context()).strength).toBe(0);
  });

  it('says nothing about an account with too few exchanges to judge', () => {
    expect(gradingAndRewrites.evaluate(features({ n: 7, rubric: 7 }), context()).strength).toBe(0);
  });
});
