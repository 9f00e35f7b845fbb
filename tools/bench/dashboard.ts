/**
 * The dashboard part of `npm run bench`: build the bench store
 * (./dashboard-store.ts), serve it with the real built server, and time the
 * first page of the 50,000-alert queue (./queue-timing.ts) and the largest
 * ring's graph in headless Chromium (./ring-graph-timing.ts).
 */
import { loadavg } from 'node:os';
import path from 'node:path';
import { buildDashboardStore, removeStore, type DashboardStore } from './dashboard-store';
import { timeIntelImport, timeIntelImportInProcess, type IntelImportTiming } from './intel-import';
import { addLoadUsers, MIXED_LOAD_DEFAULTS, runMixedLoad, signIn, type MixedLoadOptions, type MixedLoadResult } from './mixed-load';
import { QUEUE_VIEWS, timeQueueViews, type QueueViewTiming } from './queue-timing';
import { timeRingGraph, type RingGraphTiming } from './ring-graph-timing';
import { signInSession, startServer } from './server';

export interface DashboardBenchOptions {
  dir: string;
  /** Generator scale: the proxy campaign has 950 × scale accounts, of which detection puts most (about 80%) in one ring. */
  scale: number;
  seed: string;
  queueAlerts: number;
  /** Timed requests per queue view, after `warmup` untimed ones. */
  runs: number;
  warmup: number;
  /** Ring page visits after the first, and taps and zooms timed on the last. */
  graphVisits: number;
  graphInteractions: number;
  /** The mixed load of many analysts at once (./mixed-load.ts). */
  load: MixedLoadOptions;
  /** Keep the store for a later run (and use a kept one). */
  keep: boolean;
}

export const DASHBOARD_DEFAULTS: Omit<DashboardBenchOptions, 'dir' | 'keep'> = {
  scale: 2.8,
  seed: 'dashboard',
  queueAlerts: 50_000,
  runs: 20,
  warmup: 3,
  graphVisits: 5,
  graphInteractions: 10,
  load: MIXED_LOAD_DEFAULTS,
};

export interface DashboardBenchResult {
  date: string;
  /** 1-minute load average before and after (2 shared cores: above ~2 the figures include waiting for a core). */
  load_avg_1m: { start: number; end: number };
  store: Omit<DashboardStore, 'db' | 'user'>;
  goals: { queue_first_page_ms: number; ring_graph_ready_and_respond_ms: number; mixed_load_p95_ms: number };
  queue: { alerts: number; views: QueueViewTiming[] };
  ring_graph: RingGraphTiming;
  mixed_load: MixedLoadResult & { load_avg_1m: { start: number; end: number } };
  intel_import: IntelImportTiming;
}

const load1 = () => +loadavg()[0].toFixed(2);

