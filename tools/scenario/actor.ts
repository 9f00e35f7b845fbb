/**
 * An actor is one account plus the behaviour that produces its traffic.
 *
 * The generator asks every actor once per simulated day for the timestamps of
 * that day's requests (planDay), then, in time order across all actors, asks
 * it to fill in each request (fill). Planning a day at a time lets sessions
 * and bursts span hours; filling lazily keeps no event in memory.
 */
import { Calendar, DAY, HOUR, MINUTE, MODELS, SECOND } from './calendar';
import { Rng } from './random';
import type { Address, Client } from './infrastructure';
import type { AccountRecord, EventRecord } from './records';
import type { Perturb } from './perturb';

export interface World {
  cal: Calendar;
  /** A few ~100 KB pastes, built once and reused by the rare actor that sends one. */
  hugePastes: string[];
  /** How extraction prompts are perturbed (`generate --perturb`); nothing by default. */
  perturb: Perturb;
}

export interface Day {
  index: number;
  start: number;
  weekend: boolean;
  cal: Calendar;
}

export abstract class Actor {
  /** No traffic before this instant (sign-up, or the campaign's start) nor after activeUntil. */
  activeFrom: number;
  activeUntil = Infinity;
  emitted = 0;
  /** Share of the planned requests actually sent (below 1 only under `--perturb split`). */
  volume = 1;
  /** Whether the account also relays resold end-user chat (`--perturb resold-chat`). */
  resold = false;

  readonly id: string;
  readonly createdAt: number;
  /** Position in the roster: names the actor in the schedule and breaks ties between simultaneous requests. */
  seq = 0;
  /**
   * The account line, serialised at once and dropped by the generator once
   * written: at scale 23, ~150k account records would be most of the
   * resident memory.
   */
  accountLine: string | null;

  constructor(
    account: AccountRecord,
    /** Population name for legitimate actors, campaign id for extraction ones. */
    readonly population: string,
    readonly campaign: string | null,
    readonly models: ModelHabit,
  ) {
    this.accountLine = JSON.stringify(account);
    this.id = account.account_id;
    this.createdAt = Date.parse(account.created_at);
    this.activeFrom = this.createdAt;
  }

  /** Plan this UTC day's requests with `plan()` (any order, may spill past midnight). */
  abstract planDay(day: Day, rng: Rng, out: number[]): void;

  /** Fill every field of one request except request_id, ts and account_id; `tag` is what planDay attached. */
  abstract fill(ev: EventRecord, ts: number, tag: number, rng: Rng, world: World): void;

  /**
   * Set the transport and model of a request this account relays for someone
   * else (`--perturb resold-chat`); the content is overwritten afterwards.
   * By default a whole request is filled and its content discarded.
   */
  relayTransport(ev: EventRecord, ts: number, rng: Rng, world: World): void {
    this.fill(ev, ts, 0, rng, world);
  }
}

const PINNED = new Map<string, ModelHabit>();
const DRIFTING = new Map<string, ModelHabit>();

/**
 * Which model an account calls: its default (old model or mini), and whether
 * and when it moves traffic to the new one after release.
 */
export class ModelHabit {
  constructor(
    readonly base: string,
    readonly miniShare: number,
    /** When the account starts using the new model (≥ release), Infinity if pinned. */
    readonly adoptAt: number,
    /** Share of traffic sent to the new model once adopted. */
    readonly adoptShare: number,
  ) {}

  static pinned(base: string): ModelHabit {
    let habit = PINNED.get(base);
    if (!habit) PINNED.set(base, (habit = new ModelHabit(base, 0, Infinity, 0)));
    return habit;
  }

  /**
   * Ordinary users drift over slowly: a few per cent of them per day. The
   * switch time is rounded to the hour so that habits can be shared: ~100k
   * casual users then hold a few hundred habit objects between them.
   */
  static drifting(cal: Calendar, rng: Rng, meanDelayDays: number, share = 0.85, miniShare = 0.15): ModelHabit {
    const adoptAt = cal.releaseMs + Math.round(rng.exp(meanDelayDays * DAY) / HOUR) * HOUR;
    const key = `${adoptAt}/${share}/${miniShare}`;
    let habit = DRIFTING.get(key);
    if (!habit) DRIFTING.set(key, (habit = new ModelHabit(MODELS.old, miniShare, adoptAt, share)));
    return habit;
  }

  pick(ts: number, rng: Rng): string {
    if (ts >= this.adoptAt && rng.next() < this.adoptShare) return MODELS.next;
    return this.miniShare > 0 && rng.next() < this.miniShare ? MODELS.mini : this.base;
  }
}

/** Tracks the current conversation: new one after a pause or when its turns run out. */
export class Conversation {
  turn = 0;
  // The id is kept as two 30-bit integers and spelled out per request: an id
  // string would outlive a couple of young-generation collections, get
  // promoted, and at large scale pile up as old-generation garbage.
  private hi = 0;
  private lo = 0;
  private left = 0;
  private lastTs = -Infinity;

