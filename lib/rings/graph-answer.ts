/**
 * The ring graph API's answer, kept for the next request: a 2,400-account
 * ring's graph takes the server's one thread 0.3–0.6 s to read, group and
 * lay out, and while it does the page's own scripts wait behind it.
 *
 * Two parts, kept apart because they change at different times:
 * - the structure (members, identifiers, edges, positions, groups) changes
 *   only with detection: kept per ring, as-of day and detection run;
 * - the members' case statuses change with every decision: read again (one
 *   query, ~20 ms for 2,400 members) whenever the audit trail moved, and laid
 *   over the kept structure. A decision on any case used to throw the whole
 *   answer away, so the next analyst to open a big ring paid the full build.
 *
 * The cache lives on `globalThis`: the server's start-up hook
 * (instrumentation.ts) warms it with the largest rings, and Next bundles that
 * hook apart from the route that reads it.
 */
import type Database from 'better-sqlite3';
import { GROUP_FROM_MEMBERS } from './member-groups';
import { toWire } from './graph-wire';
import { getRingGraph, ringMemberStatuses, withStatuses, type RingGraph } from './queries';

/** Rings whose structure is kept (the least recently asked for goes first). */
export const KEEP = 4;

interface Kept {
  graph: RingGraph;
  /** The audit entry the statuses in `graph` and `text` are as of. */
  seq: number | null;
  text: string | null;
}

const store = globalThis as unknown as { __distillwatchRingGraphs?: Map<string, Kept> };
const kept = (): Map<string, Kept> => (store.__distillwatchRingGraphs ??= new Map());

function stateOf(sqlite: Database.Database, ringId: string): { asOf: string | null; run: number | null; seq: number | null } {
  return sqlite
    .prepare(
      `SELECT (SELECT max(as_of) FROM rings WHERE ring_id = ?) AS asOf, (SELECT max(id) FROM detect_runs) AS run, (SELECT max(seq) FROM audit_log) AS seq`,
    )
    .get(ringId) as { asOf: string | null; run: number | null; seq: number | null };
}

/** The ring's graph (lib/rings/queries.ts getRingGraph) as JSON text in its wire form (./graph-wire.ts), built again only for what changed since the last answer. */
export function ringGraphJson(sqlite: Database.Database, ringId: string): string {
  const { asOf, run, seq } = stateOf(sqlite, ringId);
  const cache = kept();
  const key = `${sqlite.name}\u0000${ringId}\u0000${asOf}\u0000${run}`;
  let entry = cache.get(key);
  if (entry) {
    cache.delete(key);
    if (entry.seq !== seq && asOf !== null) entry = { graph: withStatuses(entry.graph, ringMemberStatuses(sqlite, ringId, asOf)), seq, text: null };
  } else {
    entry = { graph: getRingGraph(sqlite, ringId), seq, text: null };
  }
  entry.text ??= JSON.stringify(toWire(entry.graph));
  cache.set(key, entry);
  while (cache.size > KEEP) cache.delete(cache.keys().next().value!);
  return entry.text;
}

/** The rings whose answers are kept, most recently asked for last (for tests and diagnostics). */
export function keptRings(): { ringId: string; run: string }[] {
  return [...kept().keys()].map((k) => {
    const [, ringId, , run] = k.split('\u0000');
    return { ringId, run };
  });
}

/**
 * Builds the answers of the latest day's largest rings (those drawn as
 * groups), one per turn of the event loop so that requests interleave: the
 * first analyst to open one after the server starts, or after a detection
 * run, finds it ready. Returns the rings warmed.
 */
export async function warmRingGraphs(sqlite: Database.Database, limit = KEEP, minMembers = GROUP_FROM_MEMBERS): Promise<string[]> {
  const rows = sqlite
    .prepare(`SELECT ring_id AS ringId FROM rings WHERE as_of = (SELECT max(as_of) FROM rings) AND size >= ? ORDER BY size DESC, ring_id LIMIT ?`)
    
    .all(minMembers, limit) as { ringId: string }[];
  for (const { ringId } of rows) {
    await new Promise((r) => setImmediate(r));
    ringGraphJson(sqlite, ringId);
  }
  return rows.map((r) => r.ringId);
}

const warmer = globalThis as unknown as { __distillwatchRingGraphWarmer?: boolean };

/**
 * The server's warmer (started once per process by instrumentation.ts):
 * warms the largest rings' answers at start, then again whenever a new
 * detection run has landed (checked every `everyMs`; detection usually runs
 * in another process, the CLI or the daily cycle).
 */
export function startRingGraphWarmer(
  open: () => Database.Database,
  { everyMs = 30_000, minMembers = GROUP_FROM_MEMBERS, log = (l: string) => process.stderr.write(`${l}\n`) }: { everyMs?: number; minMembers?: number; log?: (line: string) => void } = {},
): void {
  if (warmer.__distillwatchRingGraphWarmer) return;
  warmer.__distillwatchRingGraphWarmer = true;
  let lastRun: number | null | undefined;
  let busy = false;
  let failed = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const sqlite = open();
      const run = (sqlite.prepare(`SELECT max(id) AS run FROM detect_runs`).get() as { run: number | null }).run;
      if (run !== lastRun) {
        lastRun = run;
        await warmRingGraphs(sqlite, KEEP, minMembers);
      }
    } catch (err) {
      // Said once: the next ticks try again quietly (a store being migrated, say).
      if (!failed) log(`ring graphs: could not warm the largest rings' graphs: ${(err as Error).message}`);
      failed = true;
    } finally {
      busy = false;
    }
  };
  setTimeout(() => void tick(), 0).unref();
  setInterval(() => void tick(), everyMs).unref();
}
