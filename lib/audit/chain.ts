/**
 * The hash chain behind the audit trail: each entry's hash covers the
 * previous entry's hash and its own canonical content, so changing, removing
 * or reordering any entry breaks every hash after it.
 */
import { createHash } from 'node:crypto';
import type { auditLog } from '../../db/schema';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

/** One row of `audit_log`; `details` is the stored canonical JSON text. */
export type AuditEntry = typeof auditLog.$inferSelect;

export type AuditContent = Omit<AuditEntry, 'details' | 'prevHash' | 'hash'> & { details: unknown };

export function entryHash(prevHash: string, content: AuditContent): string {
  const { seq, at, actor, action, subjectKind, subjectId, caseId, details } = content;
  const body = canonicalJson({ seq, at, actor, action, subjectKind, subjectId, caseId, details });
  return createHash('sha256').update(prevHash + body, 'utf8').digest('hex');
}

/**
 * `entryHash` for an entry whose details are already canonical JSON text
 * (as stored): the same bytes, built without re-sorting the outer object.
 * Keys in canonical (sorted) order: action, actor, at, caseId, details, seq,
 * subjectId, subjectKind.
 */
export function entryHashOfStored(entry: Omit<AuditEntry, 'hash'>): string {
  const j = JSON.stringify;
  const body =
    `{"action":${j(entry.action)},"actor":${j(entry.actor)},"at":${j(entry.at)},"caseId":${j(entry.caseId)},` +
    `"details":${entry.details},"seq":${j(entry.seq)},"subjectId":${j(entry.subjectId)},"subjectKind":${j(entry.subjectKind)}}`;
  return createHash('sha256').update(entry.prevHash + body, 'utf8').digest('hex');
}

/**
 * Returns the seq of the first entry that does not verify, or null.
 *
 * Works on the whole trail or on a subset in seq order (one case's entries in
 * an exported case file): every entry's own hash is always checked; the link
 * to the previous entry is checked wherever the two are consecutive (seq n-1
 * and n) and against the genesis hash for seq 1. A subset therefore proves
 * its entries unchanged, but only the whole trail proves none was removed.
 */
export function verifyAuditChain(entries: Iterable<AuditEntry>): number | null {
  let previous: AuditEntry | undefined;
  for (const entry of entries) {
    if (!entryVerifies(entry, previous)) return entry.seq;
    previous = entry;
  }
  return null;
}

function entryVerifies(entry: AuditEntry, previous: AuditEntry | undefined): boolean {
  if (previous && entry.seq <= previous.seq) return false;
  if (entry.seq === 1 && entry.prevHash !== GENESIS_HASH) return false;
  if (previous && entry.seq === previous.seq + 1 && entry.prevHash !== previous.hash) return false;
  let details: unknown;
  try {
    details = JSON.parse(entry.details);
  } catch {
    return false;
  }
  return entryHash(entry.prevHash, { ...entry, details }) === entry.hash;
}
