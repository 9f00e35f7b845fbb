/**
 * Hand-built detection inputs for tests: an account's window features, the
 * context a signal reads (profile + scan) and account records for the graph.
 * Defaults describe an ordinary person on a pay-as-you-go plan: a hundred
 * varied chat prompts in office hours over the month, medium-length answers.
 * Tests override only the figures their story is about.
 */
import { CAPABILITIES, type Capability } from '../../lib/domain';
import type { AccountFeatures, WindowScan } from '../../lib/features/account-features';
import type { AccountRow } from '../../lib/features/profiles';
import type { AccountProfile, SignalContext } from '../../lib/detect/signals/signal';
import { DAY_MS, windowFor, type Window } from '../../lib/features/window';

/** The window every hand-built account lives in: October 2026. */
export const WINDOW: Window = windowFor('2026-10-30');

/** Epoch ms of a moment in the window: day index (0 = 2026-10-01) and hour. */
export const at = (day: number, hour = 0) => WINDOW.start + day * DAY_MS + hour * 3_600_000;

export interface FeatureSpec extends Partial<Omit<AccountFeatures, 'templates' | 'hours' | 'minutes' | 'capabilities' | 'longByCapability' | 'days' | 'ips' | 'asns' | 'cotTemplates' | 'lentIntent'>> {
  /** Average output tokens per exchange (sets outputTokens = n × avgOutput). */
  avgOutput?: number;
  /** Events per template (template ids 1, 2, …); default: every prompt a different template. */
  templates?: number[];
  /**
   * Reasoning-extraction phrasings: how many (the `cot` requests spread evenly
   * over them), or the count of requests in each.
   */
  cotTemplates?: number | number[];
  /** Events by UTC hour: 24 counts, or the hours to spread `n` over evenly. */
  hours?: number[] | { spread: number[] };
  /** Events by minute of the hour: the minutes to spread `n` over evenly (default: all 60). */
  minutes?: number[];
  /** Inter-arrival gaps in seconds (sets gapCount / gapSum / gapSumSq). */
  gaps?: number[];
  capabilities?: Partial<Record<Capability, number>>;
  /** Long answers by capability area. */
  longByCapability?: Partial<Record<Capability, number>>;
  /** Hours of the window with traffic (fills `hourly`, spread over the window; default: none). */
  windowHours?: number;
  /** Events by day of the window (index → count). */
  days?: Record<number, number>;
  /** Distinct addresses, n spread over them (over 64 counted in moreIps, as the scan does). */
  ips?: number;
  asns?: number;
}

/** Spread `n` as evenly as possible over `k` buckets. */
function spread(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));
}

