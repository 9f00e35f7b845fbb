/**
 * Time until a large ring's graph is laid out and responds, in headless
 * Chromium (Debian's, never a downloaded one) against the running server.
 *
 * Each visit is a fresh browser context (no cache, no stored layout) signed
 * in with a session cookie, opening `/rings/<id>`. Times are taken inside the
 * page, from the navigation's start (`performance.now()`):
 *
 * - ready: the graph's container gets `data-ready=true` (positions applied
 *   and the view fitted); drawn: two animation frames later, the first frame
 *   that shows it;
 * - tap: from the mouse-down on a node (a real click at the node's place on
 *   the canvas) to the animation frame where the side panel shows that node;
 * - wheel zoom: from the wheel event to Cytoscape's next drawn frame.
 *
 * The first visit after the server starts is the cold one (a large ring's
 * positions are computed on the server on first request, unless detection
 * stored them); the repeat visits find them computed.
 *
 * Page code is passed as strings: the TypeScript runner keeps function
 * names with a helper the browser does not have. Waiting is done by a
 * promise evaluated in the page (DevTools evaluation), not with
 * `waitForFunction`, which the page's Content-Security-Policy refuses.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { SESSION_COOKIE } from '../../lib/auth/cookie';
import { summarize, type TimingSummary } from './stats';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface RingGraphOptions {
  /** Visits after the first (each in a fresh context). */
  repeatVisits: number;
  /** Taps and wheel zooms measured on the last visit. */
  interactions: number;
}

export interface VisitTiming {
  ready_ms: number;
  drawn_ms: number;
  /** The first tap on a node after the graph is drawn, to the panel showing it. */
  first_tap_ms: number;
  /** drawn + first tap: the graph laid out, drawn and answering. */
  ready_and_respond_ms: number;
  /** Requests for the graph's data (more than one while the server computes positions). */
  graph_requests: number;
  /** When the last graph request's answer ended, from the navigation's start. */
  graph_fetched_ms: number;
}

export interface RingGraphTiming {
  ring_id: string;
  accounts: number;
  identifiers: number;
  nodes: number;
  edges: number;
  /** Where positions came from (the graph's status line): stored by detection, or computed for the answer. */
  layout: string;
  first_visit: VisitTiming;
  repeat_visits: { runs: number; ready: TimingSummary; drawn: TimingSummary; first_tap: TimingSummary; ready_and_respond: TimingSummary };
  tap_to_panel: TimingSummary;
  wheel_zoom_to_frame: TimingSummary;
}

const GRAPH = '[data-testid="ring-graph"]';

/** Installed before any page script: note when the graph becomes ready, and the frame after. */
const READY_WATCH = `(() => {
  const seen = () => {
    const el = document.querySelector('${GRAPH}[data-ready="true"]');
    if (!el || window.__dwReady) return;
    window.__dwReady = performance.now();
    requestAnimationFrame(() => requestAnimationFrame(() => { window.__dwDrawn = performance.now(); }));
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
})();`;

const COUNTS = `(() => {
  const cy = document.querySelector('${GRAPH}').__cy;
  const status = document.querySelector('[data-testid="graph-status"]').textContent || '';
  return {
    accounts: cy.nodes('[type = "account"]').length,
    identifiers: cy.nodes('[type = "identifier"]').length,
    edges: cy.edges().length,
    layout: status.split(' · ').pop(),
    graph: performance.getEntriesByType('resource').filter((e) => /\\/api\\/rings\\/[^/]+\\/graph/.test(e.name)).map((e) => e.responseEnd),
  };
})()`;

/** The page position of the k-th of n account nodes spread through the graph, and a note of what the panel shows now. */
const TAP_TARGET = (k: number, n: number) => `(() => {
  const el = document.querySelector('${GRAPH}');
  const cy = el.__cy;
  const accounts = cy.nodes('[type = "account"]');
  const node = accounts[Math.floor(((${k} + 0.5) * accounts.length) / ${n})];
  const p = node.renderedPosition();
  const box = el.getBoundingClientRect();
  window.__dwTap = { down: 0, before: document.querySelector('[data-testid="selection-panel"]').innerText };
  document.addEventListener('mousedown', (e) => { window.__dwTap.down = e.timeStamp; }, { capture: true, once: true });
  return { x: box.left + p.x, y: box.top + p.y };
})()`;

/** Resolves (truthy) at the frame where the panel shows the selected node: ms since the mouse-down. */
const TAP_SHOWN = `(() => {
  const t = window.__dwTap;
  if (!t || !t.down) return 0;
  const sel = document.querySelector('${GRAPH}').__cy.$('node:selected');
  if (sel.empty()) return 0;
  const text = document.querySelector('[data-testid="selection-panel"]').innerText;
  const label = String(sel.data('accountId') ?? sel.data('value'));
  return text !== t.before && text.includes(label) ? performance.now() - t.down : 0;
})()`;

