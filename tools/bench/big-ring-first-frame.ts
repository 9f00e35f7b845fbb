/**
 * `npm run bench -- --only big-ring`: the first frame of a 2,000-account
 * ring's graph, from the analyst's click.
 *
 * The store: a generated month of the proxy campaign alone (`generate
 * --campaigns proxy --populations none`, scale 3.2: ~2,900 accounts of
 * which detection puts ~2,260 in one flagged ring, ~1.8 M exchanges),
 * ingested, detected (which stores the flagged rings' layouts) and served by
 * the real built server. Each run is a fresh browser context (Debian's
 * Chromium through playwright-core, never a downloaded one) signed in with a
 * session cookie: it opens the ring's case page, clicks the ring's link and
 * waits for the graph's `data-first-frame` marker (set at the animation
 * frame after Cytoscape's first render of the positioned, fitted graph:
 * components/ring-graph/ring-graph.tsx). The time is from the click's event
 * time to that frame, both on the page's clock (performance.timeOrigin +
 * …, so a full navigation would be measured too).
 *
 * The first run after the server starts is the cold one; the others are warm.
 *
 * Diagnostics, off by default: `BIG_RING_MARKS=1` prints each run's page
 * marks (`dw:ring:render` the page's first render, `dw:graph:data` the
 * graph's answer parsed, `dw:graph:*` the graph's steps, `dw:graph:render`
 * Cytoscape's first render done), every request and long task, in ms from the click;
 * `BIG_RING_PROFILE=<file>` writes a CPU profile of the last run (Chrome's
 * .cpuprofile JSON) there.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { openStore } from '../../db/client';
import { SESSION_COOKIE } from '../../lib/auth/cookie';
import { generateScenario } from '../scenario/generate';
import { runCli } from './cli-process';
import { CHROMIUM_ARGS } from './ring-graph-timing';
import { signInSession, startServer } from './server';
import { summarize, type TimingSummary } from './stats';

export interface BigRingOptions {
  dir: string;
  scale: number;
  seed: string;
  runs: number;
  keep: boolean;
}

export const BIG_RING_DEFAULTS = { scale: 3.2, seed: 'big-ring', runs: 7 };

export interface BigRingRun {
  click_to_first_frame_ms: number;
  /** What the first frame drew. */
  nodes: number;
  edges: number;
  groups: number;
}

export interface BigRingResult {
  date: string;
  load_avg_1m: { start: number; end: number };
  store: { events: number; accounts: number; ring_id: string; ring_accounts: number; case_id: string; build_seconds: number; reused: boolean };
  goal_ms: number;
  runs: BigRingRun[];
  cold: BigRingRun;
  warm: TimingSummary;
  all: TimingSummary;
}

const USER = { name: 'bench', password: 'bench-analyst-pass' };
const load1 = () => +loadavg()[0].toFixed(2);

async function buildStore(opts: BigRingOptions): Promise<{ db: string; facts: BigRingResult['store'] }> {
  const db = path.join(opts.dir, 'big-ring.db');
  const summary = `${db}.summary.json`;
  if (opts.keep && existsSync(summary) && existsSync(db)) {
    const kept = JSON.parse(readFileSync(summary, 'utf8')) as BigRingResult['store'] & { scale: number; seed: string };
    if (kept.scale === opts.scale && kept.seed === opts.seed) {
      process.stderr.write(`bench: reusing the big-ring store ${db}\n`);
      return { db, facts: { ...kept, reused: true } };
    }
  }
  const started = performance.now();
  mkdirSync(opts.dir, { recursive: true });
  for (const s of ['', '-wal', '-shm', '.summary.json']) rmSync(db + s, { force: true });
  const scenario = path.join(opts.dir, 'big-ring.ndjson');
  process.stderr.write(`bench: big ring: generating the proxy campaign alone at scale ${opts.scale}…\n`);
  const gen = await generateScenario({ out: scenario, scale: opts.scale, seed: opts.seed, campaigns: ['proxy'], populations: [] });
  process.stderr.write('bench: big ring: ingest…\n');
  const ingest = JSON.parse((await runCli(['ingest', scenario, '--db', db, '--json'])).stdout) as { events: number };
  rmSync(scenario, { force: true });
  rmSync(`${scenario}.labels.csv`, { force: true });
  process.stderr.write('bench: big ring: detect…\n');
  await runCli(['detect', '--db', db, '--json']);
  await runCli(['users', 'add', USER.name, '--role', 'analyst', '--password', USER.password, '--db', db]);
  const store = openStore(db);
  try {
    const r = store.sqlite
      .prepare(`SELECT r.ring_id AS ringId, r.size, c.id AS caseId FROM rings r JOIN cases c ON c.subject_kind = 'ring' AND c.subject_id = r.ring_id ORDER BY r.as_of DESC, r.size DESC LIMIT 1`)
      .get() as { ringId: string; size: number; caseId: string } | undefined;
    if (!r) throw new Error('detection raised no ring case in the big-ring scenario');
    if (r.size < 2000) process.stderr.write(`bench: warning: the largest ring has ${r.size} accounts (< 2,000); raise --big-ring-scale\n`);
    const facts = { events: ingest.events, accounts: gen.accounts, ring_id: r.ringId, ring_accounts: r.size, case_id: r.caseId, build_seconds: +((performance.now() - started) / 1000).toFixed(1), reused: false };
    writeFileSync(summary, JSON.stringify({ ...facts, scale: opts.scale, seed: opts.seed }, null, 2) + '\n');
    return { db, facts };
  } finally {
    store.close();
  }
}

