/**
 * Evidence retention: which prompts keep their full text.
 *
 * Every exchange keeps its facts (template fingerprint, flags, capability,
 * sizes) for ever. Full prompt text is kept for the first
 * PER_TEMPLATE exchanges of each template of each account, up to
 * PER_ACCOUNT per account, each cut at MAX_CHARS (its original length is
 * recorded). At 16 million exchanges over ~100,000 accounts this bounds
 * evidence text to about 1.7 million prompts whatever the traffic, while every
 * account keeps examples of each of the ways it writes.
 */
export const RETENTION = { PER_ACCOUNT: 24, PER_TEMPLATE: 2, MAX_CHARS: 256 * 1024 } as const;

const PER = RETENTION.PER_ACCOUNT;

/**
 * First-come counters per account and template. Keyed by account key in the
 * writer, by account id in the parse workers: a worker keeps the candidates
 * of the chunks it sees, a superset of the writer's choice (an exchange among
 * the first N of its account is among the first N of any subsequence), so
 * that the writer never re-parses a line to get its text.
 *
 * There is one of these in the writer and one in each parser, each holding
 * every account of the file, so the state is flat typed arrays rather than a
 * Map of Maps: per account one byte of count and the (at most PER_ACCOUNT)
 * templates already taken, ~100 bytes in all. Measured at 102 k accounts, the
 * Map-of-Maps version held ~30 MB per thread.
 */
export class RetentionCounter<K = number> {
  private slots = new Map<K, number>();
  private totals = new Uint8Array(1024);
  private taken = new Int32Array(1024 * PER);

  /** Seed from what the store already holds (so re-ingest keeps the same caps). */
  load(rows: Iterable<{ account: K; template: number; n: number }>): void {
    for (const r of rows) {
      const s = this.slot(r.account);
      for (let i = 0; i < r.n && this.totals[s] < PER; i++) this.taken[s * PER + this.totals[s]++] = r.template | 0;
    }
  }

  /** Whether to keep this exchange's text; counts it when so. */
  take(account: K, template: number): boolean {
    const s = this.slot(account);
    const total = this.totals[s];
    if (total >= PER) return false;
    const t = template | 0;
    const base = s * PER;
    let n = 0;
    for (let i = base; i < base + total; i++) if (this.taken[i] === t) n++;
    if (n >= RETENTION.PER_TEMPLATE) return false;
    this.taken[base + total] = t;
    this.totals[s] = total + 1;
    return true;
  }

  private slot(account: K): number {
    let s = this.slots.get(account);
    if (s === undefined) {
      s = this.slots.size;
      this.slots.set(account, s);
      if (s >= this.totals.length) this.grow();
    }
    return s;
  }

  private grow(): void {
    const totals = new Uint8Array(this.totals.length * 2);
    totals.set(this.totals);
    const taken = new Int32Array(totals.length * PER);
    taken.set(this.taken);
    this.totals = totals;
    this.taken = taken;
  }
}
