/**
 * Writes validated records to the store in batches, each batch one IMMEDIATE
 * transaction: a kill leaves the store as it was before the unfinished batch,
 * and a rerun completes it (events are INSERT OR IGNORE on their primary key).
 * Evidence prompts change in the same transaction as the events they belong
 * to, so the stored prompts are always the kept set (retention.ts) of the
 * stored events, whatever was killed, rerun or fed twice.
 */
import type Database from 'better-sqlite3';
import { COL, NUM_COLS, type EvidenceSample, type ParsedChunk } from './parsed-chunk';
import type { AccountRecord } from './records';
import { emailDomain, emailShape } from './email';
import { admitEvidence, type EvidenceKey } from './retention';

type DictKind = 'model' | 'client' | 'api_key' | 'ip6';
const EVENT_COLUMNS = 20;
const ROWS_PER_STATEMENT = 100;
/** Dictionary caches are bounded so that millions of rotating addresses cannot exhaust memory. */
const DICT_CACHE_MAX = 50_000;
/** Kept-prompt keys held across batches (~50 bytes each): beyond this the cache starts again. */
const KEPT_CACHE_MAX = 300_000;

export interface FlushResult {
  inserted: number;
  duplicates: number;
  /** With staged events (another engine holds them): the batch's event rows, in EVENT_ROW_COLUMNS order, for its sink. */
  staged?: EventRow[];
}

/** The events table's columns, in the order of an EventRow (db/schema.ts; db/clickhouse/migrations). */
export const EVENT_ROW_COLUMNS = [
  'account', 'ts', 'rid', 'ip', 'asn', 'model', 'client', 'api_key', 'turn', 'input_tokens', 'output_tokens', 'max_tokens',
  'reasoning_tokens', 'tool_count', 'finish', 'template', 'flags', 'capability', 'system', 'prompt_chars',
] as const;
export type EventRow = (number | null)[];

/**
 * Where a batch's event rows go. In SQLite (the default) they are the `events`
 * table; for another engine (ClickHouse) they are staged in a per-connection
 * temporary table of the same shape — which de-duplicates within the batch and
 * answers the evidence rule's "whose event is this" — and handed to the sink
 * after the batch commits, so the SQLite case store never holds them.
 */
export type EventTable = 'events' | 'staged';
const STAGED = 'temp.events_staged';

export class StoreWriter {
  private accountKeys = new Map<string, number>();
  private dicts = new Map<DictKind, Map<string, number>>();
  /**
   * Kept prompts' keys of the accounts touched so far, read from the store on
   * first use. They stay valid across batches while no other connection
   * commits (keptVersion, below): on logs where most accounts are small, the
   * writer would otherwise read the same accounts' keys again every batch
   * (measured: a third of the evidence cost on the bench's independent file).
   */
  private kept = new Map<number, EvidenceKey[]>();
  private keptKeysHeld = 0;
  /** `PRAGMA data_version` when `kept` was last known to match the store: another connection's commit changes it, ours does not. */
  private keptVersion = -1;
  private multiInsert: Database.Statement;
  private singleInserts = new Map<number, Database.Statement>();
  private stmt: Record<string, Database.Statement>;
  private minTs = Infinity;
  private maxTs = -Infinity;

  private table: string;

