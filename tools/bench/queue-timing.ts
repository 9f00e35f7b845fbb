/**
 * Time to the first page of the alert queue on the running server: the JSON
 * API the queue fetches (`GET /api/alerts`) and the server-rendered
 * `/alerts` page (which reads the same first page and sends it with the
 * HTML), each timed from sending the request to the last byte of the answer,
 * one request at a time over a kept-alive connection, after a warm-up.
 */
import { SESSION_COOKIE } from '../../lib/auth/cookie';
import { summarize, type TimingSummary } from './stats';

export interface QueueView {
  name: string;
  /** The query string, as in the queue's URL (lib/alerts/view.ts). */
  query: string;
}

/** The default view and three others an analyst uses: a reason filter, oldest first, a plan filter by size. */
export const QUEUE_VIEWS: QueueView[] = [
  { name: 'default: open, highest score first', query: '' },
  { name: 'reason COT_ELICITATION, by score', query: 'reason=COT_ELICITATION' },
  { name: 'oldest first', query: 'sort=age' },
  { name: 'plan payg, most accounts first', query: 'plan=payg&sort=accounts' },
];

export interface QueueViewTiming {
  view: string;
  query: string;
  /** Alerts the view matches, and rows on its first page. */
  total: number;
  rows: number;
  api: TimingSummary & { bytes: number };
  page: TimingSummary & { bytes: number };
}

export interface RepeatOptions {
  warmup: number;
  runs: number;
}

interface Answer {
  ms: number;
  body: Buffer;
}

async function timedGet(url: string, token: string): Promise<Answer> {
  const t = performance.now();
  const r = await fetch(url, { headers: { cookie: `${SESSION_COOKIE}=${token}` }, redirect: 'manual' });
  const body = Buffer.from(await r.arrayBuffer());
  const ms = performance.now() - t;
  if (r.status !== 200) throw new Error(`GET ${url} answered ${r.status}: ${body.toString('utf8').slice(0, 200)}`);
  return { ms, body };
}

/** `runs` timed GETs after `warmup` untimed ones; the last answer's body is returned with the timings. */
export async function timeGets(url: string, token: string, opts: RepeatOptions): Promise<{ samples: number[]; last: Buffer }> {
  for (let i = 0; i < opts.warmup; i++) await timedGet(url, token);
  const samples: number[] = [];
  let last: Buffer = Buffer.alloc(0);
  for (let i = 0; i < opts.runs; i++) {
    const a = await timedGet(url, token);
    samples.push(a.ms);
    last = a.body;
  }
  return { samples, last };
}

export async function timeQueueViews(base: string, token: string, views: QueueView[], opts: RepeatOptions): Promise<QueueViewTiming[]> {
  const out: QueueViewTiming[] = [];
  for (const v of views) {
    const suffix = v.query ? `?${v.query}` : '';
    const api = await timeGets(`${base}/api/alerts${suffix}`, token, opts);
    const answer = JSON.parse(api.last.toString('utf8')) as { total: number; rows: unknown[] };
    const page = await timeGets(`${base}/alerts${suffix}`, token, opts);
    out.push({
      view: v.name,
      query: v.query,
      total: answer.total,
      rows: answer.rows.length,
      api: { ...summarize(api.samples), bytes: api.last.length },
      page: { ...summarize(page.samples), bytes: page.last.length },
    });
  }
  return out;
}
