/**
 * `distillwatch intel export`: a STIX 2.1 bundle of what our confirmed cases
 * tell partner labs. One campaign per confirmed case; indicators for the
 * infrastructure its accounts use (IP addresses, /24 subnets, autonomous
 * systems, clients = user agent + TLS fingerprint) in the clear, and for
 * personal values (e-mail addresses, e-mail domains, payment fingerprints)
 * as keyed hashes only; an `indicates` relationship from each indicator to
 * each campaign it came from; a TLP marking on every object.
 *
 * Which accounts count: the flagged members of a confirmed ring (a ring may
 * include relayed legitimate users that were never flagged) and the subjects
 * of confirmed account cases. Which identifiers leave: only those that are
 * specific to those accounts here: used by at least MIN_SUPPORT of them and
 * with at least PURITY of all our accounts using it among them. Shared
 * infrastructure (a cloud platform's egress, a popular SDK, gmail.com) stays
 * home, so partners do not flag their legitimate customers on our word.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { asc, eq, sql } from 'drizzle-orm';
import { dbOf, writeTransaction } from '../../db/client';
import { cases, decisions } from '../../db/schema';
import { appendAudit } from '../audit/append';
import { InputError } from '../errors';
import { keyedHash, keyId, sharingKey, type HashedKind } from './keyed-hash';
import { patternFor } from './patterns';
import { SPEC_VERSION, stixId, stixTime, tlpMarkingDefinition, TLP_MARKING_IDS, type StixBundle, type StixObject, type TlpLevel } from './stix';
import { validateBundle } from './validate';
import { requireSqliteEvents } from '../../db/events-engine';

/** Share of our accounts using an identifier that must be confirmed-bad for it to be shared. */
export const PURITY = 0.9;
/** Confirmed-bad accounts that must use an identifier (e-mail addresses: one). */
export const MIN_SUPPORT = 2;
/** An account's autonomous system: the one carrying at least this share of its requests. */
export const ASN_DOMINANCE = 0.5;

export const DEFAULT_PRODUCER = 'Distillwatch lab';

export interface ExportOptions {
  tlp?: TlpLevel;
  /** The producing lab's name (identity). Default: $DISTILLWATCH_LAB_NAME or "Distillwatch lab". */
  producer?: string;
  /** Who exported, for the audit trail. */
  actor?: string;
  env?: Record<string, string | undefined>;
}

export interface ExportResult {
  bundle: StixBundle;
  text: string;
  sha256: string;
  campaigns: number;
  indicators: number;
  /** Candidate identifiers held back as not specific enough. */
  withheld: number;
}

type ExportKind = 'ip' | 'subnet' | 'asn' | 'client' | HashedKind;

/** A campaign: the confirmed cases of one ring (its own case and its members' account cases), or of one account. */
interface ConfirmedCase {
  /** `ring:<ring id>` or `account:<account id>`. */
  id: string;
  caseIds: string[];
  subjectKind: 'account' | 'ring';
  score: number;
  openedAt: number;
  confirmedAt: number;
  summary: string;
  accounts: number[];
}

interface Candidate {
  kind: ExportKind;
  value: string;
  bad: Set<number>;
  cases: Set<string>;
}