export async function runDashboardBench(opts: DashboardBenchOptions): Promise<DashboardBenchResult> {
  const store = await buildDashboardStore({ dir: opts.dir, scale: opts.scale, seed: opts.seed, queueAlerts: opts.queueAlerts, reuse: opts.keep });
  process.stderr.write(`bench: dashboard store ready: ${store.alerts.total.toLocaleString('en-US')} alerts on ${store.asOf}, largest ring ${store.ring.ringId} (${store.ring.size} accounts)\n`);
  if (store.ring.size < 2000) process.stderr.write(`bench: warning: the largest ring has fewer than 2,000 accounts; raise the scale\n`);
  const users = await addLoadUsers(store.db, opts.load.analysts);
  // The intel import needs a sharing key; the bench's own when none is set.
  process.env.DISTILLWATCH_SHARING_KEY ??= 'bench-sharing-key-0123456789abcdef';
  process.stderr.write('bench: starting the dashboard server…\n');
  const server = await startServer(path.resolve(store.db));
  const start = load1();
  try {
    const token = await signInSession(server.url, store.user.name, store.user.password);
    process.stderr.write(`bench: queue: ${QUEUE_VIEWS.length} views × (${opts.warmup} warm-up + ${opts.runs}) requests, API and page…\n`);
    const views = await timeQueueViews(server.url, token, QUEUE_VIEWS, { warmup: opts.warmup, runs: opts.runs });
    for (const v of views) {
      process.stderr.write(`bench:   ${v.view}: ${v.total} alerts; API median ${v.api.median_ms} ms, p95 ${v.api.p95_ms} ms; page median ${v.page.median_ms} ms, p95 ${v.page.p95_ms} ms\n`);
    }
    process.stderr.write(`bench: ring graph: ${store.ring.ringId} in headless Chromium, 1 + ${opts.graphVisits} visits…\n`);
    const graph = await timeRingGraph(server.url, token, store.ring.ringId, { repeatVisits: opts.graphVisits, interactions: opts.graphInteractions });
    process.stderr.write(
      `bench:   ${graph.nodes} nodes, ${graph.edges} edges (${graph.layout}); first visit drawn ${graph.first_visit.drawn_ms} ms + tap ${graph.first_visit.first_tap_ms} ms; ` +
        `repeat visits drawn median ${graph.repeat_visits.drawn.median_ms} ms; tap median ${graph.tap_to_panel.median_ms} ms; wheel zoom median ${graph.wheel_zoom_to_frame.median_ms} ms\n`,
    );
    process.stderr.write(
      `bench: mixed load: ${opts.load.analysts} analysts, ${opts.load.seconds} s after a ${opts.load.rampSeconds} s ramp, ` +
        `${opts.load.thinkMs[0] / 1000}–${opts.load.thinkMs[1] / 1000} s between actions…\n`,
    );
    const loadStart = load1();
    const load = await runMixedLoad(server.url, store.db, store.asOf, users.analysts, opts.load);
    const mixed = { ...load, load_avg_1m: { start: loadStart, end: load1() } };
    for (const r of load.routes) {
      process.stderr.write(`bench:   ${r.route}: ${r.requests} requests, ${r.errors} errors; p50 ${r.p50_ms} ms, p95 ${r.p95_ms} ms, p99 ${r.p99_ms} ms\n`);
    }
    process.stderr.write(`bench:   all: ${load.requests} requests (${load.requests_per_s}/s), ${load.errors} errors; p50 ${load.all.p50_ms} ms, p95 ${load.all.p95_ms} ms, p99 ${load.all.p99_ms} ms\n`);
    process.stderr.write('bench: intel import: a 20 MiB bundle through the route, another process writing meanwhile…\n');
    const seed = `bench-${Date.now()}`;
    const imported = await timeIntelImport(server.url, store.db, await signIn(server.url, users.lead), seed);
    process.stderr.write(
      `bench:   ${imported.indicators} indicators, ${imported.matched_accounts} accounts matched in ${imported.round_trip_ms} ms; ` +
        `the other writer waited at most ${imported.other_writer.max_ms} ms (${imported.other_writer.writes} writes); health answered within ${imported.server_meanwhile.max_ms} ms\n`,
    );
    await server.stop();
    const inProcess = await timeIntelImportInProcess(store.db, `${seed}-in-process`);
    process.stderr.write(`bench:   in-process: final transaction held the write lock ${inProcess.final_commit_ms} ms of ${inProcess.in_process_total_ms} ms\n`);
    const { db: _db, user: _user, ...facts } = store;
    return {
      date: new Date().toISOString(),
      load_avg_1m: { start, end: load1() },
      store: facts,
      goals: { queue_first_page_ms: 300, ring_graph_ready_and_respond_ms: 3000, mixed_load_p95_ms: 300 },
      queue: { alerts: store.alerts.total, views },
      ring_graph: graph,
      mixed_load: mixed,
      intel_import: { ...imported, ...inProcess },
    };
  } finally {
    await server.stop();
    if (!opts.keep) removeStore(store.db);
  }
}
