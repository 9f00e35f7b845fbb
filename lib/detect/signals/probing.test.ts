import { describe, expect, it } from 'vitest';
import { context, features } from '../../../tools/testing/features';
import { probing } from './probing';

/** A benchmark sweep's reasoning requests: the wording follows the items, so phrasings are many and mostly used once. */
const benchmarkPhrasings = [
  ...new Array<number>(100).fill(1),
  ...new Array<number>(60).fill(3),
  ...new Array<number>(30).fill(7),
  ...new Array<number>(10).fill(11),
  ...new Array<number>(4).fill(15),
];

describe('PROBING', () => {
  it('is full strength for a rotation of many phrasings of the same reasoning-extraction request, and says so', () => {
    const out = probing.evaluate(features({ n: 200, cot: 100, cotTemplates: 20 }), context());
    expect(out.strength).toBe(1);
    expect(out.detail).toBe(
      "20 phrasings of requests for the model's reasoning used over and over (about 5 times each), carrying 100% of them; 20 phrasings in all",
    );
  });

  it('a dozen paraphrases rotated thousands of times, with a tail of one-off probes, is full strength', () => {
    const f = features({ n: 2_000, cot: 1_900, cotTemplates: [...new Array<number>(12).fill(150), ...new Array<number>(100).fill(1)] });
    expect(probing.evaluate(f, context()).strength).toBe(1);
  });

  it('hard negative: a benchmark sweep with hundreds of item-specific phrasings, each used a few times, is not probing', () => {
    const cot = benchmarkPhrasings.reduce((s, c) => s + c, 0);
    const out = probing.evaluate(features({ n: Math.round(cot / 0.42), cot, cotTemplates: benchmarkPhrasings }), context());
    expect(out.strength).toBe(0);
    expect(out.detail).toMatch(/^4 phrasings .* carrying 9% of them; 204 phrasings in all$/);
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
