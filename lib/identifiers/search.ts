/**
 * The top bar's search: one query string against accounts, e-mail addresses,
 * cards, IP addresses, subnets, client fingerprints and the other linkage
 * identifiers, rings and case ids. Ids and identifiers match by prefix through
 * their indexes; e-mail addresses and clients (a fingerprint sits in the middle
 * of "user agent · TLS") match anywhere in the text. An IPv4 address also finds
 * its /24 subnet. Each group returns at most `perGroup` hits, best first.
 */
import type Database from 'better-sqlite3';
import { identifierHref, type PivotKind } from './kinds';

export type SearchHitType = 'account' | 'case' | 'ring' | PivotKind;

export interface SearchHit {
  type: SearchHitType;
  /** The text matched (an id, an address, a value); shown escaped. */
  label: string;
  /** A short line under it: how many accounts, the case's status. */
  detail: string;
  href: string;
}

export interface SearchResult {
  query: string;
  hits: SearchHit[];
}

/** Prefix searches per identifier kind, in the order they are listed. */
const PREFIX_KINDS = ['payment_fp', 'ip', 'subnet', 'signup_ip', 'email_domain', 'email_pattern', 'template', 'skeleton', 'schedule', 'cohort'] as const;

/** The upper bound of a prefix range over text (every string starting with `q` sorts below it). */
const prefixEnd = (q: string) => `${q}\u{10FFFF}`;

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

const accountsText = (n: number) => `${n.toLocaleString('en-US')} account${n === 1 ? '' : 's'}`;

export function searchEverything(sqlite: Database.Database, raw: string, perGroup = 6): SearchResult {
  const query = raw.trim();
  const hits: SearchHit[] = [];
  if (query.length === 0) return { query, hits };
  const range = { q: query, end: prefixEnd(query), n: perGroup };

  for (const c of sqlite.prepare(`SELECT id, subject_kind AS kind, subject_id AS subject, status FROM cases WHERE id >= @q AND id < @end ORDER BY id LIMIT @n`).all(range) as {
    id: string;
    kind: string;
    subject: string;
    status: string;
  }[])
    hits.push({ type: 'case', label: c.id, detail: `${c.status} · ${c.kind} ${c.subject}`, href: `/cases/${encodeURIComponent(c.id)}` });

  for (const a of sqlite
    .prepare(`SELECT account_id AS id, plan FROM accounts WHERE account_id >= @q AND account_id < @end ORDER BY account_id LIMIT @n`)
    .all(range) as { id: string; plan: string | null }[])
    hits.push({ type: 'account', label: a.id, detail: a.plan ? `account · ${a.plan}` : 'account', href: `/accounts/${encodeURIComponent(a.id)}` });

  for (const r of sqlite
    .prepare(`SELECT ring_id AS id, max(as_of) AS asOf, size FROM rings WHERE ring_id >= @q AND ring_id < @end GROUP BY ring_id ORDER BY ring_id LIMIT @n`)
    .all(range) as { id: string; size: number }[])
    hits.push({ type: 'ring', label: r.id, detail: `ring · ${accountsText(r.size)}`, href: `/rings/${encodeURIComponent(r.id)}` });

  if (query.length >= 3) {
    for (const e of sqlite
      .prepare(
        `SELECT email, count(*) AS n FROM accounts WHERE email IS NOT NULL AND instr(lower(email), lower(@q)) > 0
         GROUP BY email ORDER BY (lower(email) = lower(@q)) DESC, n DESC, email LIMIT @n`,
      )
      .all(range) as { email: string; n: number }[])
      hits.push({ type: 'email', label: e.email, detail: `e-mail · ${accountsText(e.n)}`, href: identifierHref('email', e.email) });
  }

  const byPrefix = sqlite.prepare(
    `SELECT value, count(*) AS n FROM account_identifiers WHERE kind = @kind AND value >= @q AND value < @end GROUP BY value ORDER BY n DESC, value LIMIT @n`,
  );
  const exact = sqlite.prepare(`SELECT count(*) AS n FROM account_identifiers WHERE kind = @kind AND value = @q`);
  const ip = IPV4.exec(query);
  for (const kind of PREFIX_KINDS) {
    const rows = byPrefix.all({ ...range, kind }) as { value: string; n: number }[];
    if (kind === 'subnet' && ip) {
      const subnet = `${ip[1]}.${ip[2]}.${ip[3]}.0/24`;
      const n = (exact.get({ kind, q: subnet }) as { n: number }).n;
      if (n > 0 && !rows.some((r) => r.value === subnet)) rows.unshift({ value: subnet, n });
    }
    for (const r of rows) hits.push({ type: kind, label: r.value, detail: `${kind} · ${accountsText(r.n)}`, href: identifierHref(kind, r.value) });
  }

  if (query.length >= 3) {
    for (const c of sqlite
      .prepare(
        `SELECT value, count(*) AS n FROM account_identifiers WHERE kind = 'client' AND instr(lower(value), lower(@q)) > 0
         GROUP BY value ORDER BY n DESC, value LIMIT @n`,
      )
      .all(range) as { value: string; n: number }[])
      hits.push({ type: 'client', label: c.value, detail: `client · ${accountsText(c.n)}`, href: identifierHref('client', c.value) });
  }
  return { query, hits };
}
