/**
 * Human-readable names of many rings at once (lib/domain/ring-name.ts), for
 * the queue and the case list: one query for a page's rings, not one per row.
 * A split-off case's subject (`ring_7.s1`, lib/cases/case-lineage.ts) is named
 * after the ring it came from.
 */
import type Database from 'better-sqlite3';
import { ringName, type SharedIdentifierLike } from '../domain/ring-name';
import { parentRingOf } from '../domain/sub-ring';

export function ringNames(sqlite: Database.Database, ringIds: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const parents = [...new Set(ringIds.map(parentRingOf))];
  if (parents.length === 0) return names;
  const rows = sqlite
    .prepare(
      `SELECT r.ring_id AS ringId, r.shared FROM rings r
       WHERE r.ring_id IN (SELECT value FROM json_each(?))
         AND r.as_of = (SELECT max(as_of) FROM rings l WHERE l.ring_id = r.ring_id)`,
    )
    .all(JSON.stringify(parents)) as { ringId: string; shared: string }[];
  const byParent = new Map(rows.map((r) => [r.ringId, ringName(JSON.parse(r.shared) as SharedIdentifierLike[])]));
  for (const id of ringIds) {
    const parent = parentRingOf(id);
    const name = byParent.get(parent);
    if (name) names.set(id, parent === id ? name : `part of ${name}`);
  }
  return names;
}
