/**
 * Per-account features over the detection window, from one pass over the
 * window's events in time order (the events table is clustered on time, so
 * this is a sequential read). Everything an account's signals need is
 * accumulated here; signals never touch the store.
 */
import type Database from 'better-sqlite3';
import { CAPABILITIES, FINISH_REASONS, PromptFlag } from '../domain';
import { isEducationAsn } from '../domain/education-networks';
import { discountSharedSystemPrompts } from './shared-system-prompts';
import { isHostingAsn } from '../domain/hosting-networks';
import { DAY_MS, type Window } from './window';

export const LENGTH = FINISH_REASONS.indexOf('length');
export const TOOL_USE = FINISH_REASONS.indexOf('tool_use');
/** Distinct IPs / subnets kept per account (beyond: only counted as "more"). */
export const MAX_ADDRESSES = 64;
/**
 * A long answer: about a page and a half of text, or a complete program with
 * its explanation. Chat replies, classifications and most agent steps are far
 * shorter; what a distiller wants to keep is not.
 */
export const LONG_ANSWER = 800;
/** …to a short task: the answer is this many times longer than the request. */
export const LONG_RATIO = 3;
export const EXTRACTION_FLAGS = PromptFlag.COT | PromptFlag.REASONING_REPLAY | PromptFlag.REASONING_TAGS;

export interface AccountFeatures {
  account: number;
  n: number;
  firstTs: number;
  lastTs: number;
  inputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  /** Events whose prompt asks for reasoning (CoT, replay, tags). */
  cot: number;
  rubric: number;
  safeRewrite: number;
  shortAnswer: number;
  /** Finished at the length cap with a long output (≥ 1,024 tokens). */
  atCap: number;
  /** Events with max_tokens ≥ 4,096 requested. */
  bigCap: number;
  /** Answers of at least LONG_ANSWER tokens. */
  longAnswers: number;
  /** Long answers to short tasks: at least LONG_ANSWER tokens and LONG_RATIO times the request. */
  longToShort: number;
  /** Long answers that open a conversation or stand alone (turn absent or 1): nothing follows up on them. */
  singleLong: number;
  /** Events that left from a hosting network (lib/domain/hosting-networks). */
  hosted: number;
  /** Events that left from a university or research network (lib/domain/education-networks). */
  campus: number;
  toolUse: number;
  /** Events of turn ≥ 2 (a follow-up in a conversation). */
  followUps: number;
  /** Events with a turn given. */
  withTurn: number;
  withSystem: number;
  capabilities: Uint32Array;
  /** Long answers by capability area: what the account drew long answers on. */
  longByCapability: Uint32Array;
  templates: Map<number, number>;
  /** Exchanges by system prompt (fingerprint → count): instructions moved out of the user turn (skeleton-families.ts). */
  systemPrompts: Map<number, number>;
  /** Reasoning-extraction prompts by phrasing (template fingerprint → count). */
  cotTemplates: Map<number, number>;
  /** Reasoning-extraction prompts whose intent is the system prompt's alone, by system prompt (fingerprint → count). */
  lentIntent: Map<number, number>;
  /** Of those, the ones whose system prompt is a framework's default (shared-system-prompts.ts): not counted in `cot`. */
  cotFromSharedSystem: number;
  hours: Uint32Array; // by UTC hour of day
  minutes: Uint32Array; // by minute of the hour
  days: Uint32Array; // by day of the window
  dayInput: Float64Array;
  dayOutput: Float64Array;
  /** Events by hour of the window (for synchronised schedules). */
  hourly: Uint16Array;
  gapCount: number;
  gapSum: number;
  gapSumSq: number;
  ips: Map<number, number>;
  moreIps: number;
  subnets: Map<number, number>;
  asns: Set<number>;
  clients: Map<number, number>;
  models: Map<number, number>;
  /** Events on the newest model in its first day after release. */
  newModelDay1: number;
  /** All events in the first day after the newest model's release. */
  allDay1: number;
  /** Events before the release (to tell an existing account's pivot). */
  beforeRelease: number;
  afterRelease: number;
  newModelAfter: number;
}

export interface WindowScan {
  window: Window;
  accounts: Map<number, AccountFeatures>;
  /** The newest model released inside the window, if any. */
  release: { model: number; at: number } | null;
  events: number;
}

