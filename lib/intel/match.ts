/**
 * Matching partner indicators against our accounts and events, read-only.
 *
 * - Keyed hashes (e-mail address, e-mail domain, payment fingerprint) are
 *   compared with the HMAC of our accounts' own values under the same key.
 * - IP addresses and subnets match an account whose sign-up address is in
 *   them, or that sent a real share of its requests from them (the rule the
 *   linkage graph uses for "its own" address: ≥ 5% and ≥ 2 requests, or any
 *   for an account with ≤ 10 requests), so one request through a shared
 *   proxy exit does not convict a customer.
 * - Autonomous systems and clients match an account that sent at least half
 *   of its requests through them.
 * - Weak kinds (an autonomous system, a user agent or a TLS fingerprint on
 *   its own) are shared by too many unrelated customers (a hosting provider,
 *   a popular SDK) to convict anyone: they count only for an account that
 *   also matches a strong indicator, as corroboration.
 * Accounts match whether or not detection flagged them.
 */
import type Database from 'better-sqlite3';
import { formatCount, progress } from '../progress';
import { ipv4ToInt } from '../ingest/ip';
import { keyedHash, type HashedKind } from './keyed-hash';
import type { MatchKind } from './patterns';
import { requireSqliteEvents } from '../../db/events-engine';

export const ADDRESS_MIN_SHARE = 0.05;
export const DOMINANT_SHARE = 0.5;
export const WEAK_KINDS: ReadonlySet<MatchKind> = new Set(['asn', 'user_agent', 'tls_fp']);

export interface IndicatorTarget {
  id: string;
  kind: MatchKind;
  value: string;
  hashed: boolean;
}

type Matches = Map<string, Set<number>>;

function addMatch(out: Matches, indicator: string, account: number): void {
  let s = out.get(indicator);
  if (!s) out.set(indicator, (s = new Set()));
  s.add(account);
}

function index(targets: IndicatorTarget[], kind: MatchKind, hashed?: boolean): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const t of targets) {
    if (t.kind !== kind || (hashed !== undefined && t.hashed !== hashed)) continue;
    const list = m.get(t.value) ?? [];
    list.push(t.id);
    m.set(t.value, list);
  }
  return m;
}

function cidrParts(cidr: string): { net: number; bits: number } {
  const [ip, bits] = cidr.split('/');
  return { net: ipv4ToInt(ip), bits: Number(bits) };
}

/** Events read between two pauses of the scan. */
const EVENTS_PER_PAGE = 100_000;

const noPause = async () => {};

/**
 * Indicator id → our matching account ids (integer keys). Read-only; the
 * events are scanned a page at a time (in key order), awaiting `pause()`
 * between pages, so that a server's other requests run during a long scan.
 */
export async function matchIndicators(sqlite: Database.Database, key: string, targets: IndicatorTarget[], pause: () => Promise<void> = noPause): Promise<Matches> {
  requireSqliteEvents(sqlite, 'matching partner indicators');
  const out: Matches = new Map();
  matchAccountRecords(sqlite, key, targets, out);
  await matchEvents(sqlite, targets, out, pause);
  const kind = new Map(targets.map((t) => [t.id, t.kind]));
  const strong = new Set<number>();
  for (const [id, accounts] of out) if (!WEAK_KINDS.has(kind.get(id)!)) for (const a of accounts) strong.add(a);
  for (const [id, accounts] of out) {
    if (!WEAK_KINDS.has(kind.get(id)!)) continue;
    for (const a of accounts) if (!strong.has(a)) accounts.delete(a);
    if (accounts.size === 0) out.delete(id);
  }
  return out;
}

function matchAccountRecords(sqlite: Database.Database, key: string, targets: IndicatorTarget[], out: Matches): void {
  const hashed = (['email', 'email_domain', 'payment_fp'] as HashedKind[]).map((k) => [k, index(targets, k, true), index(targets, k, false)] as const);
  const ips = index(targets, 'ip');
  const subnets = [...index(targets, 'subnet')].map(([cidr, ids]) => ({ ...cidrParts(cidr), ids }));
  const needHashes = hashed.some(([, h, r]) => h.size > 0 || r.size > 0);
  if (!needHashes && ips.size === 0 && subnets.length === 0) return;
  for (const a of sqlite.prepare(`SELECT id, email, email_domain, payment_fp, signup_ip FROM accounts`).iterate() as Iterable<{
    id: number; email: string | null; email_domain: string | null; payment_fp: string | null; signup_ip: string | null;
  }>) {
    const values: Record<HashedKind, string | null> = {
      email: a.email && !a.email.startsWith('h:') ? a.email : null,
      email_domain: a.email_domain,
      payment_fp: a.payment_fp,
    };
    for (const [kind, byHash, byRaw] of hashed) {
      const v = values[kind];
      if (!v) continue;
      if (byHash.size) for (const id of byHash.get(keyedHash(key, kind, v)) ?? []) addMatch(out, id, a.id);
      if (byRaw.size) for (const id of byRaw.get(kind === 'payment_fp' ? v.trim() : v.trim().toLowerCase()) ?? []) addMatch(out, id, a.id);
    }
    if (a.signup_ip) {
      for (const id of ips.get(a.signup_ip) ?? []) addMatch(out, id, a.id);
      const n = ipv4ToInt(a.signup_ip);
      if (n >= 0) for (const s of subnets) if (n >>> (32 - s.bits) === s.net >>> (32 - s.bits)) for (const id of s.ids) addMatch(out, id, a.id);
    }
  }
}

