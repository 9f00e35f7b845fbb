/**
 * 50 analysts at once on the real server: each signs in with a session of
 * their own and works the way the workbench is used — the queue (the page,
 * then the API as they filter and page), an account (the page, then its
 * older evidence), a ring (the page, then the graph and the timeline it
 * fetches) and, now and then, a decision on a case of their own — with a
 * think time between actions. Every request is timed from sending it to
 * its last byte; the figures are per route: count, errors, p50, p95, p99.
 */
import { SESSION_COOKIE } from '../../lib/auth/cookie';
import { createUser } from '../../lib/auth/users';
import { openStore } from '../../db/client';
import { percentile } from './stats';

export interface MixedLoadOptions {
  analysts: number;
  /** Seconds of measured load, after every analyst has started (their starts are spread over `rampSeconds`). */
  seconds: number;
  rampSeconds: number;
  /** Pause between one analyst's actions: uniform in [min, max] milliseconds. */
  thinkMs: [number, number];
  seed: number;
}

export const MIXED_LOAD_DEFAULTS: MixedLoadOptions = { analysts: 50, seconds: 60, rampSeconds: 10, thinkMs: [1_000, 3_000], seed: 13 };

export interface RouteFigures {
  route: string;
  requests: number;
  errors: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
}

export interface MixedLoadResult {
  analysts: number;
  seconds: number;
  think_ms: [number, number];
  requests: number;
  requests_per_s: number;
  errors: number;
  /** The first few errors, for the record. */
  error_samples: string[];
  decisions: number;
  goal_p95_ms: number;
  all: Omit<RouteFigures, 'route'>;
  routes: RouteFigures[];
}

interface Targets {
  accounts: string[];
  rings: string[];
  /** Open cases, dealt out to the analysts so that no two decide the same one. */
  cases: { id: string; version: number }[];
}

const PASSWORD = 'bench-analyst-pass';

/** Seeded pseudo-random numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x6d2b79f5) >>> 0;
    let t = Math.imul(x ^ (x >>> 15), 1 | x);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Analysts `load_01`… and a lead `load_lead`, created in the store before the server opens it. */
export async function addLoadUsers(db: string, n: number): Promise<{ analysts: string[]; lead: string }> {
  const store = openStore(db);
  const add = async (name: string, role: 'analyst' | 'lead') => {
    if (!store.sqlite.prepare(`SELECT 1 FROM users WHERE name = ?`).get(name)) await createUser(store.sqlite, { name, role, password: PASSWORD, actor: 'bench' });
    return name;
  };
  try {
    const analysts: string[] = [];
    for (let i = 1; i <= n; i++) analysts.push(await add(`load_${String(i).padStart(2, '0')}`, 'analyst'));
    return { analysts, lead: await add('load_lead', 'lead') };
  } finally {
    store.close();
  }
}

function loadTargets(db: string, asOf: string): Targets {
  const store = openStore(db, { readonly: true });
  try {
    const s = store.sqlite;
    const accounts = s
      .prepare(`SELECT a.account_id FROM scores sc JOIN accounts a ON a.id = sc.account WHERE sc.as_of = ? ORDER BY sc.score DESC LIMIT 2000`)
      .pluck()
      .all(asOf) as string[];
    const rings = s.prepare(`SELECT ring_id FROM rings WHERE as_of = ? ORDER BY ring_id`).pluck().all(asOf) as string[];
    const cases = s
      .prepare(`SELECT id, version FROM cases WHERE status = 'open' AND assignee IS NULL AND subject_kind = 'account' ORDER BY id LIMIT 5000`)
      .all() as { id: string; version: number }[];
    return { accounts, rings, cases };
  } finally {
    store.close();
  }
}

interface Sample {
  route: string;
  ms: number;
  ok: boolean;
  at: number;
}

/** One analyst's client: its session, and a timed request that reads the whole answer. */
class Analyst {
  constructor(
    readonly base: string,
    readonly token: string,
    readonly csrf: string,
    readonly samples: Sample[],
    readonly errors: string[],
  ) {}

