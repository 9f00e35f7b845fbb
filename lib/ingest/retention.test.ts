import { describe, expect, it } from 'vitest';
import { rng, shuffled } from '../../tools/testing/evidence-scenario';
import { admitEvidence, CandidatePicker, compareKeys, RETENTION, type EvidenceKey } from './retention';


const key = (ts: number, template: number, rid = ts * 7 + template): EvidenceKey => ({ ts, rid, template });
const id = (k: EvidenceKey) => `${k.ts}:${k.rid}`;

/** The rule as the README states it, on one account's events as a set. */
function reference(events: EvidenceKey[]): string[] {
  const distinct = [...new Map(events.map((e) => [id(e), e])).values()].sort(compareKeys);
  const perTemplate = new Map<number, number>();
  const candidates = distinct.filter((e) => {
    const n = perTemplate.get(e.template | 0) ?? 0;
    perTemplate.set(e.template | 0, n + 1);
    return n < RETENTION.PER_TEMPLATE;
  });
  return candidates.slice(0, RETENTION.PER_ACCOUNT).map(id);
}

/** Feed events one by one, as the writer does; returns the kept keys. */
function feed(events: EvidenceKey[], kept: EvidenceKey[] = []): string[] {
  for (const e of events) admitEvidence(kept, e);
  return kept.map(id);
}


describe('admitEvidence', () => {
  it('keeps the first PER_TEMPLATE exchanges of each template by time, whatever order they come in', () => {
    const late = [key(30, 7), key(20, 7), key(10, 7), key(40, 8)];
    expect(feed(late)).toEqual([key(10, 7), key(20, 7), key(40, 8)].map(id));
  });

  it('evicts the template’s third and the account’s 25th when an earlier exchange arrives', () => {
    const kept: EvidenceKey[] = [];
    feed([key(20, 1), key(30, 1)], kept);
    expect(admitEvidence(kept, key(10, 1))).toEqual({ keep: true, evict: key(30, 1) });
    const full: EvidenceKey[] = [];
    feed(Array.from({ length: RETENTION.PER_ACCOUNT }, (_, i) => key(100 + i, i)), full);
    expect(admitEvidence(full, key(200, 999))).toEqual({ keep: false, evict: null });
    expect(admitEvidence(full, key(1, 999))).toEqual({ keep: true, evict: key(100 + RETENTION.PER_ACCOUNT - 1, RETENTION.PER_ACCOUNT - 1) });
    expect(full).toHaveLength(RETENTION.PER_ACCOUNT);
  });

  it('a duplicate changes nothing and uses no quota', () => {
    const kept: EvidenceKey[] = [];
    feed([key(1, 5), key(2, 5)], kept);
    const before = kept.map(id);
    for (let i = 0; i < 10; i++) expect(admitEvidence(kept, key(1, 5))).toEqual({ keep: false, evict: null });
    expect(kept.map(id)).toEqual(before);
    // A duplicate of an exchange that was not kept changes nothing either.
    expect(admitEvidence(kept, key(3, 5))).toEqual({ keep: false, evict: null });
    expect(admitEvidence(kept, key(3, 6)).keep).toBe(true);
  });

  it('treats negative and unsigned forms of a 32-bit template as one', () => {
    const kept: EvidenceKey[] = [];
    expect([1, 2, 3].map((ts) => admitEvidence(kept, key(ts, ts === 2 ? 0xfffffffb : -5)).keep)).toEqual([true, true, false]);
  });

  it('property: the kept set is the rule applied to the set of events, for any order, split, duplicates and resumption', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed);
      const templates = 1 + r(40);
      // One template per key: the same exchange seen twice is the same exchange.
      const events = Array.from({ length: 1 + r(120) }, () => {
        const [ts, rid] = [r(500), r(3)];
        return key(ts, (ts * 31 + rid * 17) % templates, rid);
      });
      const expected = reference(events);
      // In time order, shuffled, with duplicates, and resumed from a prefix's result.
      expect(feed([...events].sort(compareKeys))).toEqual(expected);
      const order = shuffled(events, r);
      expect(feed(order)).toEqual(expected);
      const withDuplicates = shuffled([...events, ...events.filter(() => r(3) === 0)], r);
      expect(feed(withDuplicates)).toEqual(expected);
      const cut = r(order.length + 1);
      const resumed: EvidenceKey[] = [];
      feed(order.slice(0, cut), resumed);
      // A rerun feeds everything again on top of what the first run kept.
      expect(feed(order, resumed)).toEqual(expected);
    }
  });
});

describe('CandidatePicker', () => {
  it('property: a parser that sees any part of the stream, in any order, offers every prompt the writer keeps from that part', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const r = rng(seed);
      const accounts = 1 + r(6);
      const templates = 1 + r(40);
      const n = 1 + r(1500);
      // Mostly in time order with jitter, or fully shuffled, with some duplicates.
      let stream = Array.from({ length: n }, (_, i) => ({ account: `a${r(accounts)}`, ...key(i * 10 + r(seed % 2 ? 2000 : 30), r(templates), i) }));
      if (seed % 3 === 0) stream = shuffled(stream, r);
      stream = stream.flatMap((e) => (r(10) === 0 ? [e, e] : [e]));
      const keptByAccount = new Map<string, Set<string>>();
      for (let a = 0; a < accounts; a++) {
        keptByAccount.set(`a${a}`, new Set(reference(stream.filter((e) => e.account === `a${a}`))));
      }
      // This parser sees every other chunk of 50 lines.
      const picker = new CandidatePicker<string>();
      let offered = 0;
      stream.forEach((e, i) => {
        if (Math.floor(i / 50) % 2 !== 0) return;
        const candidate = picker.candidate(e.account, e.template, e.ts);
        if (candidate) offered++;
        if (keptByAccount.get(e.account)!.has(id(e))) expect(candidate).toBe(true);
      });
      expect(offered).toBeLessThanOrEqual(n * 2);
    }
  });

  it('offers little more than it takes on input in time order', () => {
    const picker = new CandidatePicker<string>();
    let offered = 0;
    for (let i = 0; i < 100_000; i++) if (picker.candidate(`a${i % 100}`, i % 37, i)) offered++;
    expect(offered).toBe(100 * RETENTION.PER_ACCOUNT);
  });

  it('grows to hold many accounts without mixing them up', () => {
    const p = new CandidatePicker<number>();
    for (let a = 0; a < 50_000; a++) expect(p.candidate(a, a % 3, 10)).toBe(true);
    for (let a = 0; a < 50_000; a++) expect(p.candidate(a, a % 3, 20)).toBe(true);
    for (let a = 0; a < 50_000; a += 997) expect(p.candidate(a, a % 3, 30)).toBe(false);
    for (let a = 0; a < 50_000; a += 997) expect(p.candidate(a, a % 3, 15)).toBe(true);
  });
});
