/**
 * One chunk of lines, parsed: events packed into columns (a Float64Array of
 * numbers plus arrays of short strings) so that a worker thread can hand it
 * to the writer cheaply, account records as objects, rejects as reasons.
 * Prompt text travels only for the evidence candidates (see retention.ts).
 */
import { isUtf8 } from 'node:buffer';
import { finishCode } from '../domain';
import { hash32, hash53 } from './fingerprint';
import { ipv4ToInt } from './ip';
import { promptFacts } from './prompt-facts';
import { parseLine, parseRecord, type AccountRecord, type EventRecord } from './records';
import { csvRecordEnd, csvRow } from './formats/csv';
import { convertRecord, sourcesOf, withSources } from './formats/convert';
import { isReject } from './formats/exchange';
import type { ChunkFormat } from './formats/format-spec';
import { SPAN_LABEL } from './formats/otel';
import { CandidatePicker, RETENTION } from './retention';

/**
 * Numeric columns of an event, in order; NaN stands for "not given". String
 * fields travel as indices into the chunk's string table (−1 = not given):
 * each distinct string crosses the thread boundary once per chunk, and the
 * writer resolves it to a store id once per chunk, not once per event.
 */
export const COL = {
  ts: 0, rid: 1, ipv4: 2, asn: 3, turn: 4, inputTokens: 5, outputTokens: 6, maxTokens: 7,
  reasoningTokens: 8, toolCount: 9, finish: 10, template: 11, flags: 12, capability: 13,
  system: 14, promptChars: 15, lineStart: 16, lineEnd: 17,
  account: 18, model: 19, client: 20, apiKey: 21, ip6: 22,
} as const;
export const NUM_COLS = 23;

export interface ParsedChunk {
  /** Number of events. */
  n: number;
  nums: Float64Array;
  /**
   * Distinct strings of the chunk: account ids, models, clients (user agent +
   * U+0001 + TLS fingerprint), API keys and IPv6 addresses (IPv4 is numeric).
   */
  strings: string[];
  /** Account records with the index (in the chunk) of their line. */
  accounts: { line: number; record: AccountRecord }[];
  /** Evidence candidates: event index in the chunk, with the text to keep. */
  samples: EvidenceSample[];
  /** Bad lines: index in the chunk, reason and the line's text (and its bytes, base64, when they are not UTF-8). */
  rejects: { line: number; reason: string; text: string; base64?: string }[];
  /** Non-blank lines seen. */
  lines: number;
  /** All lines, blank ones included (for line numbers across chunks). */
  rawLines: number;
}

export interface EvidenceSample {
  event: number;
  requestId: string;
  prompt: string;
  systemPrompt: string | null;
}

const nn = (v: number | null | undefined) => (v == null ? NaN : v);
const cut = (s: string) => (s.length > RETENTION.MAX_CHARS ? s.slice(0, RETENTION.MAX_CHARS) : s);

function intern(c: ParsedChunk, table: Map<string, number>, s: string | null | undefined): number {
  if (s == null) return -1;
  let i = table.get(s);
  if (i === undefined) {
    i = c.strings.length;
    c.strings.push(s);
    table.set(s, i);
  }
  return i;
}

function packEvent(c: ParsedChunk, ctx: ChunkContext, r: EventRecord, start: number, end: number): void {
  const table = ctx.table;
  // One line of another format may hold several events (an OTLP line holds spans): grow when full.
  if ((c.n + 1) * NUM_COLS > c.nums.length) {
    const bigger = new Float64Array(c.nums.length * 2);
    bigger.set(c.nums);
    c.nums = bigger;
  }
  const i = c.n++;
  const facts = promptFacts(r.prompt, r.tool_count ?? 0, r.system_prompt);
  if (ctx.retention.candidate(r.account_id, facts.template, r.ts)) {
    c.samples.push({ event: i, requestId: r.request_id, prompt: cut(r.prompt), systemPrompt: r.system_prompt ? cut(r.system_prompt) : null });
  }
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
  v[o + COL.lineStart] = start;
  v[o + COL.lineEnd] = end;
  const ua = r.user_agent ?? '';
  const tls = r.tls_fp ?? '';
  v[o + COL.account] = intern(c, table, r.account_id);
  v[o + COL.model] = intern(c, table, r.model);
  v[o + COL.client] = intern(c, table, ua || tls ? `${ua}\u0001${tls}` : null);
  v[o + COL.apiKey] = intern(c, table, r.api_key_id);
  v[o + COL.ip6] = intern(c, table, ipv4 < 0 ? r.ip.toLowerCase() : null);
}

function emptyChunk(maxLines: number): ParsedChunk {
  return {
    n: 0, nums: new Float64Array(maxLines * NUM_COLS), strings: [], accounts: [], samples: [], rejects: [], lines: 0, rawLines: 0,
  };
}