/** Confirmed cases, grouped into campaigns: a ring with its confirmed members' account cases, or a lone account. */
function confirmedCases(sqlite: Database.Database): ConfirmedCase[] {
  const rows = dbOf(sqlite)
    .select({
      id: cases.id,
      subjectKind: cases.subjectKind,
      subjectId: cases.subjectId,
      score: cases.score,
      openedAt: cases.openedAt,
      accounts: cases.accounts,
      confirmedAt: sql<number | null>`(SELECT max(${decisions.at}) FROM ${decisions} WHERE ${decisions.caseId} = ${cases.id} AND ${decisions.action} = 'confirm')`,
    })
    .from(cases)
    .where(eq(cases.status, 'confirmed'))
    .orderBy(asc(cases.id))
    .all();
  const ring = sqlite.prepare(`SELECT as_of, summary FROM rings WHERE ring_id = ? ORDER BY as_of DESC LIMIT 1`);
  const flaggedMembers = sqlite.prepare(
    `SELECT m.account FROM ring_members m JOIN scores s ON s.account = m.account AND s.as_of = m.as_of
     WHERE m.ring_id = ? AND m.as_of = ? AND s.flagged = 1`,
  );
  const account = sqlite.prepare(`SELECT id FROM accounts WHERE account_id = ?`);
  const ringOf = sqlite.prepare(
    `SELECT r.ring_id, r.summary FROM ring_members m JOIN rings r ON r.ring_id = m.ring_id AND r.as_of = m.as_of
     WHERE m.account = ? ORDER BY m.as_of DESC LIMIT 1`,
  );
  const groups = new Map<string, ConfirmedCase>();
  const join = (key: string, c: (typeof rows)[number], summary: string, accounts: number[], subjectKind: 'account' | 'ring') => {
    const confirmedAt = c.confirmedAt ?? c.openedAt;
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { id: key, caseIds: [c.id], subjectKind, score: c.score, openedAt: c.openedAt, confirmedAt, summary, accounts: [...new Set(accounts)] });
      return;
    }
    g.caseIds.push(c.id);
    g.score = Math.max(g.score, c.score);
    g.openedAt = Math.min(g.openedAt, c.openedAt);
    g.confirmedAt = Math.min(g.confirmedAt, confirmedAt);
    g.accounts = [...new Set([...g.accounts, ...accounts])];
    if (subjectKind === 'ring') g.summary = summary;
  };
  for (const r of rows) {
    if (r.subjectKind === 'ring') {
      const ringRow = ring.get(r.subjectId) as { as_of: string; summary: string } | undefined;
      if (!ringRow) continue;
      const members = (flaggedMembers.raw(true).all(r.subjectId, ringRow.as_of) as [number][]).map(([a]) => a);
      join(`ring:${r.subjectId}`, r, ringRow.summary, members, 'ring');
    } else {
      const a = account.get(r.subjectId) as { id: number } | undefined;
      if (!a) continue;
      const inRing = ringOf.get(a.id) as { ring_id: string; summary: string } | undefined;
      if (inRing) join(`ring:${inRing.ring_id}`, r, inRing.summary, [a.id], 'ring');
      else join(`account:${r.subjectId}`, r, 'a single account', [a.id], 'account');
    }
  }
  return [...groups.values()];
}

/** Each account's autonomous system (the one carrying most of its requests, if dominant). */
function dominantAsns(sqlite: Database.Database): Map<number, number> {
  requireSqliteEvents(sqlite, 'the indicators export');
  const totals = new Map<number, number>();
  const best = new Map<number, [number, number]>();
  for (const [account, asn, n] of sqlite
    .prepare(`SELECT account, asn, count(*) FROM events GROUP BY account, asn`)
    .raw(true)
    .iterate() as Iterable<[number, number | null, number]>) {
    totals.set(account, (totals.get(account) ?? 0) + n);
    if (asn === null) continue;
    const b = best.get(account);
    if (!b || n > b[1]) best.set(account, [asn, n]);
  }
  const out = new Map<number, number>();
  for (const [account, [asn, n]] of best) if (n >= ASN_DOMINANCE * (totals.get(account) ?? 0)) out.set(account, asn);
  return out;
}

/** Which of our accounts use each identifier: the denominator of purity. */
class Usage {
  private users = new Map<string, Set<number>>();
  add(kind: ExportKind, value: string | null | undefined, account: number): void {
    if (value === null || value === undefined || value === '') return;
    const k = `${kind}\u0001${value}`;
    let s = this.users.get(k);
    if (!s) this.users.set(k, (s = new Set()));
    s.add(account);
  }
  of(kind: ExportKind, value: string): Set<number> {
    return this.users.get(`${kind}\u0001${value}`) ?? new Set();
  }
}

