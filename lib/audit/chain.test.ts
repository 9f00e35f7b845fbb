import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeTransaction, type Store } from '../../db/client';
import { tempStore } from '../../tools/testing/temp-store';
import { appendAudit } from './append';
import { canonicalJson } from './canonical-json';
import { entryHash, entryHashOfStored, GENESIS_HASH, verifyAuditChain, type AuditEntry } from './chain';
import { allAuditEntries, auditEntriesForCase } from './queries';

let store: Store;
beforeEach(() => {
  store = tempStore();
  writeTransaction(store.sqlite, () => {
    appendAudit(store.sqlite, { actor: 'ana', action: 'sign_in', details: { ip: '192.0.2.1' }, at: 1 });
    appendAudit(store.sqlite, { actor: 'ana', action: 'case_decided', caseId: 'case_000001', subjectKind: 'ring', subjectId: 'ring_7', details: { reason: 'shared cards', action: 'confirm' }, at: 2 });
    appendAudit(store.sqlite, { actor: 'lee', action: 'note_added', caseId: 'case_000002', details: { body: 'see ring 7' }, at: 3 });
    appendAudit(store.sqlite, { actor: 'lee', action: 'case_decided', caseId: 'case_000001', details: { reason: 'legal agrees', action: 'escalate' }, at: 4 });
  });
});
afterEach(() => store.close());

const entries = () => [...allAuditEntries(store.sqlite)];

describe('canonical JSON', () => {
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
  });
});

describe('the audit chain', () => {
  it('links each entry to the one before, from the genesis hash', () => {
    const all = entries();
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(all[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < all.length; i++) expect(all[i].prevHash).toBe(all[i - 1].hash);
    expect(all[1].details).toBe('{"action":"confirm","reason":"shared cards"}');
    expect(verifyAuditChain(all)).toBeNull();
  });

  it('verifies one case’s entries on their own', () => {
    expect(verifyAuditChain(auditEntriesForCase(store.sqlite, 'case_000001'))).toBeNull();
  });

  const tamper: [string, (e: AuditEntry[]) => AuditEntry[], number][] = [
    ['a changed reason', (e) => e.map((x) => (x.seq === 2 ? { ...x, details: x.details.replace('shared cards', 'no reason') } : x)), 2],
    ['a changed actor', (e) => e.map((x) => (x.seq === 3 ? { ...x, actor: 'ana' } : x)), 3],
    ['a changed time', (e) => e.map((x) => (x.seq === 4 ? { ...x, at: 5 } : x)), 4],
    ['a removed entry', (e) => e.filter((x) => x.seq !== 2).map((x) => (x.seq > 2 ? { ...x, seq: x.seq - 1 } : x)), 2],
    ['swapped entries', (e) => [e[0], e[2], e[1], e[3]], 2],
    ['a rewritten hash', (e) => e.map((x) => (x.seq === 1 ? { ...x, hash: 'f'.repeat(64) } : x)), 1],
    ['details that are not JSON', (e) => e.map((x) => (x.seq === 3 ? { ...x, details: '{' } : x)), 3],
  ];
  for (const [what, change, seq] of tamper) {
    it(`detects ${what}`, () => {
      expect(verifyAuditChain(change(entries()))).toBe(seq);
    });
  }

  it('detects an entry re-hashed after its change, at the next entry', () => {
    // An attacker who recomputes the changed entry's own hash still breaks the link after it.
    const all = entries();
    const forged = { ...all[1], details: '{"action":"dismiss","reason":"x"}' };
    forged.hash = entryHash(forged.prevHash, { ...forged, details: JSON.parse(forged.details) });
    expect(verifyAuditChain([all[0], forged, all[2], all[3]])).toBe(3);
  });

  it('hashes a stored entry around its canonical details text exactly as entryHash does', () => {
    for (const e of entries()) expect(entryHashOfStored(e)).toBe(entryHash(e.prevHash, { ...e, details: JSON.parse(e.details) }));
    const odd = { ...entries()[0], actor: 'a"\\b\u2028', subjectKind: 'ring', subjectId: 'ring_7', caseId: 'c', details: canonicalJson({ z: [1, { b: 2, a: 'é' }], a: null }) };
    expect(entryHashOfStored(odd)).toBe(entryHash(odd.prevHash, { ...odd, details: JSON.parse(odd.details) }));
  });

  it('cannot be edited or deleted in the store', () => {
    expect(() => store.sqlite.prepare(`UPDATE audit_log SET actor = 'x' WHERE seq = 1`).run()).toThrow(/append-only/);
    expect(() => store.sqlite.prepare(`DELETE FROM audit_log WHERE seq = 1`).run()).toThrow(/append-only/);
  });

  it('is only written inside a transaction', () => {
    expect(() => appendAudit(store.sqlite, { actor: 'x', action: 'sign_in', details: {} })).toThrow(/transaction/);
  });
});
