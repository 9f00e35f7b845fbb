/**
 * `distillwatch intel import`: a partner's STIX 2.1 bundle in. Validated
 * first (a malformed or hostile bundle is refused and nothing changes); the
 * bundle and its indicators are stored with their producer, marking and
 * validity; indicators are matched against our accounts and events
 * (lib/intel/match.ts); each match is recorded and raises an `intel_match`
 * alert with an INTEL_MATCH reason naming the partner and the indicator, on
 * the account's ring when it has one (one queue line per network, as
 * detection does) or else on the account, opening a case as any alert does.
 * The same bundle (same SHA-256) imported again changes nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { writeTransaction } from '../../db/client';
import { appendAudit } from '../audit/append';
import { ensureCase } from '../cases/ensure-case';
import type { Reason } from '../domain/reason-codes';
import { keyId, sharingKey } from './keyed-hash';
import { matchIndicators, type IndicatorTarget } from './match';
import { KIND_LABELS, matchTarget, parsePattern, type MatchKind } from './patterns';

export { KIND_LABELS };
import { WELL_KNOWN_MARKINGS, type StixObject } from './stix';
import { parseBundleInSlices } from './validate';

export interface ImportOptions {
  actor?: string;
  env?: Record<string, string | undefined>;
  now?: number;
  /** Awaited between slices of the work outside the write lock; default: the next turn of the event loop. */
  pause?: () => Promise<void>;
  /** Awaited after staging, just before the final transaction (tests: what others see and can do meanwhile). */
  beforeCommit?: () => Promise<void>;
  /** Told how long the final transaction held the store's write lock, in milliseconds. */
  onCommit?: (ms: number) => void;
}

export interface ImportResult {
  bundleId: string;
  producer: string;
  sha256: string;
  alreadyImported: boolean;
  indicators: number;
  /** Indicators we know how to match (the rest are stored, not matched). */
  matchable: number;
  matches: number;
  matchedAccounts: string[];
  alerts: number;
  warnings: string[];
}

interface StoredIndicator extends IndicatorTarget {
  producer: string;
  name: string | null;
  pattern: string;
  marking: string | null;
  confidence: number | null;
  validFrom: string;
  validUntil: string | null;
  campaign: string | null;
  active: boolean;
}

const MAX_TEXT = 300;
const clip = (s: unknown): string | null => (typeof s === 'string' && s.length ? s.slice(0, MAX_TEXT) : null);


/** The as-of day alerts are raised for: the latest detection's, else today (UTC). */
export function currentAsOf(sqlite: Database.Database, now = Date.now()): string {
  const row = sqlite.prepare(`SELECT max(as_of) AS d FROM detect_runs`).get() as { d: string | null };
  return row.d ?? new Date(now).toISOString().slice(0, 10);
}

function latestVersions(objects: StixObject[]): StixObject[] {
  const byId = new Map<string, StixObject>();
  for (const o of objects) {
    const prev = byId.get(o.id);
    if (!prev || String(o.modified ?? '') >= String(prev.modified ?? '')) byId.set(o.id, o);
  }
  return [...byId.values()];
}

function markingName(o: StixObject): string {
  if (typeof o.name === 'string' && o.name) return o.name;
  const def = o.definition as { tlp?: string; statement?: string } | undefined;
  if (def?.tlp) return `TLP:${def.tlp.toUpperCase()}`;
  for (const ext of Object.values((o.extensions as Record<string, { tlp_2_0?: string }>) ?? {})) {
    if (ext?.tlp_2_0) return `TLP:${ext.tlp_2_0.toUpperCase()}`;
  }
  return def?.statement ? def.statement.slice(0, 60) : 'marking';
}

