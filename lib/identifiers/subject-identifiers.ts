/**
 * What a case's subject is linked by, for the case page: a ring's shared
 * identifiers (as detection last stored them), or the identifiers an account
 * used and how many accounts use each. Most widely shared first.
 */
import type Database from 'better-sqlite3';
import type { SubjectKind } from '../domain';
import { ringName } from '../domain/ring-name';

export interface SubjectIdentifier {
  kind: string;
  value: string;
  /** Ring: members sharing it; account: accounts using it. */
  accounts: number;
  /** Ring: used by more accounts than detection's hub limit for its kind, so it links nobody (lib/rings/ring-shares.ts). */
  tooCommon?: boolean;
}

export function subjectIdentifiers(sqlite: Database.Database, kind: SubjectKind, id: string, limit = 40): SubjectIdentifier[] {
  if (kind === 'ring') {
    const row = sqlite.prepare(`SELECT shared FROM rings WHERE ring_id = ? ORDER BY as_of DESC LIMIT 1`).get(id) as { shared: string } | undefined;
    if (!row) return [];
    return (JSON.parse(row.shared) as SubjectIdentifier[]).slice(0, limit);
  }
  return sqlite
    .prepare(
      `SELECT i.kind, i.value, (SELECT count(*) FROM account_identifiers o WHERE o.kind = i.kind AND o.value = i.value) AS accounts
       FROM account_identifiers i JOIN accounts a ON a.id = i.account
       WHERE a.account_id = ? ORDER BY accounts DESC, i.kind, i.value LIMIT ?`,
    )
    .all(id, limit) as SubjectIdentifier[];
}

/** A ring's human-readable name from everything its members share (lib/domain/ring-name.ts); null when the ring is unknown. */
export function ringNameOf(sqlite: Database.Database, ringId: string): string | null {
  const row = sqlite.prepare(`SELECT shared FROM rings WHERE ring_id = ? ORDER BY as_of DESC LIMIT 1`).get(ringId) as { shared: string } | undefined;
  return row ? ringName(JSON.parse(row.shared) as SubjectIdentifier[]) : null;
}
