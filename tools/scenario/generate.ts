/**
 * Synthetic scenario generator: one month of API usage logs (the NDJSON account and event records lib/ingest/records.ts reads)
 * with legitimate populations and extraction campaigns, plus ground-truth
 * labels (`account_id,label,campaign_id,population`, the file `eval --labels` reads).
 *
 * Streaming: each simulated day every account plans its requests (bare
 * timestamps, sorted across accounts); then the requests are filled in and
 * written one by one, in time order, with backpressure. No event is held
 * in memory once written.
 * Deterministic: all randomness comes from streams forked off the seed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TAG_SPACE, type Actor, type Day, type World } from './actor';
import { Calendar, DAY, HOUR, MODELS, iso } from './calendar';
import { cardFingerprint } from './infrastructure';
import { hugePaste } from './prompts/nasties';
import { Rng, seedTag } from './random';
import { blankEvent, type AccountRecord } from './records';
import { NO_PERTURB, RESOLD_TAG, fillResold, perturbOf, planResold, type Perturbation } from './perturb';
import { fillChatTurn } from './populations/casual';
import { buildRoster, familyOf } from './roster';
import { LineWriter } from './writer';

export interface GenerateOptions {
  out: string;
  /** 1 ≈ one million events; linear. */
  scale?: number;
  seed?: number | string;
  /** ISO date of day 1. */
  start?: string;
  days?: number;
  /**
   * Which legitimate populations and extraction campaigns to include (ids or
   * family names, see roster.ts); undefined: the default scenario's.
   */
  populations?: readonly string[] | 'all';
  campaigns?: readonly string[] | 'all';
  /** Perturbations applied to every extraction account (perturb.ts). */
  perturb?: readonly Perturbation[];
  onProgress?: (eventsWritten: number, totalEstimate: number) => void;
}

export interface GroupCount {
  id: string;
  accounts: number;
  events: number;
}

export interface GenerateResult {
  out: string;
  labelsFile: string;
  accounts: number;
  events: number;
  campaigns: GroupCount[];
  populations: GroupCount[];
  newModel: string;
  newModelReleasedAt: string;
}

/** Events per unit of scale over 30 days, for progress estimates. */
const EVENTS_PER_SCALE = 1_000_000;
const PROGRESS_EVERY = 50_000;

export async function generateScenario(opts: GenerateOptions): Promise<GenerateResult> {
  const scale = opts.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`scale must be a positive number: ${opts.scale}`);
  const seed = String(opts.seed ?? 1);
  const cal = new Calendar(opts.start ?? '2026-10-01', opts.days ?? 30);
  const root = new Rng(`distillwatch/${seed}`);
  const perturb = opts.perturb && opts.perturb.length > 0 ? perturbOf(opts.perturb) : NO_PERTURB;
  const roster = buildRoster(root, cal, scale, { populations: opts.populations, campaigns: opts.campaigns, split: perturb.split, resold: perturb.resold });
  const actors = roster.actors;
  const world: World = { cal, hugePastes: [0, 1, 2].map((i) => hugePaste(root.fork(`huge${i}`))), perturb };
  // The default scenario keeps its four-column labels byte for byte; any choice adds the family column.
  const withFamily = opts.populations !== undefined || opts.campaigns !== undefined || (opts.perturb?.length ?? 0) > 0;
  const lateLines = new LateAccountLines(actors, root.fork('late-lines'), cal);

  await mkdir(dirname(opts.out), { recursive: true });
  const labelsFile = `${opts.out}.labels.csv`;
  await writeFile(labelsFile, labels(actors, withFamily));
  const writer = new LineWriter(opts.out);
  for (const a of accountsByCreation(actors)) {
    if (!lateLines.isLate(a) && writer.push(a.accountLine!)) await writer.flush();
    a.accountLine = null;
  }

  const totalEstimate = Math.round((EVENTS_PER_SCALE * scale * cal.days) / 30);
  const emitter = new EventEmitter(world, root.fork('events'), seedTag(seed));
  const planRng = root.fork('plans');
  const schedule = new Schedule(cal.startMs * TAG_SPACE, cal.endMs - cal.startMs, actors.length);
  let nextProgress = PROGRESS_EVERY;

  for (let d = 0; d < cal.days; d++) {
    const day: Day = { index: d, start: cal.dayStart(d), weekend: cal.isWeekend(d), cal };
    planAll(actors, day, planRng, schedule);
    for (let h = 0; h < 24; h++) {
      const hourIndex = d * 24 + h;
      const limit = (day.start + (h + 1) * HOUR) * TAG_SPACE;
      for (; schedule.nextBefore(limit); schedule.advance()) {
        if (writer.push(emitter.emit(actors[schedule.seq], schedule.planned, lateLines, hourIndex))) await writer.flush();
      }
      for (const line of lateLines.due(hourIndex)) writer.push(line);
      if (emitter.count >= nextProgress) {
        opts.onProgress?.(emitter.count, Math.max(totalEstimate, emitter.count));
        nextProgress = emitter.count + PROGRESS_EVERY;
      }
    }
  }
  for (const line of lateLines.rest()) writer.push(line);
  await writer.close();
  opts.onProgress?.(emitter.count, emitter.count);

  return {
    out: opts.out,
    labelsFile,
    accounts: actors.length,
    events: emitter.count,
    campaigns: tally(actors, roster.campaigns),
    populations: tally(actors, roster.populations),
    newModel: MODELS.next,
    newModelReleasedAt: iso(cal.releaseMs),
  };
}

