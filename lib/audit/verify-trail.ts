/**
 * Verifying the store's whole audit trail, as `distillwatch audit verify`,
 * the case page and every case-file export do:
 *
 * 1. the chain: every sequence number from 1 with no gap, each entry linked
 *    to the one before (the first to the genesis hash), each entry's hash
 *    matching its content (the hash covers its seq: lib/audit/chain.ts);
 * 2. the signed heads (lib/audit/head-file.ts): the trail still reaches the
 *    newest signed head (else its tail was deleted), and at every signed seq
 *    it still has the signed hash (else entries were rewritten and re-hashed);
 * 3. the case store: each case's status and every decision re-derived from
 *    the trail agree with the `cases` and `decisions` tables
 *    (lib/audit/case-ledger.ts);
 * 4. the guards: the triggers that refuse UPDATE and DELETE are in place.
 *
 * Each problem names the first bad seq (or the row) and what is wrong; the
 * trail's own faults come first, since a row that disagrees with a damaged
 * trail may only be the damage showing.
 */
import type Database from 'better-sqlite3';
import type { KeyObject } from 'node:crypto';
import { existingPublicKey, keyIdOf } from './anchor-key';
import { CaseLedger, type TrailProblem } from './case-ledger';
import { canonicalJson } from './canonical-json';
import { entryHashOfStored, GENESIS_HASH, type AuditEntry } from './chain';
import { headFilePath, readHeadFile, storePathOf, type HeadFile, type HeadLine, type SignedHead } from './head-file';
import { allAuditEntries } from './queries';
import { checkSignature, type SignatureCheck } from './signed-statement';

export type { TrailProblem } from './case-ledger';

export interface TrailVerifyOptions {
  /** Keys a signed head may be signed with. Default: the store's own public key. */
  publicKeys?: KeyObject[];
  /** Further files of signed heads to hold the trail to (what a webhook receiver kept, an earlier copy). */
  extraHeadFiles?: string[];
  /** How many problems to list (all are counted). */
  maxProblems?: number;
}

export interface TrailVerification {
  ok: boolean;
  /** Entries walked. */
  entries: number;
  /** The trail's last entry. */
  head: { seq: number; hash: string } | null;
  /** The newest head whose signature verified, and whether the trail still agrees with it. */
  signedHead: { seq: number; hash: string; at: number; key: string } | null;
  headFile: string | null;
  cases: number;
  decisions: number;
  /** Sorted by seq; problems that name no entry last. */
  problems: TrailProblem[];
  totalProblems: number;
  /** The lowest seq any problem names. */
  firstBadSeq: number | null;
}

export const GUARD_TRIGGERS = ['audit_log_no_update', 'audit_log_no_delete', 'decisions_no_update', 'decisions_no_delete'] as const;

const iso = (ms: number) => new Date(ms).toISOString();
const short = (hash: string) => `${hash.slice(0, 12)}…`;

export function verifyAuditTrail(sqlite: Database.Database, opts: TrailVerifyOptions = {}): TrailVerification {
  const problems: TrailProblem[] = [];
  const storePath = storePathOf(sqlite);

  // 4. Guards (checked first: everything below is about what they would have stopped).
  const triggers = new Set(sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).pluck().all() as string[]);
  for (const name of GUARD_TRIGGERS) {
    if (!triggers.has(name)) problems.push({ kind: 'guard', seq: null, what: `the store's guard trigger ${name} is missing (dropped): rows could be edited in place` });
  }

  // The signed heads to hold the trail to.
  const headFiles: HeadFile[] = [];
  const ownHeadFile = storePath ? headFilePath(storePath) : null;
  const own = ownHeadFile ? readHeadFile(ownHeadFile) : null;
  if (own) headFiles.push(own);
  for (const extra of opts.extraHeadFiles ?? []) {
    const file = readHeadFile(extra);
    if (!file) problems.push({ kind: 'guard', seq: null, what: `head file ${extra} does not exist` });
    else headFiles.push(file);
  }
  const wanted = new Set<number>();
  for (const f of headFiles) for (const l of f.lines) wanted.add(l.head.seq);
  const hashAt = new Map<number, string>();

  // 1. The chain, from seq 1.
  const ledger = new CaseLedger();
  let expected = 1;
  let previousHash = GENESIS_HASH;
  let entries = 0;
  let last: AuditEntry | undefined;
  for (const entry of allAuditEntries(sqlite)) {
    entries++;
    if (entry.seq > expected) {
      const gap = entry.seq - expected === 1 ? `entry ${expected} is missing` : `entries ${expected}–${entry.seq - 1} are missing`;
      problems.push({ kind: 'chain', seq: expected, what: `${gap} (deleted): the trail jumps from seq ${expected - 1} to ${entry.seq}` });
    } else if (entry.prevHash !== previousHash) {
      problems.push({
        kind: 'chain',
        seq: entry.seq,
        what: entry.seq === 1 ? 'entry 1 does not start from the genesis hash' : `entry ${entry.seq} does not link to entry ${entry.seq - 1} (its prev_hash differs)`,
      });
    }
    let details: unknown;
    let parsed = true;
    try {
      details = JSON.parse(entry.details);
    } catch {
      parsed = false;
      problems.push({ kind: 'chain', seq: entry.seq, what: `entry ${entry.seq}'s details are not JSON (altered)` });
    }
    if (parsed) {
      // Stored details are canonical JSON (lib/audit/append.ts), so the hashed body can be built around the stored text.
      if (canonicalJson(details) !== entry.details || entryHashOfStored(entry) !== entry.hash) {
        problems.push({ kind: 'chain', seq: entry.seq, what: `entry ${entry.seq} (${entry.action}) does not match its hash (altered)` });
      }
      ledger.add(entry, details);
    }
    if (wanted.has(entry.seq)) hashAt.set(entry.seq, entry.hash);
    previousHash = entry.hash;
    expected = entry.seq + 1;
    last = entry;
  }
  const lastSeq = last?.seq ?? 0;

  // 2. The signed heads.
  let signedHead: TrailVerification['signedHead'] = null;
  if (ownHeadFile && entries > 0 && !own) {
    problems.push({
      kind: 'guard',
      seq: null,
      what: `no signed head file (${ownHeadFile}): a deleted tail would go unseen (\`distillwatch audit anchor\` writes one once the chain verifies)`,
    });
  }
  if (headFiles.length > 0) {
    const keys = opts.publicKeys ?? (storePath ? [existingPublicKey(storePath)].filter((k): k is KeyObject => k !== null) : []);
    signedHead = checkHeads(headFiles, keys, lastSeq, hashAt, problems);
  }

  // 3. The case store against the trail.
  problems.push(...ledger.compare(sqlite));

  // The trail's own faults first (by seq), then the rows that disagree with it, then the rest.
  const rank = (p: TrailProblem) => (p.kind === 'chain' || p.kind === 'head' ? 0 : p.kind === 'ledger' ? 1 : 2);
  problems.sort((a, b) => rank(a) - rank(b) || (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER));
  const max = opts.maxProblems ?? 100;
  const firstBadSeq = problems.find((p) => p.seq !== null)?.seq ?? null;
  return {
    ok: problems.length === 0,
    entries,
    head: last ? { seq: last.seq, hash: last.hash } : null,
    signedHead,
    headFile: ownHeadFile,
    cases: ledger.caseCount,
    decisions: ledger.decisionCount,
    problems: problems.slice(0, max),
    totalProblems: problems.length,
    firstBadSeq,
  };
}