/** Installed before any page script: the epoch time of the last click, kept across a full navigation too. */
const CLICK_WATCH = `document.addEventListener('click', (e) => { sessionStorage.setItem('dwClickAt', String(performance.timeOrigin + e.timeStamp)); }, { capture: true });`;

const FIRST_FRAME = (timeoutMs: number) => `new Promise((resolve) => {
  const until = performance.now() + ${timeoutMs};
  const check = () => {
    const el = document.querySelector('[data-testid="ring-graph"][data-first-frame]');
    if (el) {
      const cy = el.__cy;
      resolve({
        frameAt: performance.timeOrigin + Number(el.getAttribute('data-first-frame')),
        clickAt: Number(sessionStorage.getItem('dwClickAt')),
        nodes: cy.nodes().length, edges: cy.edges().length, groups: cy.nodes('[type = "group"]').length,
      });
    } else if (performance.now() > until) resolve(null);
    else requestAnimationFrame(check);
  };
  check();
})`;

export async function runBigRingBench(opts: BigRingOptions): Promise<BigRingResult> {
  const { db, facts } = await buildStore(opts);
  process.stderr.write(`bench: big ring: ${facts.ring_id} (${facts.ring_accounts} accounts), case ${facts.case_id}; starting the server…\n`);
  const server = await startServer(path.resolve(db));
  const start = load1();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const token = await signInSession(server.url, USER.name, USER.password);
    const runs: BigRingRun[] = [];
    for (let i = 0; i < opts.runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
      await context.addInitScript({ content: CLICK_WATCH });
      if (process.env.BIG_RING_MARKS) await context.addInitScript({ content: `window.__lt = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });` });
      const page = await context.newPage();
      await page.goto(`${server.url}/cases/${encodeURIComponent(facts.case_id)}`, { waitUntil: 'load' });
      const link = page.locator(`main a[href="/rings/${encodeURIComponent(facts.ring_id)}"]`).first();
      await link.waitFor();
      const prof = process.env.BIG_RING_PROFILE && i === opts.runs - 1 ? await context.newCDPSession(page) : null;
      if (prof) { await prof.send('Profiler.enable'); await prof.send('Profiler.setSamplingInterval', { interval: 200 }); await prof.send('Profiler.start'); }
      await link.click();
      const seen = (await page.evaluate(FIRST_FRAME(120_000))) as { frameAt: number; clickAt: number; nodes: number; edges: number; groups: number } | null;
      if (prof) { const { profile } = await prof.send('Profiler.stop'); writeFileSync(process.env.BIG_RING_PROFILE!, JSON.stringify(profile)); }
      if (!seen) throw new Error('the ring graph drew no first frame within 120 s');
      const run = { click_to_first_frame_ms: Math.round(seen.frameAt - seen.clickAt), nodes: seen.nodes, edges: seen.edges, groups: seen.groups };
      runs.push(run);
      process.stderr.write(`bench:   run ${i + 1}: click → first frame ${run.click_to_first_frame_ms} ms (${run.nodes} nodes, ${run.edges} edges, ${run.groups} groups)\n`);
      if (process.env.BIG_RING_MARKS) {
        const marks = (await page.evaluate(`(() => { const c = Number(sessionStorage.getItem('dwClickAt')) - performance.timeOrigin; return [...performance.getEntriesByType('mark').filter((m) => m.name.startsWith('dw:')).map((m) => m.name + '=' + Math.round(m.startTime - c)), ...performance.getEntriesByType('resource').filter((r) => r.startTime > c - 50).map((r) => r.name.replace(/^https?:\\/\\/[^/]+\\//, '').slice(0, 40) + ' ' + Math.round(r.startTime - c) + '..' + Math.round(r.responseEnd - c)), 'LT ' + window.__lt.filter((x) => x[0] > c).map((x) => Math.round(x[0] - c) + '+' + Math.round(x[1])).join(',')].join('  '); })()`)) as string;
        process.stderr.write(`bench:     ${marks}\n`);
      }
      await context.close();
    }
    return {
      date: new Date().toISOString(),
      load_avg_1m: { start, end: load1() },
      store: facts,
      goal_ms: 2000,
      runs,
      cold: runs[0],
      warm: summarize(runs.slice(1).map((r) => r.click_to_first_frame_ms)),
      all: summarize(runs.map((r) => r.click_to_first_frame_ms)),
    };
  } finally {
    await browser.close();
    await server.stop();
    if (!opts.keep) for (const s of ['', '-wal', '-shm', '.summary.json']) rmSync(db + s, { force: true });
  }
}
