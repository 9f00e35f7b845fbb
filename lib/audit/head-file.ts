/**
 * The audit trail's anchor outside the store. After every write transaction
 * that appended to the trail, the head (last seq and its hash) is signed with
 * the audit key (lib/audit/anchor-key.ts) and appended as one line to the
 * head file, `<store>-audit-head.ndjson` (or `DISTILLWATCH_AUDIT_HEAD`), and
 * sent to the webhook when one is configured (lib/audit/webhook.ts).
 *
 * The hash chain alone proves only that the entries present agree with each
 * other: someone who deletes the last entries, or rewrites an entry and
 * recomputes every hash after it, leaves a chain that verifies. A signed head
 * says how long the trail was and what its last hash was, so verification
 * (lib/audit/verify-trail.ts) sees both.
 */
import type Database from 'better-sqlite3';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { auditKey } from './anchor-key';
import { auditHead } from './queries';
import { signStatement, type Signed } from './signed-statement';
import { AUDIT_WEBHOOK_ENV, postToWebhook } from './webhook';

export const AUDIT_HEAD_ENV = 'DISTILLWATCH_AUDIT_HEAD';

export interface HeadBody {
  kind: 'audit_head';
  seq: number;
  hash: string;
  /** When it was signed (epoch ms). */
  at: number;
}
export type SignedHead = Signed<HeadBody>;

/** The store file behind a connection, or null for a store in memory. */
export function storePathOf(sqlite: Database.Database): string | null {
  const name = sqlite.name;
  if (!name || name === ':memory:' || sqlite.memory) return null;
  return path.resolve(name);
}

export function headFilePath(storePath: string): string {
  return process.env[AUDIT_HEAD_ENV] || `${storePath}-audit-head.ndjson`;
}

/** Last seq anchored by this process, per head file: a transaction that appended nothing new writes no line. */
const anchored = new Map<string, number>();

/**
 * Signs the trail's current head and appends it to the head file. Runs after
 * the commit (db/client.ts `afterCommit`), reading the committed head; returns
 * the head written, or null when there was nothing new (or no file to write).
 */
export function anchorHead(sqlite: Database.Database, now = Date.now()): SignedHead | null {
  const storePath = storePathOf(sqlite);
  if (!storePath || sqlite.readonly) return null;
  const head = auditHead(sqlite);
  const file = headFilePath(storePath);
  if (!head || (anchored.get(file) ?? 0) >= head.seq) return null;
  const key = auditKey(storePath);
  const signed = signStatement<HeadBody>(key, { kind: 'audit_head', seq: head.seq, hash: head.hash, at: now });
  appendFileSync(file, JSON.stringify(signed) + '\n', { mode: 0o644 });
  anchored.set(file, head.seq);
  const webhook = process.env[AUDIT_WEBHOOK_ENV];
  if (webhook) postToWebhook(webhook, { head: signed, public_key: key.publicPem });
  return signed;
}

export interface HeadLine {
  /** 1-based line number in the head file. */
  line: number;
  head: SignedHead;
}

export interface HeadFile {
  path: string;
  lines: HeadLine[];
  /** Line numbers that are not a signed head. */
  malformed: number[];
}

function isSignedHead(x: unknown): x is SignedHead {
  const h = x as SignedHead;
  return (
    !!h &&
    h.kind === 'audit_head' &&
    Number.isInteger(h.seq) &&
    h.seq > 0 &&
    typeof h.hash === 'string' &&
    /^[0-9a-f]{64}$/.test(h.hash) &&
    typeof h.at === 'number' &&
    typeof h.key === 'string' &&
    typeof h.sig === 'string'
  );
}

/** Parses a head file (or a file of heads kept by a webhook receiver); null when it does not exist. */
export function readHeadFile(file: string): HeadFile | null {
  if (!existsSync(file)) return null;
  const result: HeadFile = { path: file, lines: [], malformed: [] };
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (text.trim() === '') return;
      try {
        let parsed = JSON.parse(text) as unknown;
        // What the webhook sends: {"head": {...}, "public_key": "..."}.
        if (parsed && typeof parsed === 'object' && 'head' in parsed) parsed = (parsed as { head: unknown }).head;
        if (isSignedHead(parsed)) result.lines.push({ line: i + 1, head: parsed });
        else result.malformed.push(i + 1);
      } catch {
        result.malformed.push(i + 1);
      }
    });
  return result;
}
