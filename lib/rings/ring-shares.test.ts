/** What a ring's members share: every identifier node the ring graph draws, with detection's hub limits marking the ones too common to link. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { detectedStore } from '../../tools/testing/detected-store';
import { NotFoundError } from '../errors';
import { hubLimit } from '../domain/identifier-policy';
import { prepareWindow } from '../detect/detect';
import { windowFor } from '../features/window';
import { ringGraphElements, type IdentifierNode } from './queries';
import { ringShares } from './ring-shares';

let store: Store;
let ringIds: string[];
/** Detection's own view of the latest window: what it linked by, and how many accounts its hub limits are a share of. */
let linkedByDetection: Set<string>;
let activeInWindow: number;

beforeAll(async () => {
  let days: string[];
  ({ store, days } = await detectedStore('dw-ring-shares-'));
  ringIds = (store.sqlite.prepare(`SELECT ring_id FROM rings WHERE as_of = ? ORDER BY size DESC`).pluck().all(days[1]) as string[]).slice(0, 6);
  const windowDays = store.sqlite.prepare(`SELECT window_days FROM detect_runs ORDER BY id DESC LIMIT 1`).pluck().get() as number;
  const prepared = prepareWindow(store.sqlite, windowFor(days[1], windowDays));
  linkedByDetection = new Set(prepared.linkage.shared.map((s) => `${s.kind}:${s.value}`));
  activeInWindow = prepared.byAccount.size;
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

  it('marks as linked exactly what detection linked by, and lists every identifier detection stored for the ring', () => {
    let checked = 0;
    for (const ringId of ringIds) {
      const page = everything(ringId);
      expect(page.countedAsOf).toBeNull();
      for (const r of page.rows) {
        expect(r.linked, `${ringId}: ${r.kind}:${r.value} (${r.accounts} accounts)`).toBe(linkedByDetection.has(`${r.kind}:${r.value}`));
        checked++;
      }
      const stored = JSON.parse(store.sqlite.prepare(`SELECT shared FROM rings WHERE ring_id = ? ORDER BY as_of DESC LIMIT 1`).pluck().get(ringId) as string) as { kind: string; value: string; accounts: number }[];
      const listed = new Map(page.rows.map((r) => [`${r.kind}:${r.value}`, r]));
      for (const s of stored) {
        const row = listed.get(`${s.kind}:${s.value}`);
        expect(row, `${ringId}: stored ${s.kind}:${s.value} missing`).toBeDefined();
        expect(row!.linked).toBe(true);
        expect(row!.members).toBe(s.accounts);
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('keeps an identifier used by exactly its kind’s hub limit linked, and marks one more account as too common to link', () => {
    const ringId = ringIds[0];
    const before = everything(ringId);
    const target = before.rows.find((r) => r.linked)!;
    expect(target.hubLimit).toBe(hubLimit(target.kind as never, activeInWindow));
    const outside = store.sqlite
      .prepare(
        `SELECT id FROM accounts WHERE id NOT IN (SELECT account FROM account_identifiers WHERE kind = ? AND value = ?)
           AND id IN (SELECT account FROM account_identifiers) LIMIT ?`,
      )
      .pluck()
      .all(target.kind, target.value, target.hubLimit! - target.accounts + 1) as number[];
    expect(outside.length).toBe(target.hubLimit! - target.accounts + 1);
    // Spread it to accounts outside the ring (a popular SDK's fingerprint) as a new detection run would, undone afterwards.
    const newRun = () => store.sqlite.prepare(`INSERT INTO detect_runs (as_of, generated_at, threshold, model_version, window_days, accounts, flagged, rings, alerts) SELECT as_of, generated_at + 1, threshold, model_version, window_days, accounts, flagged, rings, alerts FROM detect_runs ORDER BY id DESC LIMIT 1`).run();
    const add = store.sqlite.prepare(`INSERT INTO account_identifiers (account, kind, value, events) VALUES (?, ?, ?, 1)`);
    const rowOf = (p: ReturnType<typeof everything>) => p.rows.find((r) => r.kind === target.kind && r.value === target.value)!;
    store.sqlite.exec('SAVEPOINT hub');
    try {
      for (const a of outside.slice(1)) add.run(a, target.kind, target.value);
      newRun();
      const atLimit = everything(ringId);
      expect(rowOf(atLimit)).toMatchObject({ linked: true, accounts: target.hubLimit });
      // A later run than the ring's own: the page says the counts are the latest window's.
      expect(atLimit.countedAsOf).not.toBeNull();
      add.run(outside[0], target.kind, target.value);
      newRun();
      const after = everything(ringId);
      expect(rowOf(after)).toMatchObject({ linked: false, members: target.members, accounts: target.hubLimit! + 1 });
      expect(after.common).toBe(before.common + 1);
      expect(after.total).toBe(before.total);
      // Linked ones first: the newly common one moved behind every linked one.
      const at = after.rows.indexOf(rowOf(after));
      expect(after.rows.slice(0, at).every((r) => r.linked) || after.rows.slice(at).every((r) => !r.linked)).toBe(true);
    } finally {
      store.sqlite.exec('ROLLBACK TO hub; RELEASE hub');
    }
  });

  it('pages what links first, most members first within each, and refuses an unknown ring', () => {
    const ringId = ringIds[0];
    const all = everything(ringId).rows;
    for (let i = 1; i < all.length; i++) {
      expect(Number(all[i - 1].linked)).toBeGreaterThanOrEqual(Number(all[i].linked));
      if (all[i - 1].linked === all[i].linked) expect(all[i - 1].members).toBeGreaterThanOrEqual(all[i].members);
    }
    const first = ringShares(store.sqlite, ringId, { limit: 3 });
    const second = ringShares(store.sqlite, ringId, { offset: 3, limit: 3 });
    expect([...first.rows, ...second.rows]).toEqual(all.slice(0, 6));
    expect(first.total).toBe(all.length);
    expect(() => ringShares(store.sqlite, 'ring_nope')).toThrow(NotFoundError);
  });
});