async function matchEvents(sqlite: Database.Database, targets: IndicatorTarget[], out: Matches, pause: () => Promise<void>): Promise<void> {
  // Indicator values → the integers events store.
  const ipIds = new Map<number, string[]>();
  for (const [ip, ids] of index(targets, 'ip')) {
    let n = ipv4ToInt(ip);
    if (n < 0) {
      const d = sqlite.prepare(`SELECT id FROM dictionary WHERE kind = 'ip6' AND value = ?`).get(ip) as { id: number } | undefined;
      if (!d) continue;
      n = -d.id;
    }
    ipIds.set(n, [...(ipIds.get(n) ?? []), ...ids]);
  }
  const byBits = new Map<number, Map<number, string[]>>();
  for (const [cidr, ids] of index(targets, 'subnet')) {
    const { net, bits } = cidrParts(cidr);
    const m = byBits.get(bits) ?? new Map<number, string[]>();
    const key = net >>> (32 - bits);
    m.set(key, [...(m.get(key) ?? []), ...ids]);
    byBits.set(bits, m);
  }
  const asnIds = new Map<number, string[]>([...index(targets, 'asn')].map(([v, ids]) => [Number(v), ids]));
  const clientIds = new Map<number, string[]>();
  const clients = index(targets, 'client');
  const uas = index(targets, 'user_agent');
  const tlss = index(targets, 'tls_fp');
  if (clients.size || uas.size || tlss.size) {
    for (const d of sqlite.prepare(`SELECT id, value FROM dictionary WHERE kind = 'client'`).iterate() as Iterable<{ id: number; value: string }>) {
      const [ua, tls = ''] = d.value.split('\u0001');
      const ids = [...(clients.get(`${ua} · ${tls}`) ?? []), ...(uas.get(ua) ?? []), ...(tls ? tlss.get(tls) ?? [] : [])];
      if (ids.length) clientIds.set(d.id, ids);
    }
  }
  if (ipIds.size === 0 && byBits.size === 0 && asnIds.size === 0 && clientIds.size === 0) return;

  // One pass over events: per account, its total and its count per indicator.
  const totals = new Map<number, number>();
  const counts = new Map<string, Map<number, { address: boolean; n: number }>>();
  const bump = (ids: string[], account: number, address: boolean) => {
    for (const id of ids) {
      let m = counts.get(id);
      if (!m) counts.set(id, (m = new Map()));
      const c = m.get(account);
      if (c) c.n++;
      else m.set(account, { address, n: 1 });
    }
  };
  const bits = [...byBits.entries()];
  const bar = progress('intel import');
  let rows = 0;
  const firstPage = sqlite.prepare(`SELECT ts, rid, account, ip, asn, client FROM events ORDER BY ts, rid LIMIT ${EVENTS_PER_PAGE}`).raw(true);
  const nextPage = sqlite
    .prepare(`SELECT ts, rid, account, ip, asn, client FROM events WHERE (ts, rid) > (?, ?) ORDER BY ts, rid LIMIT ${EVENTS_PER_PAGE}`)
    .raw(true);
  const scan = (page: [number, number, number, number, number | null, number | null][]) => {
    for (const [, , account, ip, asn, client] of page) {
      totals.set(account, (totals.get(account) ?? 0) + 1);
      const exact = ipIds.get(ip);
      if (exact) bump(exact, account, true);
      if (ip >= 0) for (const [b, nets] of bits) {
        const hit = nets.get(ip >>> (32 - b));
        if (hit) bump(hit, account, true);
      }
      if (asn !== null) {
        const hit = asnIds.get(asn);
        if (hit) bump(hit, account, false);
      }
      if (client !== null) {
        const hit = clientIds.get(client);
        if (hit) bump(hit, account, false);
      }
    }
    rows += page.length;
    bar.update(() => `matched against ${formatCount(rows)} events`);
  };
  let page = firstPage.all() as [number, number, number, number, number | null, number | null][];
  while (page.length > 0) {
    scan(page);
    if (page.length < EVENTS_PER_PAGE) break;
    const [ts, rid] = page[page.length - 1];
    await pause();
    page = nextPage.all(ts, rid) as typeof page;
  }
  bar.done();
  for (const [id, m] of counts) {
    for (const [account, c] of m) {
      const n = totals.get(account) ?? 0;
      const ok = c.address ? c.n >= Math.max(2, n * ADDRESS_MIN_SHARE) || n <= 10 : c.n >= n * DOMINANT_SHARE;
      if (ok) addMatch(out, id, account);
    }
  }
}