/** Account lines go first, in sign-up order, as a provider's export would list them. */
function accountsByCreation(actors: Actor[]): Actor[] {
  return actors.slice().sort((x, y) => x.createdAt - y.createdAt || (x.id < y.id ? -1 : 1));
}

/** Scratch arrays for one account's plan of the day, reused for every account. */
const fresh: number[] = [];
const relayed: number[] = [];

/**
 * Ask every account for the day's plan and add it to the schedule. Requests
 * outside the account's active span or the window are dropped here, once.
 */
function planAll(actors: Actor[], day: Day, rng: Rng, schedule: Schedule): void {
  const dayEnd = day.start + DAY;
  for (const a of actors) {
    if (a.activeFrom >= dayEnd || a.activeUntil <= day.start) continue;
    fresh.length = 0;
    a.planDay(day, rng, fresh);
    const lo = Math.max(day.start, a.activeFrom) * TAG_SPACE;
    const hi = Math.min(a.activeUntil, day.cal.endMs) * TAG_SPACE;
    if (a.volume === 1 && !a.resold) {
      for (const v of fresh) if (v >= lo && v < hi) schedule.add(v, a.seq);
      continue;
    }
    // Perturbed extraction accounts: thinned (split), then topped up with relayed chat.
    let own = 0;
    for (const v of fresh) {
      if (v < lo || v >= hi || (a.volume < 1 && !rng.chance(a.volume))) continue;
      schedule.add(v, a.seq);
      own++;
    }
    if (a.resold && own > 0) {
      relayed.length = 0;
      planResold(relayed, rng, day.start, own);
      for (const v of relayed) if (v >= lo && v < hi) schedule.add(v, a.seq);
    }
  }
  schedule.seal();
}

const SEQ_BITS = 28n;
const SEQ_MASK = (1n << SEQ_BITS) - 1n;

/**
 * Every planned request not yet emitted, across all accounts, in time order.
 * Each is one 64-bit key, (planned - window start) << 28 | account seq, in a
 * typed array that is reused day after day: sorting it is a native numeric
 * sort, ties fall to the roster order, and nothing per request outlives the
 * moment it is written. (Per-account arrays or per-request records live for
 * hours, get promoted, and at scale 23 let V8 grow the heap to several times
 * the live data before it collects them.)
 */
class Schedule {
  private keys = new BigInt64Array(1 << 16);
  private size = 0;
  private pos = 0;
  /** The entry at the cursor, decoded by nextBefore(). */
  planned = 0;
  seq = 0;

  constructor(private readonly origin: number, windowMs: number, accounts: number) {
    if (accounts > Number(SEQ_MASK)) throw new Error(`too many accounts for one scenario: ${accounts}`);
    if (windowMs * TAG_SPACE >= 2 ** (63 - Number(SEQ_BITS))) throw new Error('scenario window too long');
  }

  add(planned: number, seq: number): void {
    if (this.size === this.keys.length) {
      const grown = new BigInt64Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.keys[this.size++] = (BigInt(planned - this.origin) << SEQ_BITS) | BigInt(seq);
  }

  /** After planning a day: drop what was emitted, keep what spilled over, sort. */
  seal(): void {
    this.keys.copyWithin(0, this.pos, this.size);
    this.size -= this.pos;
    this.pos = 0;
    this.keys.subarray(0, this.size).sort();
  }

  /** Whether the next request is planned before `limit`; if so, decodes it into planned/seq. */
  nextBefore(limit: number): boolean {
    if (this.pos >= this.size) return false;
    const key = this.keys[this.pos];
    const planned = Number(key >> SEQ_BITS) + this.origin;
    if (planned >= limit) return false;
    this.planned = planned;
    this.seq = Number(key & SEQ_MASK);
    return true;
  }

  advance(): void {
    this.pos++;
  }
}

/** Fills in planned requests and serialises them as JSON lines. */
class EventEmitter {
  count = 0;
  private serial = 0;

