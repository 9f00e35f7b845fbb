/** What a ring's members share: every identifier node the ring graph draws, with detection's hub limits marking the ones too common to link. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { detectedStore } from '../../tools/testing/detected-store';
import { NotFoundError } from '../errors';
import { hubLimit } from '../domain/identifier-policy';
import { ringGraphElements, type IdentifierNode } from './queries';
import { ringShares } from './ring-shares';

let store: Store;
let ringIds: string[];

beforeAll(async () => {
  let days: string[];
  ({ store, days } = await detectedStore('dw-ring-shares-'));
  ringIds = (store.sqlite.prepare(`SELECT ring_id FROM rings WHERE as_of = ? ORDER BY size DESC`).pluck().all(days[1]) as string[]).slice(0, 6);
});
afterAll(() => store?.close());

const everything = (ringId: string) => ringShares(store.sqlite, ringId, { limit: 1_000_000 });

describe('ringShares', () => {
  it('lists every identifier node the ring graph draws, with as many members as the graph joins to it', () => {
    expect(ringIds.length).toBeGreaterThan(0);
    for (const ringId of ringIds) {
      const g = ringGraphElements(store.sqlite, ringId);
      const joined = new Map<string, number>();
      for (const e of g.edges) joined.set(e.target, (joined.get(e.target) ?? 0) + 1);
      const listed = new Map(everything(ringId).rows.map((r) => [`i:${r.kind}:${r.value}`, r]));
      const nodes = g.nodes.filter((n): n is IdentifierNode => n.type === 'identifier');
      expect(nodes.length).toBeGreaterThan(0);
      for (const n of nodes) {
        expect(listed.get(n.id), `${ringId}: ${n.id} is in the graph but not listed`).toBeDefined();
        expect(listed.get(n.id)!.members).toBe(joined.get(n.id));
        expect(listed.get(n.id)!.accounts).toBe(n.accounts);
      }
      expect(listed.size).toBe(nodes.length + g.omittedIdentifiers);
    }
  });

  it('marks as linked exactly what detection linked by: every identifier detection stored is linked', () => {
    for (const ringId of ringIds) {
      const stored = JSON.parse(store.sqlite.prepare(`SELECT shared FROM rings WHERE ring_id = ? ORDER BY as_of DESC LIMIT 1`).pluck().get(ringId) as string) as { kind: string; value: string; accounts: number }[];
      const listed = new Map(everything(ringId).rows.map((r) => [`${r.kind}:${r.value}`, r]));
      for (const s of stored) {
        const row = listed.get(`${s.kind}:${s.value}`);
        expect(row, `${ringId}: stored ${s.kind}:${s.value} missing`).toBeDefined();
        expect(row!.linked).toBe(true);
        expect(row!.members).toBe(s.accounts);
      }
    }
  });

  it('marks an identifier used by more accounts than its kind’s hub limit as too common to link, and counts it', () => {
    const ringId = ringIds[0];
    const before = everything(ringId);
    const target = before.rows.find((r) => r.linked)!;
    const active = store.sqlite.prepare(`SELECT count(DISTINCT account) FROM account_identifiers`).pluck().get() as number;
    expect(target.hubLimit).toBe(hubLimit(target.kind as never, active));
    // Spread the identifier to enough accounts outside the ring to pass the limit (a popular SDK's fingerprint), inside a transaction undone afterwards.
    const outside = store.sqlite
      .prepare(
        `SELECT id FROM accounts WHERE id NOT IN (SELECT account FROM account_identifiers WHERE kind = ? AND value = ?)
           AND id IN (SELECT account FROM account_identifiers) LIMIT ?`,
      )
      .pluck()
      .all(target.kind, target.value, target.hubLimit - target.accounts + 1) as number[];
    expect(outside.length).toBe(target.hubLimit - target.accounts + 1);
    store.sqlite.exec('SAVEPOINT hub');
    try {
      const add = store.sqlite.prepare(`INSERT INTO account_identifiers (account, kind, value, events) VALUES (?, ?, ?, 1)`);
      for (const a of outside) add.run(a, target.kind, target.value);
      const after = everything(ringId);
      const row = after.rows.find((r) => r.kind === target.kind && r.value === target.value)!;
      expect(row).toMatchObject({ linked: false, members: target.members, accounts: target.hubLimit + 1 });
      expect(after.common).toBe(before.common + 1);
      expect(after.total).toBe(before.total);
    } finally {
      store.sqlite.exec('ROLLBACK TO hub; RELEASE hub');
    }
  });

  it('pages most members first, and refuses an unknown ring', () => {
    const ringId = ringIds[0];
    const all = everything(ringId).rows;
    for (let i = 1; i < all.length; i++) expect(all[i - 1].members).toBeGreaterThanOrEqual(all[i].members);
    const first = ringShares(store.sqlite, ringId, { limit: 3 });
    const second = ringShares(store.sqlite, ringId, { offset: 3, limit: 3 });
    expect([...first.rows, ...second.rows]).toEqual(all.slice(0, 6));
    expect(first.total).toBe(all.length);
    expect(() => ringShares(store.sqlite, 'ring_nope')).toThrow(NotFoundError);
  });
});