function readBundle(objects: StixObject[], now: number, ourKeyId: string) {
  const identities = new Map<string, string>();
  const markings = new Map<string, string>(Object.entries(WELL_KNOWN_MARKINGS));
  const threats = new Map<string, string>();
  for (const o of objects) {
    if (o.type === 'identity') identities.set(o.id, String(o.name));
    else if (o.type === 'marking-definition') markings.set(o.id, markingName(o));
    else if (o.type === 'campaign' || o.type === 'intrusion-set' || o.type === 'threat-actor') threats.set(o.id, String(o.name));
  }
  const indicates = new Map<string, string[]>();
  for (const o of objects) {
    if (o.type !== 'relationship' || o.relationship_type !== 'indicates' || o.revoked === true) continue;
    const target = threats.get(String(o.target_ref));
    if (target) indicates.set(String(o.source_ref), [...(indicates.get(String(o.source_ref)) ?? []), target]);
  }
  const producerVotes = new Map<string, number>();
  for (const o of objects) {
    if (o.type === 'indicator' && typeof o.created_by_ref === 'string') producerVotes.set(o.created_by_ref, (producerVotes.get(o.created_by_ref) ?? 0) + 1);
  }
  const producerId = [...producerVotes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? [...identities.keys()][0];
  const producer = (producerId && identities.get(producerId)) || 'unknown producer';

  const warnings = new Set<string>();
  const indicators: StoredIndicator[] = [];
  for (const o of objects) {
    if (o.type !== 'indicator') continue;
    let target: { kind: MatchKind; value: string; hashed: boolean } = { kind: 'unsupported', value: '', hashed: false };
    if (o.pattern_type === 'stix') target = matchTarget(parsePattern(String(o.pattern)));
    const hmac = o.x_distillwatch_hmac as { kind: MatchKind; hmac: string; key_id?: string } | undefined;
    if (hmac) {
      if (target.kind === 'unsupported') target = { kind: hmac.kind, value: hmac.hmac, hashed: true };
      if (hmac.key_id && hmac.key_id !== ourKeyId) warnings.add(`keyed hashes in this bundle were made under a different sharing key (key id ${hmac.key_id}, ours ${ourKeyId}): they cannot match`);
    }
    const validFrom = String(o.valid_from);
    const validUntil = typeof o.valid_until === 'string' ? o.valid_until : null;
    const active = o.revoked !== true && target.kind !== 'unsupported' && Date.parse(validFrom) <= now + 86_400_000 && (validUntil === null || Date.parse(validUntil) > now);
    const markingRefs = Array.isArray(o.object_marking_refs) ? (o.object_marking_refs as string[]) : [];
    indicators.push({
      id: o.id,
      ...target,
      producer: (typeof o.created_by_ref === 'string' && identities.get(o.created_by_ref)) || producer,
      name: clip(o.name),
      pattern: String(o.pattern),
      marking: markingRefs.length ? markingRefs.map((r) => markings.get(r) ?? r).join(', ') : null,
      confidence: typeof o.confidence === 'number' ? o.confidence : null,
      validFrom,
      validUntil,
      campaign: clip((indicates.get(o.id) ?? []).join('; ')),
      active,
    });
  }
  return { producer, indicators, warnings: [...warnings] };
}

function previousImport(sqlite: Database.Database, sha256: string): ImportResult | undefined {
  const row = sqlite.prepare(`SELECT id, producer, indicators FROM intel_bundles WHERE sha256 = ?`).get(sha256) as
    | { id: string; producer: string; indicators: number }
    | undefined;
  if (!row) return undefined;
  const matched = sqlite
    .prepare(`SELECT DISTINCT a.account_id FROM intel_matches m JOIN accounts a ON a.id = m.account WHERE m.bundle_id = ? ORDER BY a.account_id`)
    .raw(true)
    .all(row.id) as [string][];
  const matches = (sqlite.prepare(`SELECT count(*) AS n FROM intel_matches WHERE bundle_id = ?`).get(row.id) as { n: number }).n;
  const matchable = (sqlite.prepare(`SELECT count(*) AS n FROM intel_indicators WHERE bundle_id = ? AND kind != 'unsupported'`).get(row.id) as { n: number }).n;
  return {
    bundleId: row.id, producer: row.producer, sha256, alreadyImported: true, indicators: row.indicators, matchable, matches,
    matchedAccounts: matched.map(([a]) => a), alerts: 0, warnings: [],
  };
}

interface AlertGroup {
  subjectKind: 'account' | 'ring';
  subjectId: string;
  ringId: string | null;
  plan: string | null;
  accounts: number;
  baseScore: number;
  /** Share of the subject's accounts that matched (1 for an account). */
  matchedShare: number;
  reasons: Reason[];
}

function describe(ind: StoredIndicator): string {
  const what = ind.name ?? `${KIND_LABELS[ind.kind]} indicator`;
  const extras = [KIND_LABELS[ind.kind] + (ind.hashed ? ' (keyed hash)' : ''), ind.marking, ind.campaign ? `campaign ${ind.campaign}` : null].filter(Boolean);
  return `${ind.producer} indicator "${what}" (${extras.join('; ')})`;
}

function alertGroups(sqlite: Database.Database, asOf: string, matched: Map<number, StoredIndicator[]>): AlertGroup[] {
  const accountRow = sqlite.prepare(`SELECT account_id, plan FROM accounts WHERE id = ?`);
  const latestScore = sqlite.prepare(`SELECT score FROM scores WHERE account = ? ORDER BY as_of DESC LIMIT 1`);
  const ringOf = sqlite.prepare(`SELECT r.ring_id, r.size, r.score FROM ring_members m JOIN rings r ON r.ring_id = m.ring_id AND r.as_of = m.as_of WHERE m.account = ? AND m.as_of = ?`);
  const rings = new Map<string, { size: number; score: number; members: [number, StoredIndicator[]][] }>();
  const groups: AlertGroup[] = [];
  for (const [account, inds] of matched) {
    const ring = ringOf.get(account, asOf) as { ring_id: string; size: number; score: number } | undefined;
    if (ring) {
      const g = rings.get(ring.ring_id) ?? { size: ring.size, score: ring.score, members: [] };
      g.members.push([account, inds]);
      rings.set(ring.ring_id, g);
      continue;
    }
    const a = accountRow.get(account) as { account_id: string; plan: string | null };
    const sorted = [...inds].sort((x, y) => (y.confidence ?? 50) - (x.confidence ?? 50));
    groups.push({
      subjectKind: 'account',
      subjectId: a.account_id,
      ringId: null,
      plan: a.plan,
      accounts: 1,
      baseScore: (latestScore.get(account) as { score: number } | undefined)?.score ?? 0,
      matchedShare: 1,
      reasons: sorted.slice(0, 5).map((i) => ({ code: 'INTEL_MATCH', weight: +((i.confidence ?? 50) / 100).toFixed(3), detail: `matches ${describe(i)}` })),
    });
  }
  for (const [ringId, g] of rings) {
    const byIndicator = new Map<string, { ind: StoredIndicator; n: number }>();
    for (const [, inds] of g.members) for (const i of inds) byIndicator.set(i.id, { ind: i, n: (byIndicator.get(i.id)?.n ?? 0) + 1 });
    const top = [...byIndicator.values()].sort((x, y) => y.n - x.n || (y.ind.confidence ?? 50) - (x.ind.confidence ?? 50)).slice(0, 5);
    groups.push({
      subjectKind: 'ring',
      subjectId: ringId,
      ringId,
      plan: null,
      accounts: g.size,
      baseScore: g.score,
      matchedShare: Math.min(1, g.members.length / Math.max(1, g.size)),
      reasons: top.map(({ ind, n }) => ({
        code: 'INTEL_MATCH',
        weight: +((ind.confidence ?? 50) / 100).toFixed(3),
        detail: `${n} of ${g.size} member${g.size === 1 ? '' : 's'} match ${describe(ind)}`,
      })),
    });
  }
  return groups;
}

/** Raise (or extend) the day's intel_match alert for each group; returns how many alerts were new. */
function raiseIntelAlerts(sqlite: Database.Database, asOf: string, groups: AlertGroup[], now: number): number {
  const existing = sqlite.prepare(`SELECT id, reasons, score FROM alerts WHERE day = ? AND subject_kind = ? AND subject_id = ? AND kind = 'intel_match'`);
  const insert = sqlite.prepare(
    `INSERT INTO alerts (day, kind, subject_kind, subject_id, case_id, score, reasons, top_reason, ring_id, plan, accounts, created_at)
     VALUES (?, 'intel_match', ?, ?, ?, ?, ?, 'INTEL_MATCH', ?, ?, ?, ?)`,
  );
  const update = sqlite.prepare(`UPDATE alerts SET reasons = ?, score = ? WHERE id = ?`);
  let raised = 0;
  for (const g of groups) {
    // Partner evidence raises the subject's own score (noisy-or), a ring's by the share of its members that matched.
    const top = Math.max(0, ...g.reasons.map((r) => r.weight));
    const score = +(1 - (1 - g.baseScore) * (1 - top * g.matchedShare)).toFixed(4);
    const c = ensureCase(sqlite, { subjectKind: g.subjectKind, subjectId: g.subjectId, score, accounts: g.accounts, now });
    const prev = existing.get(asOf, g.subjectKind, g.subjectId) as { id: number; reasons: string; score: number } | undefined;
    if (prev) {
      const merged = [...(JSON.parse(prev.reasons) as Reason[])];
      for (const r of g.reasons) if (!merged.some((m) => m.detail === r.detail)) merged.push(r);
      merged.sort((a, b) => b.weight - a.weight);
      update.run(JSON.stringify(merged.slice(0, 10)), Math.max(prev.score, score), prev.id);
    } else {
      insert.run(asOf, g.subjectKind, g.subjectId, c.caseId, score, JSON.stringify(g.reasons), g.ringId, g.plan, g.accounts, now);
      raised++;
    }
  }
  return raised;
}

/** Rows staged per transaction: a few milliseconds of work between pauses. */
const STAGE_ROWS = 5_000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * This connection's staging area: TEMP tables, which live outside the store
 * file (no write lock, no migration) and vanish with the connection, so an
 * import that dies half-way leaves nothing behind.
 */
function createStaging(sqlite: Database.Database): void {
  sqlite.exec(`
    CREATE TEMP TABLE IF NOT EXISTS intel_staged_indicators (
      import_id TEXT NOT NULL, id TEXT NOT NULL, producer TEXT NOT NULL, name TEXT, pattern TEXT NOT NULL, kind TEXT NOT NULL,
      value TEXT NOT NULL, hashed INTEGER NOT NULL, marking TEXT, confidence INTEGER, valid_from TEXT NOT NULL, valid_until TEXT, campaign TEXT);
    CREATE TEMP TABLE IF NOT EXISTS intel_staged_matches (import_id TEXT NOT NULL, indicator_id TEXT NOT NULL, account INTEGER NOT NULL);`);
}

/** Insert `rows` in transactions of STAGE_ROWS (on TEMP tables only: the store stays unlocked), pausing between them. */
async function stageInChunks<T>(sqlite: Database.Database, rows: T[], insert: (row: T) => void, pause: () => Promise<void>): Promise<void> {
  for (let from = 0; from < rows.length; from += STAGE_ROWS) {
    // DEFERRED (better-sqlite3's default): writing TEMP tables takes no lock on the store.
    sqlite.transaction(() => {
      for (let i = from; i < Math.min(rows.length, from + STAGE_ROWS); i++) insert(rows[i]);
    })();
    await pause();
  }
}

/**
 * Import a partner's bundle. All or nothing, with the store's write lock
 * held only for one short final transaction:
 *
 * 1. outside any transaction: hash, parse and validate, read the bundle,
 *    match it against our accounts and events (read-only);
 * 2. stage the indicators and matches into this connection's TEMP tables,
 *    STAGE_ROWS per transaction, which lock nothing in the store;
 * 3. one IMMEDIATE transaction copies them into the store with the bundle,
 *    raises the alerts and writes the audit entry.
 *
 * Until step 3 commits, nothing of the bundle is visible to anyone; if it
 * fails or the process dies, nothing changed. Between steps and slices it
 * awaits `pause()` (by default the next turn of the event loop), so a
 * server's other requests are answered and other writers commit meanwhile.
 */
export async function importIntel(sqlite: Database.Database, bytes: Uint8Array, opts: ImportOptions = {}): Promise<ImportResult> {
  const key = sharingKey(opts.env ?? process.env);
  const now = opts.now ?? Date.now();
  const pause = opts.pause ?? yieldToEventLoop;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const again = previousImport(sqlite, sha256);
  if (again) return again;

  const bundle = await parseBundleInSlices(bytes, pause);
  const objects = latestVersions(bundle.objects);
  const { producer, indicators, warnings } = readBundle(objects, now, keyId(key));
  const active = indicators.filter((i) => i.active);
  const matches = await matchIndicators(sqlite, key, active, pause);
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const byAccount = new Map<number, StoredIndicator[]>();
  for (const [id, accounts] of matches) for (const a of accounts) byAccount.set(a, [...(byAccount.get(a) ?? []), byId.get(id)!]);
  const actor = opts.actor ?? 'cli';

  const importId = randomUUID();
  createStaging(sqlite);
  try {
    const stageIndicator = sqlite.prepare(
      `INSERT INTO temp.intel_staged_indicators (import_id, id, producer, name, pattern, kind, value, hashed, marking, confidence, valid_from, valid_until, campaign)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    await stageInChunks(sqlite, indicators, (i) =>
      stageIndicator.run(importId, i.id, i.producer, i.name, i.pattern, i.kind, i.value, i.hashed ? 1 : 0, i.marking, i.confidence, i.validFrom, i.validUntil, i.campaign),
    pause);
    const stageMatch = sqlite.prepare(`INSERT INTO temp.intel_staged_matches (import_id, indicator_id, account) VALUES (?, ?, ?)`);
    const pairs = [...matches].flatMap(([id, accounts]) => [...accounts].map((a): [string, number] => [id, a]));
    await stageInChunks(sqlite, pairs, ([id, a]) => stageMatch.run(importId, id, a), pause);
    await opts.beforeCommit?.();

    const started = performance.now();
    const result = writeTransaction(sqlite, (): ImportResult => {
      // Checked again under the write lock: two imports of one file at once store it once.
      const raced = previousImport(sqlite, sha256);
      if (raced) return raced;
      const asOf = currentAsOf(sqlite, now);
      const taken = sqlite.prepare(`SELECT 1 FROM intel_bundles WHERE id = ?`).get(bundle.id);
      const bundleId = taken ? `${bundle.id}~${sha256.slice(0, 12)}` : bundle.id;
      const raw = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      sqlite
        .prepare(`INSERT INTO intel_bundles (id, producer, sha256, imported_at, imported_by, objects, indicators, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(bundleId, producer, sha256, now, actor, bundle.objects.length, indicators.length, raw);
      sqlite
        .prepare(
          `INSERT OR REPLACE INTO intel_indicators (id, bundle_id, producer, name, pattern, kind, value, hashed, marking, confidence, valid_from, valid_until, campaign)
           SELECT id, ?, producer, name, pattern, kind, value, hashed, marking, confidence, valid_from, valid_until, campaign
           FROM temp.intel_staged_indicators WHERE import_id = ?`,
        )
        .run(bundleId, importId);
      const n = sqlite
        .prepare(
          `INSERT OR IGNORE INTO intel_matches (indicator_id, bundle_id, account, matched_at)
           SELECT indicator_id, ?, account, ? FROM temp.intel_staged_matches WHERE import_id = ?`,
        )
        .run(bundleId, now, importId).changes;
      const alerts = raiseIntelAlerts(sqlite, asOf, alertGroups(sqlite, asOf, byAccount), now);
      const accountIds = sqlite.prepare(`SELECT account_id FROM accounts WHERE id = ?`).pluck();
      const matchedAccounts = [...byAccount.keys()].map((a) => accountIds.get(a) as string).sort();
      appendAudit(sqlite, {
        actor,
        action: 'intel_imported',
        subjectKind: null,
        subjectId: bundleId,
        details: { bundle_id: bundleId, sha256, producer, indicators: indicators.length, matches: n, matched_accounts: matchedAccounts.length, alerts, as_of: asOf },
        at: now,
      });
      return {
        bundleId, producer, sha256, alreadyImported: false, indicators: indicators.length, matchable: indicators.filter((i) => i.kind !== 'unsupported').length,
        matches: n, matchedAccounts, alerts, warnings,
      };
    });
    opts.onCommit?.(performance.now() - started);
    return result;
  } finally {
    sqlite.transaction(() => {
      sqlite.prepare(`DELETE FROM temp.intel_staged_indicators WHERE import_id = ?`).run(importId);
      sqlite.prepare(`DELETE FROM temp.intel_staged_matches WHERE import_id = ?`).run(importId);
    })();
  }
}
