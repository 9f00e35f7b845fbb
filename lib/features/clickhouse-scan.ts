/**
 * The window scan (account-features.ts) pushed down into ClickHouse: every
 * per-account feature is computed by SQL grouped by account, and only those
 * aggregates cross into Node — never an event row. The result is the same
 * WindowScan the SQLite scan builds, so scoring, rings and alerts read it
 * unchanged.
 *
 * Where the in-memory scan depends on the order events arrive in, the SQL
 * reproduces it from the order key (ts, rid):
 * - accounts, and every map's keys, are listed in order of first appearance
 *   (min((ts, rid))) — ties between equal counts are broken by insertion order
 *   downstream (e.g. an account's main subnet);
 * - the IP and /24 maps keep the first MAX_ADDRESSES distinct keys by first
 *   appearance, and the events of the IPs after them count in `moreIps`;
 * - inter-arrival gaps are consecutive differences in (ts, rid) order (a window
 *   function); their sums are floating point added in another order than Node's,
 *   so they agree to rounding (relative 1e-9), not bit for bit.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { PromptFlag } from '../domain';
import { EDUCATION_ASNS } from '../domain/education-networks';
import { HOSTING_ASNS } from '../domain/hosting-networks';
import {
  EXTRACTION_FLAGS, LENGTH, LONG_ANSWER, LONG_RATIO, MAX_ADDRESSES, TOOL_USE,
  newFeatures, pickRelease, type AccountFeatures, type WindowScan,
} from './account-features';
import { discountSharedSystemPrompts } from './shared-system-prompts';
import { DAY_MS, type Window } from './window';

/** The window's rows, deduplicated on (ts, rid) whether or not the background merge has run. */
const WINDOW = `(SELECT * FROM events FINAL WHERE ts >= {start:Int64} AND ts < {end:Int64})`;
/** Integers as JSON numbers: every value here is below 2^53. */
const SETTINGS = { output_format_json_quote_64bit_integers: 0 } as const;

type Params = Record<string, unknown>;
type Row = unknown[];

async function eachRow(client: ClickHouseClient, query: string, params: Params, fn: (row: Row) => void): Promise<void> {
  const rs = await client.query({ query, query_params: params, format: 'JSONCompactEachRow', clickhouse_settings: SETTINGS });
  for await (const rows of rs.stream()) for (const r of rows) fn(r.json() as Row);
}

/** The newest model released inside the window: each model's first appearance, as in findRelease. */
async function releaseOf(client: ClickHouseClient, window: Window): Promise<WindowScan['release']> {
  const rows: { model: number; first: number }[] = [];
  await eachRow(client, `SELECT model, min(ts) FROM events FINAL WHERE ts < {end:Int64} GROUP BY model ORDER BY model`, { end: window.end }, ([model, first]) =>
    rows.push({ model: model as number, first: first as number }),
  );
  return pickRelease(rows, window);
}

const has = (bit: number) => `bitAnd(flags, ${bit}) != 0`;
const LONG = `output_tokens >= ${LONG_ANSWER}`;
const inList = (param: string) => `(isNotNull(asn) AND has({${param}:Array(UInt32)}, assumeNotNull(asn)))`;

