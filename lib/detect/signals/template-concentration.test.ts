import { describe, expect, it } from 'vitest';
import { context, features } from '../../../tools/testing/features';
import { shortOutputs } from './short-outputs';
import { templateConcentration } from './template-concentration';

describe('TEMPLATE_CONCENTRATION', () => {
  it('is full strength for a few templates sent thousands of times that draw long answers', () => {
    const out = templateConcentration.evaluate(features({ n: 5_000, templates: [2_500, 1_500, 750, 250], avgOutput: 1_200 }), context());
    expect(out.strength).toBe(1);
    expect(out.detail).toBe('100% of prompts fall into 5 templates, with answers of 1200 tokens on average');
  });

  it('hard negative: templated batch classification with one-word answers is a batch job, not extraction', () => {
    const batch = features({ n: 10_000, templates: [10_000], avgOutput: 2, shortAnswer: 10_000 });
    expect(templateConcentration.evaluate(batch, context()).strength).toBe(0);
    expect(shortOutputs.evaluate(batch, context()).strength).toBe(1);
  });

  it('ignores varied prompts, however long the answers', () => {
    expect(templateConcentration.evaluate(features({ n: 400, avgOutput: 1_500 }), context()).strength).toBe(0);
  });

  it('says nothing about an account with too few exchanges to judge', () => {
    expect(templateConcentration.evaluate(features({ n: 15, templates: [15], avgOutput: 2_000 }), context()).strength).toBe(0);
  });
});
