import { describe, expect, it } from 'vitest';
import { RETENTION, RetentionCounter } from './retention';

const takeAll = (r: RetentionCounter<string>, events: [string, number][]) => events.map(([a, t]) => r.take(a, t));

describe('RetentionCounter', () => {
  it('keeps PER_TEMPLATE prompts of each template', () => {
    const r = new RetentionCounter<string>();
    expect(takeAll(r, [['a', 7], ['a', 7], ['a', 7], ['a', 8], ['b', 7]])).toEqual([true, true, false, true, true]);
  });

  it('keeps at most PER_ACCOUNT prompts per account, then nothing more', () => {
    const r = new RetentionCounter<string>();
    const kept = takeAll(r, Array.from({ length: 40 }, (_, i): [string, number] => ['a', i]));
    expect(kept.filter(Boolean)).toHaveLength(RETENTION.PER_ACCOUNT);
    expect(kept.slice(0, RETENTION.PER_ACCOUNT).every(Boolean)).toBe(true);
    expect(r.take('a', 999)).toBe(false);
    expect(r.take('b', 999)).toBe(true);
  });

  it('treats negative and unsigned forms of a 32-bit template as one', () => {
    const r = new RetentionCounter();
    expect([r.take(1, -5), r.take(1, 0xfffffffb), r.take(1, -5)]).toEqual([true, true, false]);
  });

  it('seeds from what the store holds, so a re-ingest keeps the caps', () => {
    const r = new RetentionCounter();
    r.load([{ account: 3, template: 1, n: 2 }, { account: 4, template: 1, n: 30 }]);
    expect(r.take(3, 1)).toBe(false);
    expect(r.take(3, 2)).toBe(true);
    expect(r.take(4, 2)).toBe(false);
  });

  it('grows to hold many accounts without mixing them up', () => {
    const r = new RetentionCounter();
    for (let a = 0; a < 50_000; a++) expect(r.take(a, a % 3)).toBe(true);
    for (let a = 0; a < 50_000; a++) expect(r.take(a, a % 3)).toBe(true);
    for (let a = 0; a < 50_000; a += 997) expect(r.take(a, a % 3)).toBe(false);
  });

  it("a parser's candidates over part of the stream include every prompt the writer keeps from that part", () => {
    // Seeded pseudo-random stream of (account, template) pairs.
    let x = 12345;
    const rnd = (n: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) % n);
    const events = Array.from({ length: 20_000 }, (): [string, number] => [`acct_${rnd(40)}`, rnd(30)]);
    const writer = new RetentionCounter<string>();
    const parser = new RetentionCounter<string>();
    const kept = takeAll(writer, events);
    // The parser sees every other chunk of 100 events.
    events.forEach((e, i) => {
      if (Math.floor(i / 100) % 2 !== 0) return;
      const candidate = parser.take(e[0], e[1]);
      if (kept[i]) expect(candidate).toBe(true);
    });
    expect(kept.filter(Boolean).length).toBeGreaterThan(300);
  });
});