/** The per-account scalars, in the order the columns are read by `setScalars`. */
const SCALARS = [
  'count()', 'min(ts)', 'max(ts)', 'sum(input_tokens)', 'sum(output_tokens)', 'sum(coalesce(reasoning_tokens, 0))',
  `countIf(${has(EXTRACTION_FLAGS)})`, `countIf(${has(PromptFlag.RUBRIC)})`, `countIf(${has(PromptFlag.SAFE_REWRITE)})`,
  `countIf(${has(PromptFlag.SHORT_ANSWER)})`,
  `countIf((coalesce(finish, -1) = ${LENGTH} OR (isNotNull(max_tokens) AND output_tokens >= assumeNotNull(max_tokens) * 0.95)) AND output_tokens >= 1024)`,
  'countIf(coalesce(max_tokens, 0) >= 4096)',
  `countIf(${LONG})`, `countIf(${LONG} AND output_tokens >= ${LONG_RATIO} * input_tokens)`,
  `countIf(${LONG} AND (isNull(turn) OR assumeNotNull(turn) <= 1))`,
  `countIf(${inList('hosting')})`, `countIf(NOT ${inList('hosting')} AND ${inList('education')})`,
  `countIf(coalesce(tool_count, 0) > 0 OR coalesce(finish, -1) = ${TOOL_USE})`,
  'countIf(coalesce(turn, 0) >= 2)', 'countIf(isNotNull(turn))', 'countIf(system != 0)',
  'countIf(ts < {at:Int64})', 'countIf(ts >= {at:Int64})', 'countIf(ts >= {at:Int64} AND model = {model:UInt32})',
  `countIf(ts >= {at:Int64} AND ts < {at:Int64} + ${DAY_MS})`, `countIf(ts >= {at:Int64} AND ts < {at:Int64} + ${DAY_MS} AND model = {model:UInt32})`,
];

function setScalars(f: AccountFeatures, v: number[], hasRelease: boolean): void {
  [f.n, f.firstTs, f.lastTs, f.inputTokens, f.outputTokens, f.reasoningTokens, f.cot, f.rubric, f.safeRewrite, f.shortAnswer,
    f.atCap, f.bigCap, f.longAnswers, f.longToShort, f.singleLong, f.hosted, f.campus, f.toolUse, f.followUps, f.withTurn, f.withSystem] = v;
  if (hasRelease) [f.beforeRelease, f.afterRelease, f.newModelAfter, f.allDay1, f.newModelDay1] = v.slice(21);
}

/**
 * One keyed family (a map or histogram): per account, (key, count, input, output)
 * in order of the key's first appearance; with `cap`, only the first `cap` keys and
 * the number of events of the others.
 */
function keyedQuery(key: string, where: string, cap?: number): string {
  const sorted = `arrayMap(t -> (t.1, t.2, t.3, t.4), arraySort(t -> t.5, groupArray((key, c, i, o, first))))`;
  const kept = cap === undefined ? sorted : `arraySlice(${sorted}, 1, ${cap})`;
  const rest = cap === undefined ? '0' : `arraySum(t -> t.2, arraySlice(${sorted}, ${cap + 1}))`;
  return `SELECT account, ${kept}, ${rest} FROM (
    SELECT account, ${key} AS key, count() AS c, sum(input_tokens) AS i, sum(output_tokens) AS o, min((ts, rid)) AS first
    FROM ${WINDOW} WHERE ${where} GROUP BY account, key
  ) GROUP BY account`;
}

type Entry = [number, number, number, number];
type Family = { key: string; where?: string; cap?: number; add: (f: AccountFeatures, entries: Entry[], rest: number, w: Window) => void };

const intoMap = (pick: (f: AccountFeatures) => Map<number, number>) => (f: AccountFeatures, entries: Entry[]) => {
  const m = pick(f);
  for (const [k, c] of entries) m.set(k, c);
};
const intoArray = (pick: (f: AccountFeatures) => Uint32Array) => (f: AccountFeatures, entries: Entry[]) => {
  const a = pick(f);
  for (const [k, c] of entries) a[k] = c;
};