  constructor(private readonly world: World, private readonly rng: Rng, private readonly tag: string) {}

  emit(actor: Actor, planned: number, late: LateAccountLines, hourIndex: number): string {
    const ts = Math.floor(planned / TAG_SPACE);
    const ev = blankEvent(`req_${this.tag}_${(this.serial++).toString(36)}`, iso(ts), actor.id);
    const tag = planned - ts * TAG_SPACE;
    if (tag === RESOLD_TAG && actor.resold) fillResold(actor, ev, ts, this.rng, this.world, fillChatTurn);
    else actor.fill(ev, ts, tag, this.rng, this.world);
    if (actor.emitted++ === 0) late.firstEvent(actor, hourIndex);
    this.count++;
    return JSON.stringify(ev);
  }
}

/**
 * The contract says an event may arrive before its account and that a later
 * account line updates an earlier one; real exports do both. About 1% of
 * accounts get their line only some hours after their first event, and about
 * 0.5% get a second, updated line mid-window.
 */
class LateAccountLines {
  /** Accounts whose line waits for their first event, with the line ready to go. */
  private readonly late = new Map<Actor, string>();
  private readonly pending = new Map<number, string[]>();
  private readonly rng: Rng;

  constructor(actors: Actor[], rng: Rng, cal: Calendar) {
    this.rng = rng;
    const hours = cal.days * 24;
    for (const a of actors) {
      const x = rng.next();
      if (x < 0.01) this.late.set(a, a.accountLine!);
      else if (x < 0.015) {
        const created = Math.max(0, Math.ceil((a.createdAt - cal.startMs) / HOUR));
        if (created < hours - 1) this.push(rng.intIn(created, hours - 1), JSON.stringify(updated(JSON.parse(a.accountLine!), rng)));
      }
    }
  }

  isLate(a: Actor): boolean {
    return this.late.has(a);
  }

  firstEvent(a: Actor, hourIndex: number): void {
    const line = this.late.get(a);
    if (line === undefined) return;
    this.late.delete(a);
    this.push(hourIndex + this.rng.intIn(0, 24), line);
  }

  /** Lines due after the events of `hourIndex`. */
  due(hourIndex: number): string[] {
    const lines = this.pending.get(hourIndex);
    if (!lines) return [];
    this.pending.delete(hourIndex);
    return lines;
  }

  /** Whatever is still owed at the end: accounts that never sent anything, or were due after the window. */
  rest(): string[] {
    const lines: string[] = [];
    for (const h of [...this.pending.keys()].sort((x, y) => x - y)) lines.push(...this.pending.get(h)!);
    for (const line of this.late.values()) lines.push(line);
    this.pending.clear();
    this.late.clear();
    return lines;
  }

  private push(hour: number, line: string): void {
    const list = this.pending.get(hour);
    if (list) list.push(line);
    else this.pending.set(hour, [line]);
  }
}

/** A second account line: verification flips, and some free accounts start paying. */
function updated(account: AccountRecord, rng: Rng): AccountRecord {
  const next: AccountRecord = { ...account, verified: !account.verified };
  if (account.plan === 'free' && rng.chance(0.5)) {
    next.plan = 'payg';
    next.payment_fp = cardFingerprint(rng);
  }
  return next;
}

function labels(actors: Actor[], withFamily: boolean): string {
  const rows = [withFamily ? 'account_id,label,campaign_id,population,family' : 'account_id,label,campaign_id,population'];
  for (const a of actors) {
    const row = `${a.id},${a.campaign ? 'extraction' : 'legitimate'},${a.campaign ?? ''},${a.population}`;
    rows.push(withFamily ? `${row},${familyOf(a.population)}` : row);
  }
  return rows.join('\n') + '\n';
}

function tally(actors: Actor[], ids: string[]): GroupCount[] {
  return ids.map((id) => {
    const members = actors.filter((a) => a.population === id);
    return { id, accounts: members.length, events: members.reduce((n, a) => n + a.emitted, 0) };
  });
}
