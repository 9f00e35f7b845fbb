import { describe, expect, it } from 'vitest';
import { context, features } from '../../testing/features';
import { probing } from './probing';

describe('PROBING', () => {
  it('is full strength for many phrasings of the same reasoning-extraction request, and counts them', () => {
    const out = probing.evaluate(features({ n: 200, cot: 100, cotTemplates: 20 }), context());
    expect(out.strength).toBe(1);
    expect(out.detail).toBe('20 different phrasings of requests for the model\'s reasoning');
  });

  it('hard negative: a benchmark sweep with one fixed "think step by step" phrasing is not probing', () => {
    expect(probing.evaluate(features({ n: 2_000, cot: 2_000, cotTemplates: 1 }), context()).strength).toBe(0);
  });

  it('many phrasings drowned in ordinary traffic are not probing', () => {
    expect(probing.evaluate(features({ n: 2_000, cot: 100, cotTemplates: 20 }), context()).strength).toBe(0);
  });

  it('says nothing below ten reasoning requests', () => {
    expect(probing.evaluate(features({ n: 12, cot: 9, cotTemplates: 9 }), context()).strength).toBe(0);
  });
});