function checkHeads(files: HeadFile[], keys: KeyObject[], lastSeq: number, hashAt: Map<number, string>, problems: TrailProblem[]): TrailVerification['signedHead'] {
  const checked = new Map<SignedHead, SignatureCheck>();
  const signature = (h: SignedHead) => {
    let c = checked.get(h);
    if (c === undefined) checked.set(h, (c = checkSignature(h, keys)));
    return c;
  };
  const where = (f: HeadFile, l: HeadLine) => `${f.path} line ${l.line}`;
  const badSignature = (f: HeadFile, l: HeadLine, c: SignatureCheck) =>
    problems.push({
      kind: 'guard',
      seq: null,
      what:
        c === 'unknown key'
          ? `${where(f, l)}: signed by key ${l.head.key}, not ${keys.length ? keys.map(keyIdOf).join(' or ') : 'any key known here'}`
          : `${where(f, l)}: the signature does not verify (the head was forged or edited)`,
    });
  for (const f of files) for (const n of f.malformed) problems.push({ kind: 'guard', seq: null, what: `${f.path} line ${n}: not a signed head` });

  const all = files.flatMap((f) => f.lines.map((l) => ({ f, l }))).sort((a, b) => a.l.head.seq - b.l.head.seq || a.l.head.at - b.l.head.at);
  // The newest head that verifies is what the trail must still reach.
  let newest: { f: HeadFile; l: HeadLine } | undefined;
  for (let i = all.length - 1; i >= 0; i--) {
    const c = signature(all[i].l.head);
    if (c === 'valid') {
      newest = all[i];
      break;
    }
    badSignature(all[i].f, all[i].l, c);
  }
  if (!newest) return null;
  if (newest.l.head.seq > lastSeq) {
    const h = newest.l.head;
    problems.push({
      kind: 'head',
      seq: lastSeq + 1,
      what: `the trail ends at seq ${lastSeq} but the head signed at ${iso(h.at)} (${where(newest.f, newest.l)}) says it reached seq ${h.seq}: entries ${lastSeq + 1}–${h.seq} were deleted`,
    });
  }
  // Every signed seq the trail still holds must still have its signed hash; the first that does not bounds the rewrite.
  let lastAgreeing = 0;
  for (const { f, l } of all) {
    const h = l.head;
    const actual = hashAt.get(h.seq);
    if (actual === undefined) continue; // beyond the trail, or a deleted entry: reported above
    if (actual === h.hash) {
      lastAgreeing = Math.max(lastAgreeing, h.seq);
      continue;
    }
    const c = signature(h);
    if (c !== 'valid') {
      badSignature(f, l, c);
      continue;
    }
    const from = lastAgreeing + 1;
    const range = from === h.seq ? `entry ${h.seq} was` : `an entry from seq ${from} to ${h.seq} was`;
    problems.push({
      kind: 'head',
      seq: from,
      what: `${range} changed after it was signed: at seq ${h.seq} the trail's hash is ${short(actual)}, the head signed at ${iso(h.at)} (${where(f, l)}) says ${short(h.hash)}`,
    });
    break;
  }
  const h = newest.l.head;
  return { seq: h.seq, hash: h.hash, at: h.at, key: h.key };
}