  constructor(
    private sqlite: Database.Database,
    private eventTable: EventTable = 'events',
  ) {
    this.table = eventTable === 'events' ? 'events' : STAGED;
    if (eventTable === 'staged') createStagingTable(sqlite);
    this.multiInsert = this.eventInsert(ROWS_PER_STATEMENT);
    this.stmt = {
      upsertAccount: sqlite.prepare(`
        INSERT INTO accounts (account_id, created_at, email, email_domain, email_shape, org_id, plan, country,
                              signup_ip, payment_fp, verified, has_record, updated_at)
        VALUES (@account_id, @created_at, @email, @email_domain, @email_shape, @org_id, @plan, @country,
                @signup_ip, @payment_fp, @verified, 1, @now)
        ON CONFLICT(account_id) DO UPDATE SET
          created_at = excluded.created_at, email = excluded.email, email_domain = excluded.email_domain,
          email_shape = excluded.email_shape, org_id = coalesce(excluded.org_id, org_id),
          plan = coalesce(excluded.plan, plan), country = coalesce(excluded.country, country),
          signup_ip = coalesce(excluded.signup_ip, signup_ip), payment_fp = coalesce(excluded.payment_fp, payment_fp),
          verified = coalesce(excluded.verified, verified), has_record = 1, updated_at = excluded.updated_at
        RETURNING id`),
      stubAccount: sqlite.prepare(
        `INSERT INTO accounts (account_id, has_record, updated_at) VALUES (?, 0, ?) RETURNING id`,
      ),
      dictGet: sqlite.prepare(`SELECT id FROM dictionary WHERE kind = ? AND value = ?`),
      // Insert first: a value the cache has not seen is usually new (rotating IPv6 addresses), one statement instead of two.
      dictPut: sqlite.prepare(`INSERT INTO dictionary (kind, value) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING id`),
      prompt: sqlite.prepare(`
        INSERT OR IGNORE INTO prompts (account, ts, rid, request_id, template, flags, capability, model, chars, text, system_prompt,
                                       input_tokens, output_tokens, reasoning_tokens, max_tokens, finish, turn)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      keptKeys: sqlite.prepare(`SELECT ts, rid, template FROM prompts WHERE account = ? ORDER BY ts, rid`),
      dropPrompt: sqlite.prepare(`DELETE FROM prompts WHERE account = ? AND ts = ? AND rid = ?`),
      eventOwner: sqlite.prepare(`SELECT account FROM ${this.table} WHERE ts = ? AND rid = ?`).pluck(),
      dataVersion: sqlite.prepare(`PRAGMA data_version`).pluck(),
      meta: sqlite.prepare(`
        INSERT INTO meta (key, value) VALUES (?, ?)
        ON CONFLICT(key) DO UPDATE SET value = CASE key
          WHEN 'first_event' THEN min(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))
          WHEN 'last_event' THEN max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))
          ELSE CAST(value AS INTEGER) + CAST(excluded.value AS INTEGER) END`),
    };
    for (const row of sqlite.prepare(`SELECT id, account_id AS accountId FROM accounts`).iterate()) {
      const r = row as { id: number; accountId: string };
      this.accountKeys.set(r.accountId, r.id);
    }
  }

  private eventInsert(rows: number): Database.Statement {
    const one = `(${new Array(EVENT_COLUMNS).fill('?').join(',')})`;
    return this.sqlite.prepare(
      `INSERT OR IGNORE INTO ${this.table} (${EVENT_ROW_COLUMNS.join(', ')}) VALUES ${new Array(rows).fill(one).join(',')}`,
    );
  }

  /** Write one batch (accounts first, then events) in one transaction. */
  flush(accountRecords: AccountRecord[], chunks: ParsedChunk[]): FlushResult {
    // Inside a caller's transaction (POST /api/ingest) the batch is a savepoint that may yet be rolled back: cache nothing.
    const nested = this.sqlite.inTransaction;
    const run = this.sqlite.transaction((): FlushResult => {
      this.checkKept();
      for (const a of accountRecords) this.upsertAccount(a);
      let inserted = 0;
      let total = 0;
      for (const chunk of chunks) {
        inserted += this.insertEvents(chunk);
        total += chunk.n;
      }
      if (total > 0) {
        this.stmt.meta.run('first_event', String(this.minTs));
        this.stmt.meta.run('last_event', String(this.maxTs));
        // A running count, so that `stats` need not scan 16 million rows.
        this.stmt.meta.run('event_count', String(inserted));
      }
      return { inserted, duplicates: total - inserted, staged: this.eventTable === 'staged' ? this.takeStaged() : undefined };
    });
    try {
      return run.immediate();
    } catch (err) {
      // Read again from the store next batch: a rolled-back batch leaves nothing behind.
      this.dropKept();
      throw err;
    } finally {
      if (nested) this.dropKept();
    }
  }

  /** Events the running count (meta) took for new that the other engine already held. */
  uncount(n: number): void {
    this.sqlite.prepare(`UPDATE meta SET value = CAST(value AS INTEGER) - ? WHERE key = 'event_count'`).run(n);
  }

  /** The staged rows of this batch, leaving the staging table empty for the next. */
  private takeStaged(): EventRow[] {
    const rows = this.sqlite.prepare(`SELECT ${EVENT_ROW_COLUMNS.join(', ')} FROM ${STAGED}`).raw(true).all() as EventRow[];
    this.sqlite.prepare(`DELETE FROM ${STAGED}`).run();
    return rows;
  }

  /** At the start of a batch (write lock held): forget the cached kept keys if another connection has committed since, or they grew too many. */
  private checkKept(): void {
    const version = this.stmt.dataVersion.get() as number;
    if (version !== this.keptVersion || this.keptKeysHeld > KEPT_CACHE_MAX) this.dropKept();
    this.keptVersion = version;
  }

  private dropKept(): void {
    this.kept.clear();
    this.keptKeysHeld = 0;
    this.keptVersion = -1;
  }

  private upsertAccount(a: AccountRecord): void {
    const row = this.stmt.upsertAccount.get({
      account_id: a.account_id,
      created_at: a.created_at,
      email: a.email,
      email_domain: emailDomain(a.email),
      email_shape: emailShape(a.email),
      org_id: a.org_id ?? null,
      plan: a.plan?.toLowerCase() ?? null,
      country: a.country?.toUpperCase() ?? null,
      signup_ip: a.signup_ip ?? null,
      payment_fp: a.payment_fp ?? null,
      verified: a.verified === undefined ? null : a.verified ? 1 : 0,
      now: Date.now(),
    }) as { id: number };
    this.accountKeys.set(a.account_id, row.id);
  }

  private accountKey(accountId: string): number {
    let key = this.accountKeys.get(accountId);
    if (key === undefined) {
      key = (this.stmt.stubAccount.get(accountId, Date.now()) as { id: number }).id;
      this.accountKeys.set(accountId, key);
    }
    return key;
  }

  private dictId(kind: DictKind, value: string): number {
    let cache = this.dicts.get(kind);
    if (!cache) this.dicts.set(kind, (cache = new Map()));
    let id = cache.get(value);
    if (id !== undefined) return id;
    const added = this.stmt.dictPut.get(kind, value) as { id: number } | undefined;
    id = added ? added.id : (this.stmt.dictGet.get(kind, value) as { id: number }).id;
    if (cache.size >= DICT_CACHE_MAX) cache.clear();
    cache.set(value, id);
    return id;
  }

  private insertEvents(c: ParsedChunk): number {
    let inserted = 0;
    const params: (number | null)[] = [];
    const num = (v: number) => (Number.isNaN(v) ? null : v);
    // Store ids of the chunk's strings, resolved on first use (−1: not yet).
    const ids = new Float64Array(c.strings.length * 5).fill(-1);
    const resolve = (idx: number, slot: number, fn: (s: string) => number) => {
      if (idx < 0) return null;
      const k = idx * 5 + slot;
      if (ids[k] < 0) ids[k] = fn(c.strings[idx]);
      return ids[k];
    };
    let rows = 0;
    for (let i = 0; i < c.n; i++) {
      const o = i * NUM_COLS;
      const v = c.nums;
      const account = resolve(v[o + COL.account], 0, (s) => this.accountKey(s))!;
      const model = resolve(v[o + COL.model], 1, (s) => this.dictId('model', s))!;
      const ip6 = resolve(v[o + COL.ip6], 2, (s) => this.dictId('ip6', s));
      const ts = v[o + COL.ts];
      if (ts < this.minTs) this.minTs = ts;
      if (ts > this.maxTs) this.maxTs = ts;
      params.push(
        account, ts, v[o + COL.rid], ip6 === null ? v[o + COL.ipv4] : -ip6, num(v[o + COL.asn]), model,
        resolve(v[o + COL.client], 3, (s) => this.dictId('client', s)),
        resolve(v[o + COL.apiKey], 4, (s) => this.dictId('api_key', s)),
        num(v[o + COL.turn]), v[o + COL.inputTokens], v[o + COL.outputTokens], num(v[o + COL.maxTokens]),
        num(v[o + COL.reasoningTokens]), num(v[o + COL.toolCount]), v[o + COL.finish], v[o + COL.template],
        v[o + COL.flags], v[o + COL.capability], v[o + COL.system], v[o + COL.promptChars],
      );
      if (++rows === ROWS_PER_STATEMENT) {
        inserted += this.multiInsert.run(params).changes;
        params.length = 0;
        rows = 0;
      }
    }
    if (rows > 0) inserted += this.tailInsert(rows).run(params).changes;
    // Every event of the chunk went in: each key now holds its own event, no need to ask the store whose it is.
    const allNew = inserted === c.n;
    // Evidence after the chunk's events are in: only the parsers' candidates can be kept.
    for (const sample of c.samples) {
      const o = sample.event * NUM_COLS;
      const account = resolve(c.nums[o + COL.account], 0, (s) => this.accountKey(s))!;
      const model = resolve(c.nums[o + COL.model], 1, (s) => this.dictId('model', s))!;
      this.considerPrompt(c, sample, account, model, allNew);
    }
    return inserted;
  }

  /** Keep the exchange's text if it is among its account's kept prompts now (retention.ts), dropping the one it displaces. */
  private considerPrompt(c: ParsedChunk, sample: EvidenceSample, account: number, model: number, ownEvent: boolean): void {
    const o = sample.event * NUM_COLS;
    const v = c.nums;
    const key: EvidenceKey = { ts: v[o + COL.ts], rid: v[o + COL.rid], template: v[o + COL.template] };
    // The event under this key belongs to another account (a conflicting duplicate request id): not this account's evidence.
    if (!ownEvent && this.stmt.eventOwner.get(key.ts, key.rid) !== account) return;
    let kept = this.kept.get(account);
    if (!kept) {
      kept = this.stmt.keptKeys.all(account) as EvidenceKey[];
      this.kept.set(account, kept);
      this.keptKeysHeld += kept.length;
    }
    const { keep, evict } = admitEvidence(kept, key);
    if (!keep) return;
    if (!evict) this.keptKeysHeld++;
    if (evict) this.stmt.dropPrompt.run(account, evict.ts, evict.rid);
    this.stmt.prompt.run(
      account, key.ts, key.rid, sample.requestId, v[o + COL.template], v[o + COL.flags],
      v[o + COL.capability], model, v[o + COL.promptChars], sample.prompt, sample.systemPrompt,
      // The response figures ride with the sample: the pages that show them never read `events` (ClickHouse may hold those).
      v[o + COL.inputTokens], v[o + COL.outputTokens], orNull(v[o + COL.reasoningTokens]), orNull(v[o + COL.maxTokens]),
      v[o + COL.finish], orNull(v[o + COL.turn]),
    );
  }

  private tailInsert(rows: number): Database.Statement {
    let s = this.singleInserts.get(rows);
    if (!s) this.singleInserts.set(rows, (s = this.eventInsert(rows)));
    return s;
  }
}

const orNull = (v: number) => (Number.isNaN(v) ? null : v);

/** The staging table: the events table's columns and key, per connection (TEMP), emptied after every batch. */
function createStagingTable(sqlite: Database.Database): void {
  sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS events_staged (
    account INTEGER NOT NULL, ts INTEGER NOT NULL, rid INTEGER NOT NULL, ip INTEGER NOT NULL, asn INTEGER,
    model INTEGER NOT NULL, client INTEGER, api_key INTEGER, turn INTEGER, input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL, max_tokens INTEGER, reasoning_tokens INTEGER, tool_count INTEGER, finish INTEGER,
    template INTEGER NOT NULL, flags INTEGER NOT NULL, capability INTEGER NOT NULL, system INTEGER NOT NULL,
    prompt_chars INTEGER NOT NULL, PRIMARY KEY (ts, rid)) WITHOUT ROWID`);
}
