/**
 * An event file written NOT in the scenario generator's style, for the
 * ingest bench (issue 11, item 6): the scenario generator draws prompts from a
 * few hundred templates per population, which flatters every per-template
 * cache and the evidence rule. Real logs look like this instead:
 *
 * - nearly every prompt is different (sentences composed word by word from a
 *   vocabulary, so skeletons rarely repeat), with a long tail of long prompts
 *   (pasted documents and code, up to ~40 KB);
 * - many accounts (a Zipf-like share of traffic each), so the evidence rule
 *   (24 prompts per account) keeps a large part of the file;
 * - token counts that follow the text, system prompts from frameworks, some
 *   IPv6, several SDKs; ~500 bytes a line on average;
 * - contract records only (CONTRACT.md §1), lines in time order with a few
 *   seconds of jitter (logs merged from several servers).
 *
 * Seeded and deterministic: its own PRNG (mulberry32), nothing shared with
 * tools/scenario, so a change there cannot move this file.
 */
import { createWriteStream } from 'node:fs';

export interface IndependentFileOptions {
  out: string;
  events?: number;
  seed?: number;
}

export interface IndependentFileResult {
  events: number;
  accounts: number;
  bytes: number;
}

export const INDEPENDENT_DEFAULT_EVENTS = 529_000;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'time year people way day man thing woman life child world school state family student group country problem hand part ' +
  'place case week company system program question work government number night point home water room mother area money ' +
  'story fact month lot right study book eye job word business issue side kind head house service friend father power hour ' +
  'game line end member law car city community name president team minute idea kid body information back parent face others ' +
  'level office door health person art war history party result change morning reason research girl guy moment air teacher ' +
  'force education foot boy age policy process music market sense nation plan college interest death experience effect use ' +
  'class control care field development role effort rate heart drug show leader light voice wife police mind price report ' +
  'decision son view relationship town road arm difference value building action model season society tax director position ' +
  'player record paper space ground form event official matter center couple site project activity star table need court ' +
  'oil situation cost industry figure street image phone data picture practice piece land product doctor wall patient worker ' +
  'news test movie north love support technology step baby computer type attention film tree source organization hair window ' +
  'evidence population site energy period course summer plant opportunity term letter condition choice rule daughter administration ' +
  'south husband floor campaign material population economy hospital church close risk fire future wrong defense security bank ' +
  'west sport board subject officer private rest behavior performance top goal second bed order author blood agency nature color ' +
  'store sound movement page race concern approach resource freedom protection truth agreement analysis network cell memory ' +
  'kubernetes invoice latency schema migration pipeline tensor gradient contract lease mortgage recipe itinerary quarterly ' +
  'revenue churn onboarding backlog sprint deployment cache queue shard replica cluster endpoint payload webhook token'
).split(' ');

const VERBS = (
  'write draft summarize explain describe compare list outline translate rewrite improve review check fix debug refactor ' +
  'convert generate create plan suggest recommend analyze evaluate classify extract format simplify expand shorten critique ' +
  'design estimate calculate find identify organize prepare tell help make give show'
).split(' ');

const ADJ = (
  'short long brief detailed formal casual friendly professional simple clear concise technical persuasive neutral funny ' +
  'serious polite urgent quarterly annual internal public new old large small quick careful honest'
).split(' ');

const OPENERS = [
  'hey', 'hi', 'please', 'can you', 'could you', 'i need you to', 'quick one:', 'ok so', 'i was wondering if you could',
  'as a senior engineer,', 'you are an expert.', 'task:', 'context: we are a small team.', 'my boss asked me to', '',
  '', '', '', 'urgent -', 'for my class,', 'for a blog,', 'in plain words,',
];

const LANGS = ['python', 'typescript', 'go', 'rust', 'java', 'sql', 'bash', 'c#', 'kotlin', 'ruby'];

const SYSTEMS = [
  'You are a helpful assistant.',
  'You are a helpful assistant. Answer concisely.',
  'You are a customer support agent for an online store. Be polite and never promise refunds.',
  'You are a coding assistant inside an IDE. Prefer minimal diffs.',
  'You are a reasoning agent. Think step by step before you answer.',
  'Respond in JSON only.',
  'You are a tutor for high-school students. Do not give the final answer directly.',
  'You summarize meeting transcripts into action items.',
];

