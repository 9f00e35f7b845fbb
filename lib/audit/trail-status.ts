/**
 * The trail's state for the dashboard, without walking the whole trail on
 * every page view. A full verification (lib/audit/verify-trail.ts) is kept
 * per connection and reused while nothing changed:
 *
 * - nothing written since (same `PRAGMA data_version`, same
 *   `total_changes()`): the kept result stands;
 * - only this connection wrote (the server's own writes, which append to the
 *   trail in the same transaction as the change they record): the new entries
 *   are checked onto the kept result, the entry it ended at must still have
 *   its hash, and the newest signed head must agree;
 * - another connection wrote (the CLI, or someone editing the file): full
 *   verification again.
 */
import type Database from 'better-sqlite3';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { existingPublicKey } from './anchor-key';
import { entryHashOfStored } from './chain';
import { headFilePath, storePathOf, type SignedHead } from './head-file';
import { allAuditEntries, auditHashAt } from './queries';
import { checkSignature } from './signed-statement';
import { verifyAuditTrail, type TrailVerification } from './verify-trail';

export interface TrailStatus extends TrailVerification {
  /** When this result was established (epoch ms). */
  checkedAt: number;
  /** 'full' when the whole trail was walked for it, 'extended' when new entries were checked onto an earlier walk. */
  how: 'full' | 'extended';
}

interface Kept {
  dataVersion: number;
  totalChanges: number;
  status: TrailStatus;
}

const kept = new WeakMap<Database.Database, Kept>();

function counters(sqlite: Database.Database) {
  return {
    dataVersion: sqlite.pragma('data_version', { simple: true }) as number,
    // The connection's own count of changed rows (a function of the connection, not a table).
    totalChanges: sqlite.prepare(`SELECT total_changes()`).pluck().get() as number,
  };
}

/** The head file's last line, read from its end (the file grows by one line per write). */
function newestHead(file: string): SignedHead | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 4096);
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, size - length);
    const last = buf.toString('utf8').trimEnd().split('\n').pop();
    return last ? (JSON.parse(last) as SignedHead) : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Checks entries appended since `prev` onto it; null when anything is off (then a full walk tells the whole story). */
function extend(sqlite: Database.Database, prev: TrailStatus, now: number): TrailStatus | null {
  if (!prev.ok || !prev.head) return null;
  if (auditHashAt(sqlite, prev.head.seq) !== prev.head.hash) return null;
  let last = prev.head;
  let added = 0;
  for (const e of allAuditEntries(sqlite, prev.head.seq + 1)) {
    if (e.seq !== last.seq + 1 || e.prevHash !== last.hash || entryHashOfStored(e) !== e.hash) return null;
    last = { seq: e.seq, hash: e.hash };
    added++;
  }
  const storePath = storePathOf(sqlite);
  let signedHead = prev.signedHead;
  if (storePath) {
    const head = newestHead(headFilePath(storePath));
    const key = existingPublicKey(storePath);
    if (!head || !key || checkSignature(head, [key]) !== 'valid' || head.seq > last.seq) return null;
    const at = head.seq === last.seq ? last.hash : auditHashAt(sqlite, head.seq);
    if (at !== head.hash) return null;
    signedHead = { seq: head.seq, hash: head.hash, at: head.at, key: head.key };
  }
  return { ...prev, entries: prev.entries + added, head: last, signedHead, checkedAt: now, how: 'extended' };
}

export function trailStatus(sqlite: Database.Database, now = Date.now()): TrailStatus {
  const c = counters(sqlite);
  const k = kept.get(sqlite);
  if (k && k.dataVersion === c.dataVersion && k.totalChanges === c.totalChanges) return k.status;
  let status = k && k.dataVersion === c.dataVersion ? extend(sqlite, k.status, now) : null;
  if (!status) status = { ...verifyAuditTrail(sqlite), checkedAt: now, how: 'full' };
  kept.set(sqlite, { ...counters(sqlite), status });
  return status;
}

/** Forget the kept result (tests). */
export function forgetTrailStatus(sqlite: Database.Database): void {
  kept.delete(sqlite);
}
