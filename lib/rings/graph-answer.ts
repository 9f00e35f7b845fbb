/**
 * The ring graph API's answer, kept serialized for the next request while
 * nothing it shows has changed: a 2,400-account ring's graph takes the
 * server's one thread 0.3–1.5 s to read, group and serialize (4 MB), and
 * while it does the page's own scripts wait behind it. The answer depends on
 * the ring's as-of day, detection's runs (scores, rings, layouts) and the
 * cases' statuses (every change of a case is an audit entry), so the key is
 * the ring, its latest as-of day, the last detection run and the last audit
 * entry; any of them moving makes a fresh answer. A few rings are kept.
 */
import type Database from 'better-sqlite3';
import { getRingGraph } from './queries';

const KEEP = 4;
const answers = new Map<string, string>();

function keyOf(sqlite: Database.Database, ringId: string): string {
  const row = sqlite
    .prepare(
      `SELECT (SELECT max(as_of) FROM rings WHERE ring_id = ?) AS asOf, (SELECT max(id) FROM detect_runs) AS run, (SELECT max(seq) FROM audit_log) AS seq`,
    )
    .get(ringId) as { asOf: string | null; run: number | null; seq: number | null };
  return `${ringId}\u0000${row.asOf}\u0000${row.run}\u0000${row.seq}`;
}

/** The ring's graph as JSON text (lib/rings/queries.ts getRingGraph), from the last answer when nothing changed since. */
export function ringGraphJson(sqlite: Database.Database, ringId: string): string {
  const key = `${sqlite.name}\u0000${keyOf(sqlite, ringId)}`;
  const kept = answers.get(key);
  if (kept !== undefined) {
    answers.delete(key);
    answers.set(key, kept);
    return kept;
  }
  const text = JSON.stringify(getRingGraph(sqlite, ringId));
  answers.set(key, text);
  while (answers.size > KEEP) answers.delete(answers.keys().next().value!);
  return text;
}
