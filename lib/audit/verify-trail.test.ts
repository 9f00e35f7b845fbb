/**
 * The whole audit trail, attacked the ways the security review attacked it,
 * on a real store: an entry deleted from the middle (seq 882, a decision),
 * the tail deleted, an entry rewritten and every hash after it recomputed, a
 * decision's reason or a case's status edited in place, the guard triggers
 * dropped, the head file forged or removed. Each is caught and named.
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { appendFileSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeTransaction, type Store } from '../../db/client';
import { tempStore } from '../../tools/testing/temp-store';
import { decideLatest } from '../../tools/testing/decide-latest';
import { addNote } from '../cases/add-note';
import { ensureCase } from '../cases/ensure-case';
import { auditKey, auditKeyPaths, keyIdOf, readPublicKey } from './anchor-key';
import { appendAudit } from './append';
import { entryHash, verifyAuditChain } from './chain';
import { anchorHead, headFilePath, readHeadFile, type HeadBody } from './head-file';
import { allAuditEntries } from './queries';
import { checkSignature, signStatement } from './signed-statement';
import { verifyAuditTrail } from './verify-trail';
import { webhookSettled } from './webhook';

const ana = { name: 'ana', role: 'analyst' as const };
const lee = { name: 'lee', role: 'lead' as const };

let store: Store;
let ringCase: string;
let accountCase: string;

const lastSeq = () => store.sqlite.prepare(`SELECT max(seq) FROM audit_log`).pluck().get() as number;
const note = (body: string) => addNote(store.sqlite, { caseId: accountCase, body, user: ana });
function fillTo(seq: number) {
  while (lastSeq() < seq) note(`looked again (${lastSeq() + 1})`);
}
/** What an attacker with the database file does first. */
const dropGuards = () => {
  for (const t of ['audit_log_no_update', 'audit_log_no_delete', 'decisions_no_update', 'decisions_no_delete']) store.sqlite.exec(`DROP TRIGGER ${t}`);
};
const what = () => verifyAuditTrail(store.sqlite).problems.map((p) => `${p.seq ?? '-'}: ${p.what}`);

beforeEach(() => {
  store = tempStore('dw-trail-');
  ringCase = ensureCase(store.sqlite, { subjectKind: 'ring', subjectId: 'ring_7', score: 0.97, accounts: 40 }).caseId;
  accountCase = ensureCase(store.sqlite, { subjectKind: 'account', subjectId: 'acct_1', score: 0.9, accounts: 1 }).caseId;
  decideLatest(store.sqlite, { caseId: ringCase, action: 'escalate', reason: 'shared cards; needs a lead', user: ana });
  fillTo(881);
  // Entry 882: the lead's decision, as in the review's copy of the demo store.
  decideLatest(store.sqlite, { caseId: ringCase, action: 'confirm', reason: 'shared virtual cards across 40 accounts', user: lee });
  fillTo(900);
});
afterEach(() => store.close());

