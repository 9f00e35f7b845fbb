/**
 * One chunk of lines, parsed: events packed into columns (a Float64Array of
 * numbers plus arrays of short strings) so that a worker thread can hand it
 * to the writer cheaply, account records as objects, rejects as reasons.
 * Prompt text is not carried: the writer keeps the raw lines and re-reads the
 * few it samples as evidence.
 */
import { finishCode } from '../domain';
import { hash32, hash53 } from './fingerprint';
import { ipv4ToInt } from './ip';
import { promptFacts } from './prompt-facts';
import { parseLine, type AccountRecord, type EventRecord } from './records';

/** Numeric columns of an event, in order; NaN stands for "not given". */
export const COL = {
  ts: 0, rid: 1, ipv4: 2, asn: 3, turn: 4, inputTokens: 5, outputTokens: 6, maxTokens: 7,
  reasoningTokens: 8, toolCount: 9, finish: 10, template: 11, flags: 12, capability: 13,
  system: 14, promptChars: 15, line: 16,
} as const;
export const NUM_COLS = 17;

export interface ParsedChunk {
  /** Number of events. */
  n: number;
  nums: Float64Array;
  accountId: string[];
  requestId: string[];
  model: string[];
  /** user agent + U+0001 + TLS fingerprint, or null when neither is given. */
  client: (string | null)[];
  apiKey: (string | null)[];
  /** The address as written, for IPv6 only (IPv4 is in nums). */
  ip6: (string | null)[];
  /** Account records with the index (in the chunk) of their line. */
  accounts: { line: number; record: AccountRecord }[];
  rejects: { line: number; reason: string }[];
  /** Non-blank lines seen. */
  lines: number;
}

const nn = (v: number | null | undefined) => (v == null ? NaN : v);

function packEvent(c: ParsedChunk, r: EventRecord, line: number): void {
  const i = c.n++;
  const facts = promptFacts(r.prompt, r.tool_count ?? 0);
  const o = i * NUM_COLS;
  const v = c.nums;
  const ipv4 = ipv4ToInt(r.ip);
  v[o + COL.ts] = r.ts;
  v[o + COL.rid] = hash53(r.request_id);
  v[o + COL.ipv4] = ipv4;
  v[o + COL.asn] = nn(r.asn);
  v[o + COL.turn] = nn(r.turn);
  v[o + COL.inputTokens] = r.input_tokens;
  v[o + COL.outputTokens] = r.output_tokens;
  v[o + COL.maxTokens] = nn(r.max_tokens);
  v[o + COL.reasoningTokens] = nn(r.reasoning_tokens);
  v[o + COL.toolCount] = nn(r.tool_count);
  v[o + COL.finish] = finishCode(r.finish_reason ?? undefined);
  v[o + COL.template] = facts.template;
  v[o + COL.flags] = facts.flags;
  v[o + COL.capability] = facts.capability;
  v[o + COL.system] = r.system_prompt ? hash32(r.system_prompt) : 0;
  v[o + COL.promptChars] = r.prompt.length;
  v[o + COL.line] = line;
  c.accountId.push(r.account_id);
  c.requestId.push(r.request_id);
  c.model.push(r.model);
  const ua = r.user_agent ?? '';
  const tls = r.tls_fp ?? '';
  c.client.push(ua || tls ? `${ua}\u0001${tls}` : null);
  c.apiKey.push(r.api_key_id ?? null);
  c.ip6.push(ipv4 < 0 ? r.ip.toLowerCase() : null);
}

export function parseChunk(lines: string[]): ParsedChunk {
  const c: ParsedChunk = {
    n: 0, nums: new Float64Array(lines.length * NUM_COLS), accountId: [], requestId: [], model: [],
    client: [], apiKey: [], ip6: [], accounts: [], rejects: [], lines: 0,
  };
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') continue;
    c.lines++;
    const parsed = parseLine(line);
    if (!parsed.ok) c.rejects.push({ line: i, reason: parsed.reason });
    else if (parsed.kind === 'event') packEvent(c, parsed.record, i);
    else c.accounts.push({ line: i, record: parsed.record });
  }
  return c;
}