/** Before a wheel: note the wheel's time and resolve at Cytoscape's next drawn frame after it. */
const WHEEL_WATCH = `(() => {
  const cy = document.querySelector('${GRAPH}').__cy;
  window.__dwWheel = { at: 0, drawn: 0 };
  document.addEventListener('wheel', (e) => {
    window.__dwWheel.at = e.timeStamp;
    cy.one('render', () => requestAnimationFrame(() => { window.__dwWheel.drawn = performance.now(); }));
  }, { capture: true, once: true });
})()`;

/** Evaluate `expr` at every animation frame until it is truthy; its value. */
async function pollInPage<T>(page: Page, expr: string, timeoutMs: number): Promise<T> {
  const value = await page.evaluate(`new Promise((resolve) => {
    const until = performance.now() + ${timeoutMs};
    const check = () => {
      const v = (${expr});
      if (v) resolve(v);
      else if (performance.now() > until) resolve(null);
      else requestAnimationFrame(check);
    };
    check();
  })`);
  if (value === null) throw new Error(`timed out after ${timeoutMs} ms waiting in the page for ${expr.trim().split('\n')[0]}`);
  return value as T;
}

async function openRing(browser: Browser, base: string, token: string, ringId: string): Promise<{ context: BrowserContext; page: Page; visit: Omit<VisitTiming, 'first_tap_ms' | 'ready_and_respond_ms'>; counts: { accounts: number; identifiers: number; edges: number; layout: string } }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: base }]);
  await context.addInitScript({ content: READY_WATCH });
  const page = await context.newPage();
  await page.goto(`${base}/rings/${encodeURIComponent(ringId)}`, { waitUntil: 'commit' });
  await pollInPage(page, 'window.__dwDrawn', 120_000);
  const [ready, drawn] = (await page.evaluate('[window.__dwReady, window.__dwDrawn]')) as [number, number];
  const c = (await page.evaluate(COUNTS)) as { accounts: number; identifiers: number; edges: number; layout: string; graph: number[] };
  return {
    context,
    page,
    visit: { ready_ms: Math.round(ready), drawn_ms: Math.round(drawn), graph_requests: c.graph.length, graph_fetched_ms: Math.round(Math.max(0, ...c.graph)) },
    counts: { accounts: c.accounts, identifiers: c.identifiers, edges: c.edges, layout: c.layout },
  };
}

/** Click the k-th of n spread account nodes; ms from the mouse-down to the frame where the panel shows the selection. */
async function tap(page: Page, k: number, n: number): Promise<number> {
  const at = (await page.evaluate(TAP_TARGET(k, n))) as { x: number; y: number };
  await page.mouse.click(at.x, at.y);
  const ms = await pollInPage<number>(page, TAP_SHOWN, 30_000);
  // Apart enough that Cytoscape never reads two taps as a double tap (which would open the account).
  await page.waitForTimeout(700);
  return ms;
}

async function wheelZoom(page: Page, box: { x: number; y: number; width: number; height: number }, deltaY: number): Promise<number> {
  await page.evaluate(WHEEL_WATCH);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, deltaY);
  await pollInPage(page, 'window.__dwWheel.drawn', 30_000);
  const w = (await page.evaluate('window.__dwWheel')) as { at: number; drawn: number };
  await page.waitForTimeout(400);
  return w.drawn - w.at;
}

export async function timeRingGraph(base: string, token: string, ringId: string, opts: RingGraphOptions): Promise<RingGraphTiming> {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const visits: VisitTiming[] = [];
    let counts: Awaited<ReturnType<typeof openRing>>['counts'] | null = null;
    const taps: number[] = [];
    const zooms: number[] = [];
    for (let v = 0; v <= opts.repeatVisits; v++) {
      const opened = await openRing(browser, base, token, ringId);
      counts = opened.counts;
      const first = await tap(opened.page, 0, 1);
      visits.push({ ...opened.visit, first_tap_ms: Math.round(first), ready_and_respond_ms: Math.round(opened.visit.drawn_ms + first) });
      if (v === opts.repeatVisits) {
        for (let k = 0; k < opts.interactions; k++) taps.push(await tap(opened.page, k, opts.interactions));
        const box = (await opened.page.locator(GRAPH).boundingBox())!;
        for (let k = 0; k < opts.interactions; k++) zooms.push(await wheelZoom(opened.page, box, k % 2 ? 240 : -240));
      }
      await opened.context.close();
    }
    const repeat = visits.slice(1);
    return {
      ring_id: ringId,
      accounts: counts!.accounts,
      identifiers: counts!.identifiers,
      nodes: counts!.accounts + counts!.identifiers,
      edges: counts!.edges,
      layout: counts!.layout,
      first_visit: visits[0],
      repeat_visits: {
        runs: repeat.length,
        ready: summarize(repeat.map((v) => v.ready_ms)),
        drawn: summarize(repeat.map((v) => v.drawn_ms)),
        first_tap: summarize(repeat.map((v) => v.first_tap_ms)),
        ready_and_respond: summarize(repeat.map((v) => v.ready_and_respond_ms)),
      },
      tap_to_panel: summarize(taps),
      wheel_zoom_to_frame: summarize(zooms),
    };
  } finally {
    await browser.close();
  }
}