function usage(sqlite: Database.Database, asns: Map<number, number>): Usage {
  const u = new Usage();
  for (const r of sqlite.prepare(`SELECT id, email, email_domain, payment_fp, signup_ip FROM accounts`).iterate() as Iterable<{
    id: number; email: string | null; email_domain: string | null; payment_fp: string | null; signup_ip: string | null;
  }>) {
    if (r.email && !r.email.startsWith('h:')) u.add('email', r.email.trim().toLowerCase(), r.id);
    u.add('email_domain', r.email_domain, r.id);
    u.add('payment_fp', r.payment_fp, r.id);
    u.add('ip', r.signup_ip, r.id);
  }
  for (const r of sqlite.prepare(`SELECT account, kind, value FROM account_identifiers WHERE kind IN ('ip', 'subnet', 'client')`).iterate() as Iterable<{
    account: number; kind: 'ip' | 'subnet' | 'client'; value: string;
  }>) {
    if (r.kind === 'ip' && r.value.startsWith('ipv6#')) continue;
    u.add(r.kind, r.value, r.account);
  }
  for (const [account, asn] of asns) u.add('asn', String(asn), account);
  return u;
}

function candidates(sqlite: Database.Database, cases: ConfirmedCase[], asns: Map<number, number>): Map<string, Candidate> {
  const out = new Map<string, Candidate>();
  const add = (kind: ExportKind, value: string | null | undefined, account: number, caseId: string) => {
    if (!value) return;
    const k = `${kind}\u0001${value}`;
    let c = out.get(k);
    if (!c) out.set(k, (c = { kind, value, bad: new Set(), cases: new Set() }));
    c.bad.add(account);
    c.cases.add(caseId);
  };
  const account = sqlite.prepare(`SELECT email, email_domain, payment_fp, signup_ip FROM accounts WHERE id = ?`);
  const ids = sqlite.prepare(`SELECT kind, value FROM account_identifiers WHERE account = ? AND kind IN ('ip', 'subnet', 'client')`);
  for (const c of cases) {
    for (const a of c.accounts) {
      const r = account.get(a) as { email: string | null; email_domain: string | null; payment_fp: string | null; signup_ip: string | null } | undefined;
      if (!r) continue;
      if (r.email && !r.email.startsWith('h:')) add('email', r.email.trim().toLowerCase(), a, c.id);
      add('email_domain', r.email_domain, a, c.id);
      add('payment_fp', r.payment_fp, a, c.id);
      add('ip', r.signup_ip, a, c.id);
      for (const id of ids.all(a) as { kind: 'ip' | 'subnet' | 'client'; value: string }[]) {
        if (!(id.kind === 'ip' && id.value.startsWith('ipv6#'))) add(id.kind, id.value, a, c.id);
      }
      const asn = asns.get(a);
      if (asn !== undefined) add('asn', String(asn), a, c.id);
    }
  }
  return out;
}

const KIND_LABEL: Record<ExportKind, string> = {
  ip: 'IP address',
  subnet: 'subnet',
  asn: 'autonomous system',
  client: 'client (user agent + TLS fingerprint)',
  email: 'e-mail address (keyed hash)',
  email_domain: 'e-mail domain (keyed hash)',
  payment_fp: 'payment instrument (keyed hash)',
};

function splitClient(value: string): [string, string] {
  const at = value.lastIndexOf(' · ');
  return at < 0 ? [value, ''] : [value.slice(0, at), value.slice(at + 3)];
}

function isHashed(kind: ExportKind): kind is HashedKind {
  return kind === 'email' || kind === 'email_domain' || kind === 'payment_fp';
}