export function features(spec: FeatureSpec = {}): AccountFeatures {
  const { avgOutput, templates, cotTemplates, hours, minutes, gaps, capabilities, longByCapability, days, ips, asns, windowHours, ...plain } = spec;
  const n = plain.n ?? 100;
  const f: AccountFeatures = {
    account: 1,
    n,
    firstTs: at(0, 9),
    lastTs: at(29, 17),
    inputTokens: n * 200,
    outputTokens: n * (avgOutput ?? 300),
    reasoningTokens: 0,
    cot: 0,
    rubric: 0,
    safeRewrite: 0,
    shortAnswer: 0,
    atCap: 0,
    bigCap: 0,
    longAnswers: 0,
    longToShort: 0,
    singleLong: 0,
    hosted: 0,
    campus: 0,
    toolUse: 0,
    followUps: 0,
    withTurn: 0,
    withSystem: 0,
    capabilities: new Uint32Array(CAPABILITIES.length),
    longByCapability: new Uint32Array(CAPABILITIES.length),
    templates: new Map(),
    systemPrompts: new Map(),
    cotTemplates: new Map(),
    lentIntent: new Map(),
    cotFromSharedSystem: 0,
    hours: new Uint32Array(24),
    minutes: new Uint32Array(60),
    days: new Uint32Array(WINDOW.days),
    dayInput: new Float64Array(WINDOW.days),
    dayOutput: new Float64Array(WINDOW.days),
    hourly: new Uint16Array(WINDOW.days * 24),
    gapCount: 0,
    gapSum: 0,
    gapSumSq: 0,
    ips: new Map(),
    moreIps: 0,
    subnets: new Map(),
    asns: new Set(),
    clients: new Map(),
    models: new Map(),
    newModelDay1: 0,
    allDay1: 0,
    beforeRelease: 0,
    afterRelease: 0,
    newModelAfter: 0,
    ...plain,
  };
  // Templates: one per prompt unless told (people rarely repeat themselves).
  (templates ?? Array.from({ length: n }, () => 1)).forEach((c, i) => f.templates.set(i + 1, c));
  const phrasings = Array.isArray(cotTemplates) ? cotTemplates : spread(f.cot, cotTemplates ?? (f.cot > 0 ? 1 : 0));
  phrasings.forEach((c, i) => f.cotTemplates.set(1000 + i, c));
  // Hours: office hours (9–17 UTC) unless told.
  const byHour = Array.isArray(hours) ? hours : (() => {
    const list = hours?.spread ?? [9, 10, 11, 12, 13, 14, 15, 16, 17];
    const counts = new Array<number>(24).fill(0);
    spread(n, list.length).forEach((c, i) => (counts[list[i]] = c));
    return counts;
  })();
  f.hours.set(byHour);
  const mins = minutes ?? Array.from({ length: 60 }, (_, i) => i);
  spread(n, mins.length).forEach((c, i) => (f.minutes[mins[i]] += c));
  if (gaps) {
    f.gapCount = gaps.length;
    f.gapSum = gaps.reduce((s, g) => s + g, 0);
    f.gapSumSq = gaps.reduce((s, g) => s + g * g, 0);
  }
  const caps = capabilities ?? { chat: n };
  for (const [cap, c] of Object.entries(caps)) f.capabilities[CAPABILITIES.indexOf(cap as Capability)] = c ?? 0;
  for (const [cap, c] of Object.entries(longByCapability ?? {})) f.longByCapability[CAPABILITIES.indexOf(cap as Capability)] = c ?? 0;
  // Days: spread over the month unless told.
  const byDay = days ?? Object.fromEntries(spread(n, WINDOW.days).map((c, d) => [d, c]));
  for (const [d, c] of Object.entries(byDay)) f.days[Number(d)] = c;
  const k = Math.min(windowHours ?? 0, f.hourly.length);
  for (let i = 0; i < k; i++) f.hourly[Math.floor((i * f.hourly.length) / k)] = Math.max(1, Math.floor(n / k));
  const distinct = ips ?? 1;
  spread(n, distinct).forEach((c, i) => {
    if (i < 64) f.ips.set(0x0a000001 + i, c);
    else f.moreIps++;
  });
  for (let i = 0; i < (asns ?? 1); i++) f.asns.add(64500 + i);
  return f;
}

/** Evenly spaced arrivals: `count` gaps of `seconds` each. */
export const evenGaps = (count: number, seconds: number) => new Array<number>(count).fill(seconds);

/** A person's rhythm: bursts of quick follow-ups, then long pauses (coffee, meetings, night). */
export function burstyGaps(count: number): number[] {
  const pattern = [4, 9, 15, 30, 6, 2_400, 12, 20, 7, 45_000];
  return Array.from({ length: count }, (_, i) => pattern[i % pattern.length]);
}

export function profile(extra: Partial<AccountProfile> = {}): AccountProfile {
  return { plan: 'payg', verified: false, createdAt: at(-400), orgId: null, emailDomain: 'example.com', ...extra };
}

export function scan(extra: Partial<WindowScan> = {}): WindowScan {
  return { window: WINDOW, accounts: new Map(), release: null, events: 0, ...extra };
}

/** What a signal reads besides the features: the account's record and the window's scan. */
export function context(p: Partial<AccountProfile> = {}, s: Partial<WindowScan> = {}): SignalContext {
  return { profile: profile(p), scan: scan(s) };
}

/** An account record as the graph reads it (account id `acct_<id>`). */
export function accountRow(id: number, extra: Partial<AccountRow> = {}): AccountRow {
  return {
    id,
    accountId: `acct_${String(id).padStart(4, '0')}`,
    plan: 'payg',
    verified: false,
    createdAt: at(-5),
    orgId: null,
    emailDomain: null,
    emailShape: null,
    signupIp: null,
    paymentFp: null,
    country: 'GB',
    ...extra,
  };
}