interface ChunkContext {
  table: Map<string, number>;
  retention: CandidatePicker<string>;
  format: ChunkFormat;
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629: no overlongs, surrogates or values above U+10FFFF). */
export function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const x = b[i];
    if (x < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (x >= 0xc2 && x <= 0xdf) n = 1;
    else if (x >= 0xe0 && x <= 0xef) {
      n = 2;
      if (x === 0xe0) lo = 0xa0;
      else if (x === 0xed) hi = 0x9f;
    } else if (x >= 0xf0 && x <= 0xf4) {
      n = 3;
      if (x === 0xf0) lo = 0x90;
      else if (x === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= n; k++) {
      const y = b[i + k];
      if (y === undefined || y < (k === 1 ? lo : 0x80) || y > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return -1;
}

/**
 * A line that is not UTF-8 is rejected, never decoded with replacement
 * characters: the store would hold text the provider never sent. The reject
 * file keeps its exact bytes (base64) beside a readable rendering.
 */
function rejectNonUtf8(c: ParsedChunk, raw: Buffer, index: number): void {
  const at = firstInvalidUtf8(raw);
  const hex = Array.from(raw.subarray(at, at + 4), (x) => x.toString(16).padStart(2, '0')).join(' ');
  c.lines++;
  c.rejects.push({
    line: index,
    reason: `not valid UTF-8: bytes ${hex} at byte ${at + 1} of the line`,
    text: raw.toString('utf8'),
    base64: raw.toString('base64'),
  });
}

function parseOne(c: ParsedChunk, ctx: ChunkContext, line: string, index: number, start: number, end: number): void {
  if (line.endsWith('\r')) line = line.slice(0, -1);
  if (line.trim() === '') return;
  c.lines++;
  if (ctx.format.format !== 'contract') {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      c.rejects.push({ line: index, reason: `not JSON: ${(err as Error).message}`, text: line });
      return;
    }
    parseForeign(c, ctx, value, line, index, start, end);
    return;
  }
  const parsed = parseLine(line);
  if (!parsed.ok) c.rejects.push({ line: index, reason: parsed.reason, text: line });
  else if (parsed.kind === 'event') packEvent(c, ctx, parsed.record, start, end);
  else c.accounts.push({ line: index, record: parsed.record });
}

/**
 * A record of another format: its adapter turns it into contract records
 * (formats/), which the contract's validation then judges like any line.
 * A reject names where the field it misses was read from.
 */
function parseForeign(c: ParsedChunk, ctx: ChunkContext, value: unknown, text: string, index: number, start: number, end: number): void {
  for (const item of convertRecord(ctx.format, value)) {
    if (isReject(item)) {
      c.rejects.push({ line: index, reason: item.reject, text });
      continue;
    }
    const label = item[SPAN_LABEL];
    if (label !== undefined) delete item[SPAN_LABEL];
    const parsed = parseRecord(item);
    if (!parsed.ok) {
      const reason = withSources(parsed.reason, sourcesOf(ctx.format));
      c.rejects.push({ line: index, reason: label ? `${String(label)}: ${reason}` : reason, text });
    } else if (parsed.kind === 'event') packEvent(c, ctx, parsed.record, start, end);
    else c.accounts.push({ line: index, record: parsed.record });
  }
}

/** CSV records under `header`: each becomes an object keyed by the header's names, then goes to its adapter. */
function parseCsvChunk(c: ParsedChunk, ctx: ChunkContext, b: Buffer, header: string[]): void {
  let start = 0;
  let lineIndex = 0;
  while (start < b.length) {
    let end = csvRecordEnd(b, start);
    if (end === -1) end = b.length;
    const raw = b.subarray(start, end);
    const recordStart = start;
    const index = lineIndex;
    for (let i = start; i < end; i++) if (b[i] === 10) lineIndex++;
    if (end === b.length && b[end - 1] !== 10) lineIndex++;
    start = end;
    if (!isUtf8(raw)) {
      rejectNonUtf8(c, raw, index);
      continue;
    }
    const text = raw.toString('utf8');
    if (text.trim() === '') continue;
    c.lines++;
    const row = csvRow(header, text);
    if (!row.ok) {
      c.rejects.push({ line: index, reason: `not a CSV record: ${row.error}`, text: text.replace(/\r?\n$/, '') });
      continue;
    }
    parseForeign(c, ctx, row.row, text.replace(/\r?\n$/, ''), index, recordStart, end);
  }
  c.rawLines = lineIndex;
}

const CONTRACT: ChunkFormat = { format: 'contract' };

/**
 * Parse whole records of UTF-8 bytes (a chunk from record-chunks.ts): JSON
 * lines, or CSV records when the format carries a header. `retention`
 * lives as long as the parser (one per worker) and picks evidence candidates.
 */
export function parseChunk(buf: Uint8Array, retention: CandidatePicker<string>, format: ChunkFormat = CONTRACT): ParsedChunk {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let count = 0;
  for (let p = b.indexOf(10); p !== -1; p = b.indexOf(10, p + 1)) count++;
  const ctx: ChunkContext = { table: new Map(), retention, format };
  const c = emptyChunk(count + 1);
  if (format.csvHeader) {
    parseCsvChunk(c, ctx, b, format.csvHeader);
    return c;
  }
  walkLines(c, ctx, b);
  return c;
}

function walkLines(c: ParsedChunk, ctx: ChunkContext, b: Buffer): void {
  // One check of the whole chunk (fast, native); lines are checked one by one only when it fails.
  const utf8 = isUtf8(b);
  let start = 0;
  while (start < b.length) {
    let end = b.indexOf(10, start);
    if (end === -1) end = b.length;
    if (!utf8 && !isUtf8(b.subarray(start, end))) rejectNonUtf8(c, b.subarray(start, end), c.rawLines);
    else parseOne(c, ctx, b.toString('utf8', start, end), c.rawLines, start, end);
    c.rawLines++;
    start = end + 1;
  }
}