export function buildIntelBundle(sqlite: Database.Database, opts: ExportOptions = {}): ExportResult {
  const env = opts.env ?? process.env;
  const key = sharingKey(env);
  const tlp = opts.tlp ?? 'amber';
  if (!(tlp in TLP_MARKING_IDS)) throw new InputError(`unknown TLP level "${tlp}"`);
  const producer = (opts.producer ?? env.DISTILLWATCH_LAB_NAME ?? DEFAULT_PRODUCER).trim() || DEFAULT_PRODUCER;
  const cases = confirmedCases(sqlite);
  if (cases.length === 0) throw new InputError('there are no confirmed cases to share: confirm a case first');

  const asns = dominantAsns(sqlite);
  const used = usage(sqlite, asns);
  const marking = TLP_MARKING_IDS[tlp];
  const identityId = stixId('identity', producer);
  const epoch = Math.min(...cases.map((c) => c.confirmedAt));
  const common = (created: number, modified = created) => ({
    spec_version: SPEC_VERSION,
    created: stixTime(created),
    modified: stixTime(Math.max(created, modified)),
    created_by_ref: identityId,
    object_marking_refs: [marking],
  });

  const objects: StixObject[] = [
    tlpMarkingDefinition(tlp),
    {
      type: 'identity',
      id: identityId,
      ...common(epoch),
      name: producer,
      identity_class: 'organization',
      sectors: ['technology'],
      description: 'AI model provider sharing indicators of model-distillation (extraction) campaigns.',
    },
  ];
  const byCase = new Map(cases.map((c) => [c.id, c]));
  const campaignId = new Map<string, string>();
  for (const c of cases) {
    const id = stixId('campaign', producer, c.id);
    campaignId.set(c.id, id);
    const cases = c.caseIds.length > 3 ? `${c.caseIds.slice(0, 3).join(', ')} and ${c.caseIds.length - 3} more` : c.caseIds.join(', ');
    objects.push({
      type: 'campaign',
      id,
      ...common(c.openedAt, c.confirmedAt),
      name: `Model distillation ${c.subjectKind === 'ring' ? 'ring' : 'account'} (${producer} ${cases})`,
      description: `Confirmed by analysts (${cases}): ${c.summary}. ${c.accounts.length} account${c.accounts.length === 1 ? '' : 's'} confirmed as extraction.`,
      objective: 'Extract model outputs (reasoning traces, graded answers, agentic and coding transcripts) to train a competing model.',
      confidence: Math.round(Math.min(1, Math.max(0, c.score)) * 100),
    });
  }

  let withheld = 0;
  let indicators = 0;
  const sorted = [...candidates(sqlite, cases, asns).values()].sort((a, b) => (a.kind === b.kind ? (a.value < b.value ? -1 : 1) : a.kind < b.kind ? -1 : 1));
  const relationships: StixObject[] = [];
  const kid = keyId(key);
  for (const cand of sorted) {
    const all = used.of(cand.kind, cand.value);
    const users = Math.max(all.size, cand.bad.size);
    const purity = cand.bad.size / users;
    const support = cand.kind === 'email' ? 1 : MIN_SUPPORT;
    if (cand.bad.size < support || purity < PURITY) {
      withheld++;
      continue;
    }
    const its = [...cand.cases].map((id) => byCase.get(id)!);
    const created = Math.min(...its.map((c) => c.confirmedAt));
    const modified = Math.max(...its.map((c) => c.confirmedAt));
    const score = Math.max(...its.map((c) => c.score));
    let pattern: string;
    let value = cand.value;
    let extra: Record<string, unknown> = {};
    let name: string;
    if (isHashed(cand.kind)) {
      value = keyedHash(key, cand.kind, cand.value);
      pattern = patternFor.hashed(cand.kind, value);
      extra = { x_distillwatch_hmac: { kind: cand.kind, algorithm: 'HMAC-SHA256', hmac: value, key_id: kid } };
      name = `${KIND_LABEL[cand.kind]} ${value.slice(0, 12)}…`;
    } else if (cand.kind === 'client') {
      const [ua, tls] = splitClient(cand.value);
      pattern = patternFor.client(ua, tls);
      name = `Client ${cand.value}`;
    } else if (cand.kind === 'asn') {
      pattern = patternFor.asn(Number(cand.value));
      name = `Autonomous system AS${cand.value}`;
    } else if (cand.kind === 'subnet') {
      pattern = patternFor.subnet(cand.value);
      name = `Subnet ${cand.value}`;
    } else {
      pattern = patternFor.ip(cand.value);
      name = `IP address ${cand.value}`;
    }
    const id = stixId('indicator', cand.kind, value);
    objects.push({
      type: 'indicator',
      id,
      ...common(created, modified),
      name,
      description: `${KIND_LABEL[cand.kind]} used by ${cand.bad.size} account${cand.bad.size === 1 ? '' : 's'} of confirmed distillation cases (${Math.round(purity * 100)}% of the accounts using it here).`,
      indicator_types: ['malicious-activity'],
      pattern,
      pattern_type: 'stix',
      pattern_version: SPEC_VERSION,
      valid_from: stixTime(created),
      confidence: Math.round(Math.min(1, Math.max(0, score)) * 100),
      labels: ['model-distillation'],
      ...extra,
    });
    indicators++;
    for (const c of its) {
      relationships.push({
        type: 'relationship',
        id: stixId('relationship', id, 'indicates', campaignId.get(c.id)!),
        ...common(c.confirmedAt),
        relationship_type: 'indicates',
        source_ref: id,
        target_ref: campaignId.get(c.id)!,
      });
    }
  }
  objects.push(...relationships);
  const idHash = createHash('sha256');
  for (const o of objects) idHash.update(JSON.stringify(o));
  const bundle: StixBundle = { type: 'bundle', id: stixId('bundle', idHash.digest('hex')), objects };
  validateBundle(bundle);
  const text = `{"type":"bundle","id":${JSON.stringify(bundle.id)},"objects":[\n${objects.map((o) => JSON.stringify(o)).join(',\n')}\n]}\n`;
  assertNoPersonalData(sqlite, text, cases);
  return {
    bundle,
    text,
    sha256: createHash('sha256').update(text).digest('hex'),
    campaigns: cases.length,
    indicators,
    withheld,
  };
}