const MODELS = ['frontier-large-2026-09', 'frontier-large-2026-11', 'frontier-mini-2026-06', 'frontier-mini-2026-11', 'embed-v4', 'frontier-large-2026-11-thinking'];
const AGENTS = [
  'openai-python/1.54.3', 'openai-node/4.71.0', 'anthropic-sdk-python/0.40.0', 'langchain/0.3.7', 'litellm/1.52.0',
  'curl/8.5.0', 'python-requests/2.32.3', 'Go-http-client/2.0', 'llamaindex/0.12.1', 'Mozilla/5.0 (Macintosh) custom-app/3.2',
];
const FINISH = ['stop', 'stop', 'stop', 'stop', 'stop', 'stop', 'length', 'tool_use', 'refusal'];
const PLANS = ['free', 'payg', 'payg', 'payg', 'startup', 'education', 'research', 'enterprise'];
const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'IN', 'BR', 'JP', 'KR', 'SG', 'CA', 'AU', 'NL', 'SE', 'PL', 'NG', 'MX'];

class Draw {
  constructor(readonly r: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)];
  }
  /** Log-normal with the given median. */
  logNormal(median: number, sigma: number): number {
    const u = Math.max(this.r(), 1e-12);
    const v = this.r();
    return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(this.r() * 16)];
    return s;
  }
}

function sentence(d: Draw, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(d.r() < 0.08 ? String(d.int(1, 9999)) : d.pick(WORDS));
  const s = out.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + (d.r() < 0.15 ? '?' : '.');
}

function paragraph(d: Draw, chars: number): string {
  const parts: string[] = [];
  let n = 0;
  while (n < chars) {
    const s = sentence(d, d.int(6, 22));
    parts.push(s);
    n += s.length + 1;
  }
  return parts.join(' ');
}

function codeBlock(d: Draw, chars: number): string {
  const lines: string[] = [];
  let n = 0;
  while (n < chars) {
    const l = `${'  '.repeat(d.int(0, 3))}${d.pick(WORDS)}_${d.pick(WORDS)} = ${d.pick(WORDS)}(${d.int(0, 99)}, "${d.pick(WORDS)}")`;
    lines.push(l);
    n += l.length + 1;
  }
  return lines.join('\n');
}

/** One user turn: an instruction composed word by word, then, often, material pasted after it. */
function prompt(d: Draw): string {
  const opener = d.pick(OPENERS);
  const verb = d.pick(VERBS);
  const head = `${opener ? opener + ' ' : ''}${verb} ${d.r() < 0.5 ? 'a ' + d.pick(ADJ) + ' ' : 'the '}${d.pick(WORDS)} ${d.r() < 0.5 ? 'about' : 'for'} ${d.pick(WORDS)} ${d.pick(WORDS)}`;
  const shape = d.r();
  // Target length: median ~120 chars, a long tail (documents, code, logs up to 40 KB).
  let body = d.logNormal(25, 1.2);
  if (d.r() < 0.003) body = d.int(2000, 40000);
  body = Math.min(body, 60000);
  // Many requests are the bare instruction.
  if (body < 30 && shape >= 0.25) return `${head}${d.r() < 0.5 ? '?' : '.'}`;
  if (shape < 0.12) return `${head} in ${d.pick(LANGS)}:\n\`\`\`\n${codeBlock(d, body)}\n\`\`\``;
  if (shape < 0.2) return `${head}. Here is the text:\n\n${paragraph(d, body)}`;
  if (shape < 0.25) return `${sentence(d, d.int(5, 12))} ${head}? ${d.r() < 0.3 ? 'Think step by step.' : ''}`.trim();
  if (shape < 0.3) return `${head}. ${d.pick(['Use bullet points.', 'Keep it under 100 words.', 'Answer with only one word.', 'Return JSON.', 'Be honest.', ''])} ${paragraph(d, body / 2)}`.trim();
  return `${head}. ${paragraph(d, body)}`;
}

function ipv4(d: Draw, base: number): string {
  const x = (base + d.int(0, 15)) >>> 0;
  return `${(x >>> 24) & 255}.${(x >>> 16) & 255}.${(x >>> 8) & 255}.${x & 255}`;
}

interface Account {
  id: string;
  weight: number;
  ipBase: number;
  v6: string | null;
  agent: string;
  tls: string | null;
  key: string;
  model: string;
  system: string | null;
  asn: number;
}

