/**
 * Input for the evidence-retention tests: accounts that write in many
 * templates (so both of retention's caps bite), events slightly out of time
 * order, and some lines repeated later in the file, as real log exports do.
 */
import { account } from './records';

/** Seeded pseudo-random integers in [0, n) (mulberry32: successive draws are independent enough to mix). */
export function rng(seed: number): (n: number) => number {
  let x = seed >>> 0;
  return (n: number) => {
    x = (x + 0x6d2b79f5) >>> 0;
    let t = Math.imul(x ^ (x >>> 15), 1 | x);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * n | 0;
  };
}

export function shuffled<T>(xs: T[], r: (n: number) => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = r(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

// Instruction words the template fingerprint keeps (lib/ingest/prompt-facts.ts): each
// template is a different sequence of them, so each has its own fingerprint.
const WORDS = ['explain', 'write', 'list', 'translate', 'summarize', 'grade', 'classify', 'rewrite', 'compare', 'solve', 'describe', 'review'];
const SHAPES = ['the', 'each', 'every', 'your', 'this', 'all'];

export function templatePrompt(template: number, filler: number): string {
  const a = WORDS[template % WORDS.length];
  const b = SHAPES[Math.floor(template / WORDS.length) % SHAPES.length];
  const c = WORDS[Math.floor(template / (WORDS.length * SHAPES.length)) % WORDS.length];
  return `${a} ${b} item ${filler} and ${c} it in json format`;
}

const BASE = Date.parse('2026-10-02T00:00:00Z');

/**
 * Event `i` of `total`: ~15 s apart, up to ~10 minutes early or late. Accounts come and go: event i
 * belongs to one of the four accounts whose turn it is, so wherever a run stops, some accounts have
 * only part of their evidence. Each account writes in up to 40 templates.
 */
export function evidenceEvent(seed: number, i: number, total: number, accounts: number, r: (n: number) => number): Record<string, unknown> {
  const a = Math.min(accounts - 1, Math.floor((i * accounts) / total) + r(4));
  return {
    type: 'event',
    request_id: `ev_${seed}_${i}`,
    ts: new Date(BASE + i * 15_000 + (r(1_200) - 600) * 1_000).toISOString(),
    account_id: `acct_${a}`,
    ip: `203.0.113.${a % 250}`,
    model: 'atlas-2',
    prompt: templatePrompt((a * 7 + r(40)) % 400, r(100_000)),
    input_tokens: 20,
    output_tokens: 300,
  };
}

/** About `events` event lines over `accounts` accounts, their account records spread among them, ~4% of lines repeated later. */
export function evidenceScenario(seed: number, events = 6_000, accounts = 60): object[] {
  const r = rng(seed);
  const lines: object[] = [];
  const recordAt = new Map(Array.from({ length: accounts }, (_, a) => [r(events), a]));
  for (let i = 0; i < events; i++) {
    const a = recordAt.get(i);
    if (a !== undefined) lines.push(account(`acct_${a}`));
    lines.push(evidenceEvent(seed, i, events, accounts, r));
    if (r(25) === 0 && lines.length > 10) lines.push(lines[lines.length - 1 - r(10)]);
  }
  return lines;
}
