import { describe, expect, it } from 'vitest';
import { median, percentile, summarize } from './stats';

describe('percentile (nearest rank)', () => {
  const twenty = Array.from({ length: 20 }, (_, i) => 20 - i); // 20, 19, …, 1: order must not matter

  it('takes the smallest sample with at least q of the samples at or below it', () => {
    expect(percentile(twenty, 0.95)).toBe(19);
    expect(percentile(twenty, 0.5)).toBe(10);
    expect(percentile(twenty, 1)).toBe(20);
    expect(percentile(twenty, 0)).toBe(1);
  });

  it('is the only sample of one', () => {
    expect(percentile([7], 0.95)).toBe(7);
  });

  it('does not reorder its input', () => {
    const input = [3, 1, 2];
    percentile(input, 0.5);
    expect(input).toEqual([3, 1, 2]);
  });

  it('refuses no samples and a quantile outside 0…1', () => {
    expect(() => percentile([], 0.5)).toThrow(/no samples/);
    expect(() => percentile([1], 1.5)).toThrow(/quantile/);
    expect(() => percentile([1], Number.NaN)).toThrow(/quantile/);
  });
});

describe('median', () => {
  it('is the middle sample of an odd count and the mean of the middle two of an even one', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('refuses no samples', () => {
    expect(() => median([])).toThrow(/no samples/);
  });
});

describe('summarize', () => {
  it('reports runs, median, p95, min and max to 0.1 ms', () => {
    const samples = [12.34, 10.01, 11.26, 30.55, 10.5];
    expect(summarize(samples)).toEqual({ runs: 5, median_ms: 11.3, p95_ms: 30.6, min_ms: 10, max_ms: 30.6 });
  });
});