const FAMILIES: Family[] = [
  { key: 'capability', add: intoArray((f) => f.capabilities) },
  { key: 'capability', where: LONG, add: intoArray((f) => f.longByCapability) },
  { key: 'template', add: intoMap((f) => f.templates) },
  { key: 'system', where: 'system != 0', add: intoMap((f) => f.systemPrompts) },
  { key: 'template', where: has(EXTRACTION_FLAGS), add: intoMap((f) => f.cotTemplates) },
  { key: 'system', where: `${has(EXTRACTION_FLAGS)} AND ${has(PromptFlag.INTENT_FROM_SYSTEM)}`, add: intoMap((f) => f.lentIntent) },
  { key: 'intDiv(ts, 3600000) % 24', add: intoArray((f) => f.hours) },
  { key: 'intDiv(ts, 60000) % 60', add: intoArray((f) => f.minutes) },
  { key: 'intDiv(ts - {start:Int64}, 3600000)', add: addHourly },
  {
    key: 'ip', cap: MAX_ADDRESSES,
    add: (f, entries, rest) => {
      for (const [k, c] of entries) f.ips.set(k, c);
      f.moreIps = rest;
    },
  },
  { key: 'bitShiftRight(ip, 8)', where: 'ip >= 0', cap: MAX_ADDRESSES, add: intoMap((f) => f.subnets) },
  { key: 'assumeNotNull(asn)', where: 'isNotNull(asn)', add: (f, entries) => entries.forEach(([k]) => f.asns.add(k)) },
  { key: 'assumeNotNull(client)', where: 'isNotNull(client)', add: intoMap((f) => f.clients) },
  { key: 'model', add: intoMap((f) => f.models) },
];

/** Hours of the window: the hourly counts (capped as the Uint16Array caps them) and the per-day sums. */
function addHourly(f: AccountFeatures, entries: Entry[]): void {
  for (const [hour, c, input, output] of entries) {
    const day = Math.floor(hour / 24);
    f.hourly[hour] = Math.min(c, 65535);
    f.days[day] += c;
    f.dayInput[day] += input;
    f.dayOutput[day] += output;
  }
}

/** Sum of inter-arrival gaps (seconds) and of their squares, per account, in (ts, rid) order. */
const GAPS = `SELECT account, count(), sum(g), sum(g * g) FROM (
  SELECT account, (ts - lagInFrame(ts) OVER w) / 1000 AS g, row_number() OVER w AS k
  FROM ${WINDOW} WINDOW w AS (PARTITION BY account ORDER BY ts, rid ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
) WHERE k > 1 GROUP BY account`;

export async function scanWindowClickHouse(client: ClickHouseClient, window: Window, onProgress?: (n: number) => void): Promise<WindowScan> {
  const release = await releaseOf(client, window);
  const params: Params = {
    start: window.start, end: window.end, at: release?.at ?? 0, model: release?.model ?? 0,
    hosting: [...HOSTING_ASNS], education: [...EDUCATION_ASNS],
  };
  const accounts = new Map<number, AccountFeatures>();
  let events = 0;
  const scalars = `SELECT account, ${SCALARS.join(', ')} FROM ${WINDOW} GROUP BY account ORDER BY min((ts, rid))`;
  await eachRow(client, scalars, params, ([account, ...values]) => {
    const f = newFeatures(account as number, window);
    setScalars(f, values as number[], release !== null);
    accounts.set(f.account, f);
    events += f.n;
  });
  onProgress?.(events);
  const of = (account: unknown) => accounts.get(account as number)!;
  await eachRow(client, GAPS, params, ([account, count, sum, sumSq]) => {
    const f = of(account);
    [f.gapCount, f.gapSum, f.gapSumSq] = [count as number, sum as number, sumSq as number];
  });
  for (const family of FAMILIES) {
    await eachRow(client, keyedQuery(family.key, family.where ?? '1', family.cap), params, ([account, entries, rest]) =>
      family.add(of(account), entries as Entry[], rest as number, window),
    );
  }
  discountSharedSystemPrompts(accounts.values());
  return { window, accounts, release, events };
}

/** The accounts with any event before `ts` (detection lists the idle ones with a zero score). */
export async function accountsBeforeClickHouse(client: ClickHouseClient, ts: number): Promise<number[]> {
  const out: number[] = [];
  // In order of first appearance, as SQLite's DISTINCT over the time-clustered table lists them.
  await eachRow(client, `SELECT account FROM events FINAL WHERE ts < {ts:Int64} GROUP BY account ORDER BY min((ts, rid))`, { ts }, ([a]) => out.push(a as number));
  return out;
}
