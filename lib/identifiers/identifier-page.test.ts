/** The identifier page and the top bar's search on a real generated, ingested and detected store. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { detectedStore } from '../../tools/testing/detected-store';
import { NotFoundError } from '../errors';
import { getIdentifierPage } from './identifier-page';
import { identifierHref } from './kinds';
import { searchEverything } from './search';

let store: Store;
let days: string[];
const one = <T>(sql: string, ...p: unknown[]) => store.sqlite.prepare(sql).get(...p) as T;

beforeAll(async () => {
  ({ store, days } = await detectedStore('dw-identifiers-'));
});
afterAll(() => store?.close());

describe('getIdentifierPage', () => {
  it('lists every account using a card, pages them, and names their rings and cases', () => {
    const card = one<{ value: string; n: number }>(
      `SELECT value, count(*) AS n FROM account_identifiers i JOIN ring_members m ON m.account = i.account AND m.as_of = ?
       WHERE kind = 'payment_fp' GROUP BY value ORDER BY n DESC LIMIT 1`,
      days[1],
    );
    const total = one<{ n: number }>(`SELECT count(*) AS n FROM account_identifiers WHERE kind = 'payment_fp' AND value = ?`, card.value).n;
    const page = getIdentifierPage(store.sqlite, 'payment_fp', card.value, 1, 3);
    expect(page.total).toBe(total);
    expect(page.accounts.length).toBe(Math.min(3, total));
    for (let i = 1; i < page.accounts.length; i++) expect(page.accounts[i - 1].score).toBeGreaterThanOrEqual(page.accounts[i].score);
    expect(page.rings.length).toBeGreaterThan(0);
    expect(page.rings.reduce((s, r) => s + r.accounts, 0)).toBeLessThanOrEqual(total);
    expect(page.firstSeen! <= page.lastSeen!).toBe(true);
    // Every account of every page, once.
    const seen = new Set<string>();
    for (let p = 1; p <= Math.ceil(total / 3); p++) for (const a of getIdentifierPage(store.sqlite, 'payment_fp', card.value, p, 3).accounts) seen.add(a.accountId);
    expect(seen.size).toBe(total);
    // A page past the end shows the last one.
    expect(getIdentifierPage(store.sqlite, 'payment_fp', card.value, 999, 3).page).toBe(Math.ceil(total / 3));
    // A member's ring carries its case.
    const member = page.accounts.find((a) => a.ring);
    const ringCase = one<{ id: string } | undefined>(`SELECT id FROM cases WHERE subject_kind = 'ring' AND subject_id = ?`, member?.ring?.ringId);
    expect(member?.ringCase?.caseId ?? null).toBe(ringCase?.id ?? null);
  });

  it('finds an e-mail address on the accounts’ records, and refuses what nobody uses', () => {
    const a = one<{ email: string; account_id: string }>(`SELECT email, account_id FROM accounts WHERE email IS NOT NULL LIMIT 1`);
    const page = getIdentifierPage(store.sqlite, 'email', a.email);
    expect(page.accounts.map((x) => x.accountId)).toContain(a.account_id);
    expect(page.accounts[0].events).toBeNull();
    expect(() => getIdentifierPage(store.sqlite, 'payment_fp', 'pm_nobody')).toThrow(NotFoundError);
  });
});

describe('searchEverything', () => {
  it('finds accounts, cases, cards, e-mails, IP addresses with their subnet, and clients by fingerprint', () => {
    const acct = one<{ account_id: string }>(`SELECT account_id FROM accounts ORDER BY account_id LIMIT 1`).account_id;
    expect(searchEverything(store.sqlite, acct).hits).toContainEqual(expect.objectContaining({ type: 'account', label: acct }));
    const kase = one<{ id: string }>(`SELECT id FROM cases LIMIT 1`).id;
    expect(searchEverything(store.sqlite, kase).hits[0]).toMatchObject({ type: 'case', label: kase, href: `/cases/${kase}` });
    const card = one<{ value: string }>(`SELECT value FROM account_identifiers WHERE kind = 'payment_fp' LIMIT 1`).value;
    expect(searchEverything(store.sqlite, card.slice(0, 8)).hits).toContainEqual(
      expect.objectContaining({ type: 'payment_fp', label: card, href: identifierHref('payment_fp', card) }),
    );
    const ip = one<{ value: string }>(`SELECT value FROM account_identifiers WHERE kind = 'ip' AND value LIKE '%.%.%.%' LIMIT 1`).value;
    const subnet = ip.replace(/\.\d+$/, '.0/24');
    const ipHits = searchEverything(store.sqlite, ip).hits;
    expect(ipHits).toContainEqual(expect.objectContaining({ type: 'ip', label: ip }));
    if (one<{ n: number }>(`SELECT count(*) AS n FROM account_identifiers WHERE kind = 'subnet' AND value = ?`, subnet).n > 0)
      expect(ipHits).toContainEqual(expect.objectContaining({ type: 'subnet', label: subnet }));
    const email = one<{ email: string }>(`SELECT email FROM accounts WHERE email LIKE '%@%' LIMIT 1`).email;
    expect(searchEverything(store.sqlite, email.toUpperCase()).hits).toContainEqual(expect.objectContaining({ type: 'email', label: email }));
    const client = one<{ value: string }>(`SELECT value FROM account_identifiers WHERE kind = 'client' AND value LIKE '% · %' LIMIT 1`).value;
    const tls = client.split(' · ')[1];
    expect(searchEverything(store.sqlite, tls).hits).toContainEqual(expect.objectContaining({ type: 'client', label: client }));
  });

  it('answers nothing for nothing, and nothing for a miss', () => {
    expect(searchEverything(store.sqlite, '   ').hits).toEqual([]);
    expect(searchEverything(store.sqlite, 'zzzz-no-such-thing').hits).toEqual([]);
  });
});

describe('subjectIdentifiers', () => {
  it('gives a ring’s shared identifiers and an account’s own, most widely shared first', async () => {
    const { subjectIdentifiers } = await import('./subject-identifiers');
    const ring = one<{ ring_id: string; shared: string }>(`SELECT ring_id, shared FROM rings WHERE as_of = ? ORDER BY size DESC LIMIT 1`, days[1]);
    expect(subjectIdentifiers(store.sqlite, 'ring', ring.ring_id)).toEqual(JSON.parse(ring.shared).slice(0, 40));
    const acct = one<{ account_id: string; n: number }>(
      `SELECT a.account_id, count(*) AS n FROM account_identifiers i JOIN accounts a ON a.id = i.account GROUP BY i.account ORDER BY n DESC LIMIT 1`,
    );
    const ids = subjectIdentifiers(store.sqlite, 'account', acct.account_id, 500);
    expect(ids).toHaveLength(acct.n);
    for (let i = 1; i < ids.length; i++) expect(ids[i - 1].accounts).toBeGreaterThanOrEqual(ids[i].accounts);
    expect(subjectIdentifiers(store.sqlite, 'ring', 'ring_nope')).toEqual([]);
  });
});