/** Defence in depth: no raw e-mail, e-mail domain or payment fingerprint of a shared account is in the text. */
function assertNoPersonalData(sqlite: Database.Database, text: string, cases: ConfirmedCase[]): void {
  const lower = text.toLowerCase();
  const row = sqlite.prepare(`SELECT email, email_domain, payment_fp FROM accounts WHERE id = ?`);
  for (const c of cases) {
    for (const a of c.accounts) {
      const r = row.get(a) as { email: string | null; email_domain: string | null; payment_fp: string | null } | undefined;
      for (const v of [r?.email, r?.payment_fp, r?.email_domain ? `"${r.email_domain}` : null, r?.email_domain ? `'${r.email_domain}'` : null]) {
        if (v && v.length >= 4 && lower.includes(v.toLowerCase())) throw new Error('refusing to write the bundle: it would contain personal data in the clear');
      }
    }
  }
}

/** Builds, audits and returns the export (the caller writes `text`). */
export function exportIntel(sqlite: Database.Database, opts: ExportOptions = {}): ExportResult {
  const result = buildIntelBundle(sqlite, opts);
  writeTransaction(sqlite, () =>
    appendAudit(sqlite, {
      actor: opts.actor ?? 'cli',
      action: 'intel_exported',
      subjectKind: null,
      subjectId: result.bundle.id,
      details: { bundle_id: result.bundle.id, sha256: result.sha256, tlp: opts.tlp ?? 'amber', campaigns: result.campaigns, indicators: result.indicators, withheld: result.withheld },
    }),
  );
  return result;
}
