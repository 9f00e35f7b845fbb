/**
 * Evidence retention: which prompts keep their full text.
 *
 * Every exchange keeps its facts (template fingerprint, flags, capability,
 * sizes) for ever. Full prompt text is kept for the first PER_TEMPLATE
 * exchanges of each template of each account, up to PER_ACCOUNT per account,
 * each cut at MAX_CHARS (its original length is recorded). At 16 million
 * exchanges over ~100,000 accounts this bounds evidence text to about 1.7
 * million prompts whatever the traffic, while every account keeps examples
 * of each of the ways it writes.
 *
 * "First" is by the exchange's key — time, then request-id hash — not by the
 * order lines arrive in, so the kept prompts are a function of the account's
 * events alone: a clean run, a rerun after a kill, a file ingested again on
 * top of its first half, or the same events split across files fed in any
 * order all keep exactly the same prompts. Precisely, for one account:
 *
 *   candidates = the first PER_TEMPLATE exchanges (by key) of each template;
 *   kept       = the first PER_ACCOUNT candidates (by key).
 *
 * Two properties make this cheap to maintain while streaming:
 * - The writer can update `kept` from `kept` alone (admitEvidence below):
 *   an exchange is a candidate exactly when fewer than PER_TEMPLATE kept
 *   prompts of its template come before it, and adding one exchange changes
 *   `kept` by at most one insertion and one eviction. An exchange already
 *   stored (a duplicate) comes out unchanged, so duplicates never use quota.
 * - `kept` is monotone: an exchange kept among all events is kept among any
 *   subset that contains it. So a parser thread, which sees only some
 *   chunks, can pick a superset of the writer's choice (CandidatePicker)
 *   and only those prompts' text crosses threads.
 */
export const RETENTION = { PER_ACCOUNT: 24, PER_TEMPLATE: 2, MAX_CHARS: 256 * 1024 } as const;

const PER = RETENTION.PER_ACCOUNT;

/** An exchange as retention sees it: its key (time, request-id hash) and template. */
export interface EvidenceKey {
  ts: number;
  rid: number;
  template: number;
}

/** Key order: time, then request-id hash. */
export function compareKeys(a: EvidenceKey, b: EvidenceKey): number {
  return a.ts - b.ts || a.rid - b.rid;
}

export interface Admission {
  keep: boolean;
  /** A kept prompt that the new one displaces (its template's third, or the account's 25th). */
  evict: EvidenceKey | null;
}

const NOTHING: Admission = { keep: false, evict: null };

/**
 * Decide an exchange against an account's kept prompts (`kept`, sorted by
 * key, as the store holds them for the events stored so far). On `keep`,
 * `kept` is updated in place (the new key inserted, the evicted one removed),
 * so it stays the kept set of the events including this one.
 */
export function admitEvidence(kept: EvidenceKey[], e: EvidenceKey): Admission {
  const t = e.template | 0;
  let at = 0; // insertion point: kept prompts before e
  let sameBefore = 0;
  for (; at < kept.length; at++) {
    const c = compareKeys(kept[at], e);
    if (c === 0) return NOTHING; // already kept: a duplicate
    if (c > 0) break;
    if ((kept[at].template | 0) === t) sameBefore++;
  }
  // Not a candidate: its template already has its first PER_TEMPLATE before it.
  if (sameBefore >= RETENTION.PER_TEMPLATE) return NOTHING;
  // A candidate, but PER_ACCOUNT candidates come before it.
  if (at >= PER) return NOTHING;
  const entry = { ts: e.ts, rid: e.rid, template: t };
  kept.splice(at, 0, entry);
  // Its template's next kept prompt may now be its (PER_TEMPLATE + 1)-th: no longer a candidate.
  let same = sameBefore + 1;
  for (let i = at + 1; i < kept.length; i++) {
    if ((kept[i].template | 0) !== t) continue;
    if (++same > RETENTION.PER_TEMPLATE) return { keep: true, evict: kept.splice(i, 1)[0] };
  }
  // Otherwise the account may now hold one more than PER_ACCOUNT: the last goes.
  return { keep: true, evict: kept.length > PER ? kept.pop()! : null };
}

/**
 * A parser thread's evidence candidates, a superset of what the writer keeps
 * (so the writer never re-parses a line to get its text). Per account it runs
 * the first-come rule over the exchanges it sees and remembers the latest
 * time it took. An exchange is a candidate when it is no later than that
 * time (it may come before something taken: out of order, or a duplicate) or
 * when first-come takes it. Why nothing the writer keeps is missed: an
 * exchange refused by both has every taken exchange strictly before it, and
 * they are distinct exchanges, at most PER_TEMPLATE per template; so either
 * PER_TEMPLATE of its own template come before it (not a candidate) or
 * PER_ACCOUNT candidates do (not kept) — among the exchanges this parser has
 * seen, and so, by monotonicity, among all of them.
 *
 * On input in time order almost nothing but the taken exchanges qualifies;
 * on input in reverse time order nearly everything does (correct, slower).
 *
 * One of these lives in each parser, holding every account of the run, so
 * the state is flat typed arrays rather than a Map of Maps: per account one
 * byte of count, the latest time taken and the (at most PER_ACCOUNT)
 * templates taken, ~110 bytes in all. Measured at 102 k accounts, the
 * Map-of-Maps version held ~30 MB per thread.
 */
export class CandidatePicker<K = string> {
  private slots = new Map<K, number>();
  private totals = new Uint8Array(1024);
  private latest = new Float64Array(1024).fill(-Infinity);
  private taken = new Int32Array(1024 * PER);

  /** Whether this exchange's text may be kept. */
  candidate(account: K, template: number, ts: number): boolean {
    const s = this.slot(account);
    if (ts <= this.latest[s]) return true;
    const total = this.totals[s];
    if (total >= PER) return false;
    const t = template | 0;
    const base = s * PER;
    let n = 0;
    for (let i = base; i < base + total; i++) if (this.taken[i] === t) n++;
    if (n >= RETENTION.PER_TEMPLATE) return false;
    this.taken[base + total] = t;
    this.totals[s] = total + 1;
    this.latest[s] = ts;
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
    const latest = new Float64Array(totals.length).fill(-Infinity);
    latest.set(this.latest);
    const taken = new Int32Array(totals.length * PER);
    taken.set(this.taken);
    this.totals = totals;
    this.latest = latest;
    this.taken = taken;
  }
}
