/**
 * Positions for the day's large rings, computed once after detection and
 * stored in `rings.layout`, so a ring's page draws its graph at once with a
 * preset layout. Without them the server lays a large ring out on its first
 * visit (lib/rings/layout.ts `backgroundLayout`), and the analyst who opens
 * a new 2,000-account ring first waits for that (about 1.5 s of layout on
 * the development machine, then the page's next poll) before anything is drawn.
 *
 * Rings small enough for the browser's own force layout (fcose) are left
 * to it, as before; a ring that already has positions keeps them.
 */
import type Database from 'better-sqlite3';
import { writeTransaction } from '../../db/client';
import { structuralLayout } from './layout';
import { BROWSER_LAYOUT_MAX_NODES, ringGraphElements } from './queries';

export interface StoredLayouts {
  /** Rings laid out and stored. */
  rings: number;
  /** Nodes in all of them. */
  nodes: number;
  seconds: number;
}

export function storeRingLayouts(sqlite: Database.Database, asOf: string, minNodes = BROWSER_LAYOUT_MAX_NODES + 1): StoredLayouts {
  const started = performance.now();
  const candidates = (
    sqlite.prepare(`SELECT ring_id AS ringId FROM rings WHERE as_of = ? AND layout IS NULL ORDER BY size DESC, ring_id`).all(asOf) as { ringId: string }[]
  ).map((r) => r.ringId);
  const layouts: { ringId: string; json: string; nodes: number }[] = [];
  for (const ringId of candidates) {
    const g = ringGraphElements(sqlite, ringId, asOf);
    if (g.nodes.length < minNodes) continue;
    layouts.push({ ringId, json: JSON.stringify(structuralLayout(g.nodes, g.edges)), nodes: g.nodes.length });
  }
  const update = sqlite.prepare(`UPDATE rings SET layout = ? WHERE ring_id = ? AND as_of = ? AND layout IS NULL`);
  writeTransaction(sqlite, () => {
    for (const l of layouts) update.run(l.json, l.ringId, asOf);
  });
  return { rings: layouts.length, nodes: layouts.reduce((n, l) => n + l.nodes, 0), seconds: +((performance.now() - started) / 1000).toFixed(2) };
}