  async request(route: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<unknown> {
    const headers: Record<string, string> = { cookie: `${SESSION_COOKIE}=${this.token}` };
    if (init.method && init.method !== 'GET') Object.assign(headers, { 'content-type': 'application/json', 'x-csrf-token': this.csrf, origin: this.base });
    const t = performance.now();
    let ok = false;
    let parsed: unknown = null;
    try {
      const r = await fetch(`${this.base}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body), redirect: 'manual' });
      const body = await r.arrayBuffer();
      ok = r.status === 200;
      if (!ok && this.errors.length < 10) this.errors.push(`${init.method ?? 'GET'} ${path}: ${r.status} ${Buffer.from(body).toString('utf8').slice(0, 120)}`);
      if (ok && (r.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(Buffer.from(body).toString('utf8'));
    } catch (err) {
      if (this.errors.length < 10) this.errors.push(`${path}: ${(err as Error).message}`);
    }
    this.samples.push({ route, ms: performance.now() - t, ok, at: performance.now() });
    return parsed;
  }
}

export async function signIn(base: string, name: string): Promise<{ token: string; csrf: string }> {
  const r = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: PASSWORD }) });
  if (!r.ok) throw new Error(`sign-in as ${name} failed: ${r.status} ${await r.text()}`);
  const token = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(r.headers.get('set-cookie') ?? '')?.[1];
  const body = (await r.json()) as { csrf_token: string };
  if (!token) throw new Error('sign-in answered without a session cookie');
  return { token, csrf: body.csrf_token };
}

const VIEWS = ['', 'reason=COT_ELICITATION', 'sort=age', 'plan=payg&sort=accounts', 'min_score=0.9'];
const enc = encodeURIComponent;

/** Run the load; `asOf` is the day whose scores and rings the analysts open. */
export async function runMixedLoad(base: string, db: string, asOf: string, users: string[], opts: MixedLoadOptions): Promise<MixedLoadResult> {
  const targets = loadTargets(db, asOf);
  if (targets.accounts.length === 0 || targets.rings.length === 0) throw new Error('the bench store has no scored accounts or rings');
  const sessions: { token: string; csrf: string }[] = [];
  for (const u of users.slice(0, opts.analysts)) sessions.push(await signIn(base, u));
  const samples: Sample[] = [];
  const errors: string[] = [];
  const rnd = random(opts.seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const think = () => new Promise((r) => setTimeout(r, opts.thinkMs[0] + rnd() * (opts.thinkMs[1] - opts.thinkMs[0])));
  const measureFrom = performance.now() + opts.rampSeconds * 1000;
  const stopAt = measureFrom + opts.seconds * 1000;
  let decisions = 0;

  const work = async (i: number) => {
    const a = new Analyst(base, sessions[i].token, sessions[i].csrf, samples, errors);
    const mine = targets.cases.filter((_, k) => k % opts.analysts === i);
    await new Promise((r) => setTimeout(r, (opts.rampSeconds * 1000 * i) / opts.analysts));
    while (performance.now() < stopAt) {
      const step = rnd();
      if (step < 0.3) {
        const view = pick(VIEWS);
        await a.request('page /alerts', `/alerts${view ? `?${view}` : ''}`);
        await think();
        await a.request('api GET /api/alerts', `/api/alerts?${view}${view ? '&' : ''}page=${2 + Math.floor(rnd() * 5)}`);
      } else if (step < 0.6) {
        const id = pick(targets.accounts);
        await a.request('page /accounts/[id]', `/accounts/${enc(id)}`);
        await think();
        await a.request('api GET /api/accounts/[id]/prompts', `/api/accounts/${enc(id)}/prompts?page=2`);
      } else if (step < 0.85) {
        const id = pick(targets.rings);
        await a.request('page /rings/[id]', `/rings/${enc(id)}`);
        // What the ring page fetches as it loads: the graph and the timeline.
        await Promise.all([a.request('api GET /api/rings/[id]/graph', `/api/rings/${enc(id)}/graph`), a.request('api GET /api/rings/[id]/timeline', `/api/rings/${enc(id)}/timeline`)]);
      } else {
        const c = mine.shift();
        if (!c) continue;
        await a.request('page /cases/[id]', `/cases/${enc(c.id)}`);
        await think();
        const action = pick(['confirm', 'dismiss', 'escalate'] as const);
        const answer = await a.request('api POST /api/cases/[id]/decision', `/api/cases/${enc(c.id)}/decision`, {
          method: 'POST',
          body: { action, reason: `bench load: ${action} after review`, expectedVersion: c.version, ...(action === 'escalate' ? {} : { disposition: action === 'confirm' ? 'confirmed_extraction' : 'false_positive' }) },
        });
        if (answer) decisions++;
      }
      await think();
    }
  };
  await Promise.all(sessions.map((_, i) => work(i)));

  const measured = samples.filter((s) => s.at >= measureFrom && s.at <= stopAt + 30_000);
  const figures = (xs: Sample[]): Omit<RouteFigures, 'route'> => {
    const ms = xs.map((s) => s.ms);
    const r1 = (x: number) => Math.round(x * 10) / 10;
    return {
      requests: xs.length,
      errors: xs.filter((s) => !s.ok).length,
      p50_ms: r1(percentile(ms, 0.5)),
      p95_ms: r1(percentile(ms, 0.95)),
      p99_ms: r1(percentile(ms, 0.99)),
      max_ms: r1(Math.max(...ms)),
    };
  };
  const routes = [...new Set(measured.map((s) => s.route))].sort().map((route) => ({ route, ...figures(measured.filter((s) => s.route === route)) }));
  const all = figures(measured);
  return {
    analysts: sessions.length,
    seconds: opts.seconds,
    think_ms: opts.thinkMs,
    requests: all.requests,
    requests_per_s: +(all.requests / opts.seconds).toFixed(1),
    errors: all.errors,
    error_samples: errors,
    decisions,
    goal_p95_ms: 300,
    all,
    routes,
  };
}