function makeAccounts(d: Draw, n: number): Account[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `org-${d.hex(6)}-user-${i}`,
    // Zipf-like: a few heavy users, a long tail of light ones.
    weight: 1 / Math.pow(i + 1, 0.8),
    ipBase: (d.int(11, 223) << 24) + d.int(0, 0xffffff - 16),
    v6: d.r() < 0.12 ? `2001:db8:${d.hex(4)}:${d.hex(4)}::` : null,
    agent: d.pick(AGENTS),
    tls: d.r() < 0.5 ? null : `t13d${d.int(10, 19)}${d.int(10, 19)}h2_${d.hex(12)}_${d.hex(12)}`,
    key: `key_${d.hex(16)}`,
    model: d.pick(MODELS),
    system: d.r() < 0.2 ? d.pick(SYSTEMS) : d.r() < 0.05 ? paragraph(d, d.int(100, 400)) : null,
    asn: d.int(1000, 65000),
  }));
}

function accountLine(d: Draw, a: Account, t0: number): string {
  return JSON.stringify({
    type: 'account',
    account_id: a.id,
    created_at: new Date(t0 - d.int(0, 400) * 86_400_000).toISOString(),
    email: `${d.pick(WORDS)}.${d.pick(WORDS)}${d.int(1, 99)}@${d.pick(['gmail.com', 'outlook.com', 'proton.me', `${d.pick(WORDS)}.io`, `${d.pick(WORDS)}.edu`])}`,
    plan: d.pick(PLANS),
    country: d.pick(COUNTRIES),
    payment_fp: `pm_${d.hex(12)}`,
    verified: d.r() < 0.6,
  });
}

function eventLine(d: Draw, a: Account, ts: number, seq: number): string {
  const text = prompt(d);
  const conv = d.r() < 0.3;
  const output = Math.round(d.logNormal(220, 1.0));
  const max = d.pick([null, 1024, 4096, 8192]);
  const ev: Record<string, unknown> = {
    type: 'event',
    request_id: `req_${seq.toString(36)}${d.hex(10)}`,
    ts: new Date(ts).toISOString(),
    account_id: a.id,
    ip: a.v6 && d.r() < 0.8 ? `${a.v6}${d.hex(4)}` : ipv4(d, a.ipBase),
    model: d.r() < 0.85 ? a.model : d.pick(MODELS),
    prompt: text,
    input_tokens: Math.ceil((text.length + (a.system?.length ?? 0)) / 4) + d.int(0, 30),
    output_tokens: max ? Math.min(output, max) : output,
    api_key_id: a.key,
    asn: a.asn,
    user_agent: a.agent,
  };
  if (a.tls) ev.tls_fp = a.tls;
  if (conv) {
    ev.conversation_id = `conv_${d.hex(10)}`;
    ev.turn = d.int(1, 6);
  }
  if (a.system) ev.system_prompt = a.system;
  if (max) ev.max_tokens = max;
  ev.finish_reason = d.pick(FINISH);
  if (d.r() < 0.1) ev.tool_count = d.int(1, 12);
  if (d.r() < 0.2) ev.reasoning_tokens = Math.round(d.logNormal(400, 0.8));
  return JSON.stringify(ev);
}

/** Write the file; resolves when it is flushed to disk. */
export async function writeIndependentFile(opts: IndependentFileOptions): Promise<IndependentFileResult> {
  const events = opts.events ?? INDEPENDENT_DEFAULT_EVENTS;
  const d = new Draw(mulberry32(opts.seed ?? 20261207));
  // ~35 events per account on average: the share of accounts a lab sees in a day.
  const accounts = makeAccounts(d, Math.max(2, Math.round(events / 35)));
  const cumulative: number[] = [];
  let sum = 0;
  for (const a of accounts) cumulative.push((sum += a.weight));
  const pickAccount = () => {
    const x = d.r() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return accounts[lo];
  };
  const out = createWriteStream(opts.out);
  let bytes = 0;
  let buf = '';
  const put = async (line: string) => {
    buf += line + '\n';
    if (buf.length < 1 << 20) return;
    bytes += Buffer.byteLength(buf);
    if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
    buf = '';
  };
  const t0 = Date.UTC(2026, 10, 20);
  // Most accounts have a record (some arrive only through events, as the contract allows).
  for (const a of accounts) if (d.r() < 0.9) await put(accountLine(d, a, t0));
  const span = 7 * 86_400_000;
  for (let i = 0; i < events; i++) {
    const ts = t0 + Math.floor((i / events) * span) + d.int(-3000, 3000);
    await put(eventLine(d, pickAccount(), ts, i));
  }
  bytes += Buffer.byteLength(buf);
  out.end(buf);
  await new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('error', reject);
  });
  return { events, accounts: accounts.length, bytes };
}