describe('an untouched trail', () => {
  it('verifies from seq 1, with a signed head at its last entry, and every case and decision agreeing', () => {
    const v = verifyAuditTrail(store.sqlite);
    expect(v.problems).toEqual([]);
    expect(v).toMatchObject({ ok: true, entries: 900, head: { seq: 900 }, signedHead: { seq: 900 }, cases: 2, decisions: 2, firstBadSeq: null });
    expect(JSON.parse(store.sqlite.prepare(`SELECT details FROM audit_log WHERE seq = 882`).pluck().get() as string)).toMatchObject({ action: 'confirm' });
  });

  it('keeps the signing key beside the store, readable by its owner only, and signs one head per committed change', () => {
    const paths = auditKeyPaths(store.path);
    expect(statSync(paths.privateKey).mode & 0o777).toBe(0o600);
    const publicKey = readPublicKey(paths.publicKey);
    const heads = readHeadFile(headFilePath(store.path))!;
    expect(heads.malformed).toEqual([]);
    // Every transaction that appended wrote one head: 898 transactions (two opened cases share none).
    expect(heads.lines.at(-1)!.head).toMatchObject({ kind: 'audit_head', seq: 900, key: keyIdOf(publicKey) });
    expect(heads.lines.map((l) => l.head.seq)).toEqual([...new Set(heads.lines.map((l) => l.head.seq))].sort((a, b) => a - b));
    for (const l of heads.lines.slice(-5)) expect(checkSignature(l.head, [publicKey])).toBe('valid');
    // A transaction that appends nothing writes no head; one that rolls back writes none either.
    const before = heads.lines.length;
    writeTransaction(store.sqlite, () => store.sqlite.prepare(`UPDATE cases SET score = score WHERE id = ?`).run(ringCase));
    expect(() =>
      writeTransaction(store.sqlite, () => {
        appendAudit(store.sqlite, { actor: 'x', action: 'note_added', details: {} });
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(readHeadFile(headFilePath(store.path))!.lines).toHaveLength(before);
  });
});

describe('tampering', () => {
  it('catches a deleted entry in the middle (seq 882, a decision), which the consecutive-link check passed', () => {
    dropGuards();
    store.sqlite.exec(`DELETE FROM audit_log WHERE seq = 882`);
    // The old check walked only consecutive pairs, so it saw nothing wrong.
    expect(verifyAuditChain(allAuditEntries(store.sqlite))).toBeNull();
    const v = verifyAuditTrail(store.sqlite);
    expect(v.ok).toBe(false);
    expect(v.firstBadSeq).toBe(882);
    expect(v.problems[0]).toEqual({ kind: 'chain', seq: 882, what: 'entry 882 is missing (deleted): the trail jumps from seq 881 to 883' });
    // What the missing entry recorded no longer agrees with the tables, and is named too.
    expect(what()).toContain(`-: decision 2 on ${ringCase} has no case_decided entry in the audit trail (inserted)`);
    expect(what()).toContain(`3: cases.status of ${ringCase} is "confirmed" but its audit trail says "escalated" (entry seq 3)`);
    expect(what()).toContain("-: the store's guard trigger audit_log_no_delete is missing (dropped): rows could be edited in place");
  });

  it('catches a deleted tail by the signed head', () => {
    dropGuards();
    store.sqlite.exec(`DELETE FROM audit_log WHERE seq > 897`);
    const v = verifyAuditTrail(store.sqlite);
    expect(v.firstBadSeq).toBe(898);
    expect(v.problems[0].what).toMatch(/^the trail ends at seq 897 but the head signed at \S+ \(.*audit-head\.ndjson line \d+\) says it reached seq 900: entries 898–900 were deleted$/);
  });

  it('catches an entry rewritten and every hash after it recomputed, with the table changed to match', () => {
    dropGuards();
    const entries = [...allAuditEntries(store.sqlite)];
    const forgedReason = 'benign benchmark traffic';
    let prevHash = entries[880].hash;
    const update = store.sqlite.prepare(`UPDATE audit_log SET details = ?, prev_hash = ?, hash = ? WHERE seq = ?`);
    for (const e of entries.slice(881)) {
      const details = e.seq === 882 ? { ...JSON.parse(e.details), action: 'dismiss', to: 'dismissed', reason: forgedReason } : JSON.parse(e.details);
      const hash = entryHash(prevHash, { ...e, details });
      update.run(JSON.stringify(Object.fromEntries(Object.keys(details).sort().map((k) => [k, details[k]]))), prevHash, hash, e.seq);
      prevHash = hash;
    }
    store.sqlite.prepare(`UPDATE decisions SET action = 'dismiss', reason = ? WHERE id = 2`).run(forgedReason);
    store.sqlite.prepare(`UPDATE cases SET status = 'dismissed' WHERE id = ?`).run(ringCase);
    // The chain is consistent again and the tables agree with it: only the signed head knows.
    expect(verifyAuditChain(allAuditEntries(store.sqlite))).toBeNull();
    const v = verifyAuditTrail(store.sqlite);
    expect(v.problems.filter((p) => p.seq !== null)).toHaveLength(1);
    expect(v.firstBadSeq).toBe(882);
    expect(v.problems[0].what).toMatch(/^entry 882 was changed after it was signed: at seq 882 the trail's hash is \w{12}…, the head signed at .* says \w{12}…$/);
  });

  it('catches a decision’s reason edited in place, naming the row and its entry', () => {
    dropGuards();
    store.sqlite.prepare(`UPDATE decisions SET reason = 'no reason to act' WHERE id = 2`).run();
    const v = verifyAuditTrail(store.sqlite);
    expect(v.firstBadSeq).toBe(882);
    expect(v.problems[0]).toEqual({
      kind: 'ledger',
      seq: 882,
      caseId: ringCase,
      what: `decisions row 2 on ${ringCase} disagrees with its audit entry (seq 882): reason "no reason to act" ≠ "shared virtual cards across 40 accounts"`,
    });
  });

  it('catches a case’s status edited in place (no trigger guards cases)', () => {
    store.sqlite.prepare(`UPDATE cases SET status = 'dismissed' WHERE id = ?`).run(ringCase);
    const v = verifyAuditTrail(store.sqlite);
    expect(v.problems).toEqual([{ kind: 'ledger', seq: 882, caseId: ringCase, what: `cases.status of ${ringCase} is "dismissed" but its audit trail says "confirmed" (entry seq 882)` }]);
  });

  it('catches an entry edited in place, and dropped guards on their own', () => {
    dropGuards();
    expect(what()).toHaveLength(4);
    store.sqlite.prepare(`UPDATE audit_log SET actor = 'mallory' WHERE seq = 500`).run();
    expect(verifyAuditTrail(store.sqlite).problems[0]).toEqual({ kind: 'chain', seq: 500, what: 'entry 500 (note_added) does not match its hash (altered)' });
  });

  it('refuses a forged or edited head, and a missing head file', () => {
    const file = headFilePath(store.path);
    const stranger = { ...auditKey(null), ...(() => {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
    })() };
    appendFileSync(file, JSON.stringify(signStatement<HeadBody>(stranger, { kind: 'audit_head', seq: 950, hash: 'a'.repeat(64), at: 1 })) + '\n');
    expect(what().join('\n')).toMatch(/audit-head\.ndjson line \d+: signed by key \w{16}, not \w{16}/);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const edited = { ...JSON.parse(lines.at(-2)!), seq: 990 };
    writeFileSync(file, [...lines.slice(0, -1), JSON.stringify(edited)].join('\n') + '\n');
    expect(what().join('\n')).toMatch(/line \d+: the signature does not verify \(the head was forged or edited\)/);
    rmSync(file);
    expect(what()).toEqual([`-: no signed head file (${file}): a deleted tail would go unseen (\`distillwatch audit anchor\` writes one once the chain verifies)`]);
    expect(anchorHead(store.sqlite)).toBeNull(); // this process already signed seq 900…
    const cli = path.resolve(__dirname, '..', '..', 'bin', 'distillwatch.mjs');
    // …so a fresh process does, after checking the chain.
    const r = spawnSync(process.execPath, [cli, 'audit', 'anchor', '--db', store.path], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/^signed head seq 900 \(key \w{16}\) written to /);
    expect(verifyAuditTrail(store.sqlite).ok).toBe(true);
  });
});

describe('the webhook', () => {
  let server: Server;
  const received: string[] = [];
  beforeEach(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push(body);
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    process.env.DISTILLWATCH_AUDIT_WEBHOOK = `http://127.0.0.1:${(server.address() as AddressInfo).port}/heads`;
  });
  afterEach(async () => {
    delete process.env.DISTILLWATCH_AUDIT_WEBHOOK;
    await new Promise((r) => server.close(r));
  });

  it('receives each new signed head, and what it kept catches a tail deleted with the head file trimmed to match', async () => {
    decideLatest(store.sqlite, { caseId: accountCase, action: 'dismiss', reason: 'a benchmark team', user: ana });
    await webhookSettled();
    const last = JSON.parse(received.at(-1)!) as { head: { seq: number; key: string; sig: string }; public_key: string };
    expect(last.head.seq).toBe(901);
    expect(checkSignature(last.head, [readPublicKey(last.public_key)])).toBe('valid');
    const kept = path.join(path.dirname(store.path), 'webhook-heads.ndjson');
    writeFileSync(kept, received.join('\n') + '\n');

    // Someone with the store and its files deletes the dismissal and trims the head file to match: locally, nothing shows.
    delete process.env.DISTILLWATCH_AUDIT_WEBHOOK;
    dropGuards();
    store.sqlite.exec(`DELETE FROM audit_log WHERE seq = 901; DELETE FROM decisions WHERE id = 3; UPDATE cases SET status = 'open', version = 1 WHERE id = '${accountCase}'`);
    const file = headFilePath(store.path);
    writeFileSync(file, readFileSync(file, 'utf8').trimEnd().split('\n').filter((l) => JSON.parse(l).seq <= 900).join('\n') + '\n');
    const problems = (opts = {}) => verifyAuditTrail(store.sqlite, opts).problems.filter((p) => p.seq !== null);
    expect(problems()).toEqual([]);
    // What left the machine says the trail reached 901.
    expect(problems({ extraHeadFiles: [kept] })[0].what).toMatch(/^the trail ends at seq 900 but the head signed at .* \(.*webhook-heads\.ndjson line \d+\) says it reached seq 901/);
  });
});

describe('distillwatch audit verify', () => {
  it('exits 0 on a sound trail and 1 naming the first bad seq and what is wrong', () => {
    const cli = path.resolve(__dirname, '..', '..', 'bin', 'distillwatch.mjs');
    const run = () => spawnSync(process.execPath, [cli, 'audit', 'verify', '--db', store.path], { encoding: 'utf8' });
    const ok = run();
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^audit trail: 900 entries, 2 cases, 2 decisions checked in [\d.]+ s\n/);
    dropGuards();
    store.sqlite.exec(`DELETE FROM audit_log WHERE seq = 882`);
    const bad = run();
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('FAILED seq 882: entry 882 is missing (deleted): the trail jumps from seq 881 to 883');
    expect(bad.stderr).toBe('distillwatch audit: first bad seq 882: entry 882 is missing (deleted): the trail jumps from seq 881 to 883\n');
  });
});
