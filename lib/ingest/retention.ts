/**
 * Evidence retention: which prompts keep their full text.
 *
 * Every exchange keeps its facts (template fingerprint, flags, capability,
 * sizes) for ever. Full prompt text is kept for the first
 * PER_TEMPLATE exchanges of each template of each account, up to
 * PER_ACCOUNT per account, each cut at MAX_CHARS (its original length is
 * recorded). At 16 million exchanges over ~30,000 accounts this bounds
 * evidence text to about 1.2 million prompts whatever the traffic, while every
 * account keeps examples of each of the ways it writes.
 */
export const RETENTION = { PER_ACCOUNT: 24, PER_TEMPLATE: 2, MAX_CHARS: 256 * 1024 } as const;

/**
 * First-come counters per account and template. Keyed by account key in the
 * writer, by account id in the parse workers: a worker keeps the candidates
 * of the chunks it sees, a superset of the writer's choice (an exchange among
 * the first N of its account is among the first N of any subsequence), so
 * that the writer never re-parses a line to get its text.
 */
export class RetentionCounter<K = number> {
  private perAccount = new Map<K, { total: number; templates: Map<number, number> | null }>();

  /** Seed from what the store already holds (so re-ingest keeps the same caps). */
  load(rows: Iterable<{ account: K; template: number; n: number }>): void {
    for (const r of rows) {
      const a = this.entry(r.account);
      a.total += r.n;
      a.templates!.set(r.template, (a.templates!.get(r.template) ?? 0) + r.n);
    }
  }

  /** Whether to keep this exchange's text; counts it when so. */
  take(account: K, template: number): boolean {
    const a = this.entry(account);
    if (a.templates === null || a.total >= RETENTION.PER_ACCOUNT) {
      a.templates = null; // full: free the per-template counts
      return false;
    }
    const n = a.templates.get(template) ?? 0;
    if (n >= RETENTION.PER_TEMPLATE) return false;
    a.templates.set(template, n + 1);
    a.total++;
    if (a.total >= RETENTION.PER_ACCOUNT) a.templates = null;
    return true;
  }

  private entry(account: K) {
    let a = this.perAccount.get(account);
    if (!a) {
      a = { total: 0, templates: new Map() };
      this.perAccount.set(account, a);
    }
    return a;
  }
}