export function newFeatures(account: number, window: Window): AccountFeatures {
  return {
    account, n: 0, firstTs: Infinity, lastTs: -Infinity, inputTokens: 0, outputTokens: 0, reasoningTokens: 0,
    cot: 0, rubric: 0, safeRewrite: 0, shortAnswer: 0, atCap: 0, bigCap: 0, longAnswers: 0, longToShort: 0, singleLong: 0, hosted: 0, campus: 0, toolUse: 0, followUps: 0, withTurn: 0,
    withSystem: 0, capabilities: new Uint32Array(CAPABILITIES.length), longByCapability: new Uint32Array(CAPABILITIES.length), templates: new Map(), systemPrompts: new Map(), cotTemplates: new Map(), lentIntent: new Map(), cotFromSharedSystem: 0,
    hours: new Uint32Array(24), minutes: new Uint32Array(60), days: new Uint32Array(window.days),
    dayInput: new Float64Array(window.days), dayOutput: new Float64Array(window.days),
    hourly: new Uint16Array(window.days * 24), gapCount: 0, gapSum: 0, gapSumSq: 0, ips: new Map(), moreIps: 0,
    subnets: new Map(), asns: new Set(), clients: new Map(), models: new Map(), newModelDay1: 0, allDay1: 0,
    beforeRelease: 0, afterRelease: 0, newModelAfter: 0,
  };
}

type Row = [number, number, number, number | null, number, number | null, number | null, number, number, number | null, number | null, number | null, number | null, number, number, number, number];
const COLUMNS = `account, ts, ip, asn, model, client, turn, input_tokens, output_tokens, max_tokens, reasoning_tokens,
  tool_count, finish, template, flags, capability, system`;

/**
 * A model counts as newly released when it first appears after the window's
 * first day: before that nobody could use it. Found with one indexed-free
 * aggregate over the window (models are few).
 */
export function findRelease(sqlite: Database.Database, window: Window): { model: number; at: number } | null {
  const rows = sqlite
    .prepare(`SELECT model, min(ts) AS first FROM events WHERE ts < ? GROUP BY model`)
    .all(window.end) as { model: number; first: number }[];
  return pickRelease(rows, window);
}

/** The release among each model's first appearance (either engine computes those). */
export function pickRelease(rows: { model: number; first: number }[], window: Window): { model: number; at: number } | null {
  const released = rows.filter((r) => r.first >= window.start + DAY_MS).sort((a, b) => b.first - a.first);
  return released.length > 0 ? { model: released[0].model, at: released[0].first } : null;
}

export function scanWindow(sqlite: Database.Database, window: Window, onProgress?: (n: number) => void): WindowScan {
  const release = findRelease(sqlite, window);
  const accounts = new Map<number, AccountFeatures>();
  const stmt = sqlite.prepare(`SELECT ${COLUMNS} FROM events WHERE ts >= ? AND ts < ? ORDER BY ts`).raw(true);
  let events = 0;
  for (const row of stmt.iterate(window.start, window.end) as IterableIterator<Row>) {
    const [account, ts, ip, asn, model, client, turn, , output, maxTokens, reasoning, toolCount, finish, template, flags, capability, system] = row;
    let f = accounts.get(account);
    if (!f) accounts.set(account, (f = newFeatures(account, window)));
    addEvent(f, window, release, row, { account, ts, ip, asn, model, client, turn, output, maxTokens, reasoning, toolCount, finish, template, flags, capability, system });
    if ((++events & 0x3ffff) === 0) onProgress?.(events);
  }
  discountSharedSystemPrompts(accounts.values());
  return { window, accounts, release, events };
}

interface Ev {
  account: number; ts: number; ip: number; asn: number | null; model: number; client: number | null; turn: number | null;
  output: number; maxTokens: number | null; reasoning: number | null; toolCount: number | null; finish: number | null;
  template: number; flags: number; capability: number; system: number;
}

