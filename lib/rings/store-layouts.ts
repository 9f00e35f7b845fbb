/**
 * Positions for every flagged ring of a day (score at or above `minScore`),
 * computed once at the end of detection (lib/detect/detect.ts) and stored in
 * `rings.layout`, so that the rings analysts open from the queue draw their
 * graph at once with a preset layout. Laying out every ring took a sixth of
 * detection at 16 M events; a ring below the threshold is laid out when its
 * page asks (lib/rings/queries.ts), which for the small rings most of them
 * are takes milliseconds. A ring that already has positions keeps them.
 */
import type Database from 'better-sqlite3';
import { writeTransaction } from '../../db/client';
import { ringLayout } from './layout';
import { ringGraphElements } from './queries';

export interface StoredLayouts {
  /** Rings laid out and stored. */
  rings: number;
  /** Nodes in all of them. */
  nodes: number;
  seconds: number;
}

export function storeRingLayouts(sqlite: Database.Database, asOf: string, minScore = 0): StoredLayouts {
  const started = performance.now();
  const candidates = (
    sqlite.prepare(`SELECT ring_id AS ringId FROM rings WHERE as_of = ? AND layout IS NULL AND score >= ? ORDER BY size DESC, ring_id`).all(asOf, minScore) as { ringId: string }[]
  ).map((r) => r.ringId);
  const layouts: { ringId: string; json: string; nodes: number }[] = [];
  for (const ringId of candidates) {
    const g = ringGraphElements(sqlite, ringId, asOf);
    layouts.push({ ringId, json: JSON.stringify(ringLayout(g.nodes, g.edges)), nodes: g.nodes.length });
  }
  const update = sqlite.prepare(`UPDATE rings SET layout = ? WHERE ring_id = ? AND as_of = ? AND layout IS NULL`);
  writeTransaction(sqlite, () => {
    for (const l of layouts) update.run(l.json, l.ringId, asOf);
  });
  return { rings: layouts.length, nodes: layouts.reduce((n, l) => n + l.nodes, 0), seconds: +((performance.now() - started) / 1000).toFixed(2) };
}