  constructor(private readonly meanTurns: number, private readonly maxTurns = 40, private readonly maxPause = 25 * MINUTE) {}

  get id(): string {
    return `conv_${this.hi.toString(16).padStart(8, '0')}${this.lo.toString(16).padStart(8, '0')}`;
  }

  /** Advance to the request at `ts`; returns true when it starts a new conversation. */
  advance(ts: number, rng: Rng): boolean {
    const fresh = this.left <= 0 || ts - this.lastTs > this.maxPause;
    if (fresh) {
      this.hi = rng.int(1 << 30);
      this.lo = rng.int(1 << 30);
      this.turn = 0;
      this.left = rng.geometric(this.meanTurns, this.maxTurns);
    }
    this.turn++;
    this.left--;
    this.lastTs = ts;
    return fresh;
  }
}

/**
 * A planned request is one number, ts * TAG_SPACE + tag, so that an actor can
 * remember why it planned a request (a class hour, the chat share of a proxy)
 * without a parallel array; sorting the numbers sorts by time.
 */
export const TAG_SPACE = 4;

export function plan(out: number[], ts: number, tag = 0): void {
  out.push(Math.floor(ts) * TAG_SPACE + tag);
}

/**
 * One sitting: `n` requests from `start`, separated by think-time gaps
 * (log-normal around `medianGap`: mostly similar, sometimes a long pause).
 */
export function planSession(out: number[], rng: Rng, start: number, n: number, medianGap: number, tag = 0, sigma = 0.7): void {
  let t = start;
  for (let i = 0; i < n; i++) {
    plan(out, t, tag);
    t += Math.max(2 * SECOND, rng.lognormal(medianGap, sigma));
  }
}

/** Machine-regular arrivals: one every `periodMs`, jittered by at most `jitterMs`. */
export function planPeriodic(out: number[], rng: Rng, from: number, to: number, periodMs: number, phaseMs: number, jitterMs: number, tag = 0): void {
  const first = from + ((((phaseMs - from) % periodMs) + periodMs) % periodMs);
  for (let t = first; t < to; t += periodMs) plan(out, t + rng.range(0, jitterMs), tag);
}

/** Poisson arrivals at `perHour` spread uniformly over [from, to). */
export function planUniform(out: number[], rng: Rng, from: number, to: number, perHour: number, tag = 0): void {
  const n = rng.poisson(((to - from) / HOUR) * perHour);
  for (let i = 0; i < n; i++) plan(out, rng.range(from, to), tag);
}

/** The fields every actor's requests share: key, address, client. */
export function setTransport(ev: EventRecord, key: string, addr: Address, client: Client): void {
  ev.api_key_id = key;
  ev.ip = addr.ip;
  ev.asn = addr.asn;
  ev.user_agent = client.ua;
  ev.tls_fp = client.tls;
}

/** An account record before it has an id and a formatted sign-up time. */
export type AccountDraft = Omit<AccountRecord, 'type' | 'account_id' | 'created_at'> & { created: number };

/** Unique, meaningless account ids: nothing about the id may reveal a population. */
export class AccountIds {
  private readonly seen = new Set<string>();

  constructor(private readonly rng: Rng) {}

  next(): string {
    for (;;) {
      const id = this.rng.base36(10, 'acct_');
      if (!this.seen.has(id)) {
        this.seen.add(id);
        return id;
      }
    }
  }
}

export function accountRecord(id: string, d: AccountDraft): AccountRecord {
  return {
    type: 'account',
    account_id: id,
    created_at: new Date(Math.floor(d.created)).toISOString(),
    email: d.email,
    org_id: d.org_id,
    plan: d.plan,
    country: d.country,
    signup_ip: d.signup_ip,
    payment_fp: d.payment_fp,
    verified: d.verified,
  };
}

/** API key ids: a couple per account, the first used most. */
export function apiKeys(accountId: string, rng: Rng, n: number): string[] {
  return Array.from({ length: n }, () => rng.base36(8, `key_${accountId.slice(5, 9)}`));
}

export function pickKey(keys: readonly string[], rng: Rng): string {
  return keys.length === 1 || rng.chance(0.7) ? keys[0] : keys[rng.int(keys.length)];
}

/** What a population or campaign builder gets: its own random stream, the clock, the id source and the scale. */
export interface BuildContext {
  rng: Rng;
  cal: Calendar;
  ids: AccountIds;
  /** `base` accounts (or groups) at scale 1, scaled linearly, never below `min`. */
  count(base: number, min: number): number;
}

/** A sign-up time between `maxDays` and `minDays` days before the window opens. */
export function signedUpBefore(cal: Calendar, rng: Rng, minDays: number, maxDays: number): number {
  return cal.startMs - rng.range(minDays, maxDays) * DAY;
}

/** A one-off exchange: a fresh conversation that never gets a second turn. */
export function singleTurn(ev: EventRecord, rng: Rng): void {
  ev.conversation_id = rng.hex(16, 'conv_');
  ev.turn = 1;
}