function addEvent(f: AccountFeatures, w: Window, release: WindowScan['release'], row: Row, e: Ev): void {
  f.n++;
  if (f.n > 1) {
    const gap = (e.ts - f.lastTs) / 1000;
    f.gapCount++;
    f.gapSum += gap;
    f.gapSumSq += gap * gap;
  }
  if (e.ts < f.firstTs) f.firstTs = e.ts;
  f.lastTs = e.ts;
  f.inputTokens += row[7];
  f.outputTokens += e.output;
  f.reasoningTokens += e.reasoning ?? 0;
  if (e.flags & EXTRACTION_FLAGS) {
    f.cot++;
    f.cotTemplates.set(e.template, (f.cotTemplates.get(e.template) ?? 0) + 1);
    if (e.flags & PromptFlag.INTENT_FROM_SYSTEM) f.lentIntent.set(e.system, (f.lentIntent.get(e.system) ?? 0) + 1);
  }
  if (e.flags & PromptFlag.RUBRIC) f.rubric++;
  if (e.flags & PromptFlag.SAFE_REWRITE) f.safeRewrite++;
  if (e.flags & PromptFlag.SHORT_ANSWER) f.shortAnswer++;
  if ((e.finish === LENGTH || (e.maxTokens !== null && e.output >= e.maxTokens * 0.95)) && e.output >= 1024) f.atCap++;
  if ((e.maxTokens ?? 0) >= 4096) f.bigCap++;
  if (e.output >= LONG_ANSWER) {
    f.longAnswers++;
    f.longByCapability[e.capability]++;
    if (e.output >= LONG_RATIO * row[7]) f.longToShort++;
    if (e.turn === null || e.turn <= 1) f.singleLong++;
  }
  if (isHostingAsn(e.asn)) f.hosted++;
  else if (isEducationAsn(e.asn)) f.campus++;
  if ((e.toolCount ?? 0) > 0 || e.finish === TOOL_USE) f.toolUse++;
  if (e.turn !== null) {
    f.withTurn++;
    if (e.turn >= 2) f.followUps++;
  }
  if (e.system !== 0) {
    f.withSystem++;
    f.systemPrompts.set(e.system, (f.systemPrompts.get(e.system) ?? 0) + 1);
  }
  f.capabilities[e.capability]++;
  f.templates.set(e.template, (f.templates.get(e.template) ?? 0) + 1);
  const d = new Date(e.ts);
  f.hours[d.getUTCHours()]++;
  f.minutes[d.getUTCMinutes()]++;
  const hourOfWindow = Math.floor((e.ts - w.start) / 3_600_000);
  const day = Math.floor(hourOfWindow / 24);
  f.days[day]++;
  f.dayInput[day] += row[7];
  f.dayOutput[day] += e.output;
  if (f.hourly[hourOfWindow] < 65535) f.hourly[hourOfWindow]++;
  countCapped(f.ips, e.ip, f, true);
  if (e.ip >= 0) countCapped(f.subnets, e.ip >>> 8, f, false);
  if (e.asn !== null) f.asns.add(e.asn);
  if (e.client !== null) f.clients.set(e.client, (f.clients.get(e.client) ?? 0) + 1);
  f.models.set(e.model, (f.models.get(e.model) ?? 0) + 1);
  if (release) {
    if (e.ts < release.at) f.beforeRelease++;
    else {
      f.afterRelease++;
      if (e.model === release.model) f.newModelAfter++;
      if (e.ts < release.at + DAY_MS) {
        f.allDay1++;
        if (e.model === release.model) f.newModelDay1++;
      }
    }
  }
}

function countCapped(map: Map<number, number>, key: number, f: AccountFeatures, isIp: boolean): void {
  const v = map.get(key);
  if (v !== undefined) map.set(key, v + 1);
  else if (map.size < MAX_ADDRESSES) map.set(key, 1);
  else if (isIp) f.moreIps++;
}

// ------------------------------------------------------------- derived ---

export const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
export const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
/** Linear ramp: 0 at `lo`, 1 at `hi`. */
export const ramp = (x: number, lo: number, hi: number) => clamp01((x - lo) / (hi - lo));

/** Share of traffic in the account's `k` most used templates. */
export function topTemplateShare(f: AccountFeatures, k = 5): number {
  const counts = [...f.templates.values()].sort((a, b) => b - a);
  let top = 0;
  for (let i = 0; i < Math.min(k, counts.length); i++) top += counts[i];
  return share(top, f.n);
}

/** Hours of the day (UTC) holding at least 1/48 of the account's traffic. */
export function activeHours(f: AccountFeatures): number {
  let h = 0;
  for (const c of f.hours) if (c > 0 && c >= f.n / 48) h++;
  return h;
}

/** Coefficient of variation of inter-arrival gaps (machines ≈ regular, people bursty). */
export function gapVariation(f: AccountFeatures): number {
  if (f.gapCount < 2) return NaN;
  const mean = f.gapSum / f.gapCount;
  const variance = Math.max(0, f.gapSumSq / f.gapCount - mean * mean);
  return mean > 0 ? Math.sqrt(variance) / mean : NaN;
}

/** Share of traffic in the account's three busiest minutes of the hour. */
export function minuteConcentration(f: AccountFeatures): number {
  const m = [...f.minutes].sort((a, b) => b - a);
  return share(m[0] + m[1] + m[2], f.n);
}

/** Days in the window with any traffic. */
export function activeDays(f: AccountFeatures): number {
  let d = 0;
  for (const c of f.days) if (c > 0) d++;
  return d;
}

/** Calendar days from the account's first to its last exchange in the window, both included. */
export function spanDays(f: AccountFeatures, w: Window): number {
  if (f.n === 0) return 0;
  return Math.floor((f.lastTs - w.start) / DAY_MS) - Math.floor((f.firstTs - w.start) / DAY_MS) + 1;
}

/** Hours of the window (not of the day) with any traffic. */
export function activeWindowHours(f: AccountFeatures): number {
  let h = 0;
  for (const c of f.hourly) if (c > 0) h++;
  return h;
}
