/**
 * camp_hydra_proxy: a "hydra" proxy network built so that no single account
 * looks like much. ~168 accounts at scale 1, bought aged or signed up in a
 * few waves, paying with a small pool of cards (k accounts on m ≪ k cards) and
 * leaving through a few hosting subnets. Each account is a reseller front:
 * 30–80% of its traffic is real end users' chat, relayed in their evenings;
 * the rest is long coding and agent tasks asking for "the complete solution,
 * then a detailed explanation" in ever-changing words, never step by step,
 * sent in human-paced sittings in the same market's waking hours, some with a
 * follow-up turn. Answers are long but finish on their own (high max_tokens),
 * visible reasoning is a small share, the new model is adopted over days.
 */
import { Actor, Conversation, ModelHabit, accountRecord, apiKeys, pickKey, planSession, setTransport, type BuildContext, type Day, type World } from '../actor';
import { DAY, HOUR, LEISURE, MINUTE, OFFICE, SECOND } from '../calendar';
import { COUNTRY_PICKER, MAJOR_CLOUDS, PROXY_HOSTING, SDKS, Subnet, cardFingerprint, homeLine, type Address, type Client } from '../infrastructure';
import { person, personalEmail } from '../identities';
import { hydraAsk, hydraFollowUp } from '../prompts/harvest';
import { spice } from '../prompts/nasties';
import { renderAsk } from '../perturb';
import { fillChatTurn } from '../populations/casual';
import { profile, respond } from '../responses';
import { tokensOf, type AccountRecord, type EventRecord } from '../records';
import { Rng } from '../random';

export const HYDRA_PROXY = 'camp_hydra_proxy';
const CHAT_TAG = 1;
const MARKETS = [8, 8, 9, -5, -8, 1, 5.5, 7, -3];

const ANSWERS = profile({
  median: 2100, sigma: 0.5, maxTokens: [undefined, 16384, 16384, 32000], lengthShare: 0.01, toolShare: 0.05,
  reasoningShare: 0.25, reasoningFraction: [0.08, 0.3], refusalShare: 0.006,
});

export class HydraAccount extends Actor {
  private readonly chat = new Conversation(3, 14);
  private readonly work = new Conversation(1.5, 4, 30 * MINUTE);
  private agentTools = 0;
  /** When the front started sending (before the window for aged accounts): it ramps up over a week from here. */
  rampFrom = 0;

  constructor(
    account: AccountRecord,
    models: ModelHabit,
    readonly daily: number,
    readonly chatShare: number,
    /** Local timezone of the market whose users it relays, and of its operator's shifts. */
    readonly tz: number,
    readonly egress: readonly Address[],
    readonly client: Client,
    readonly keys: string[],
  ) {
    super(account, HYDRA_PROXY, HYDRA_PROXY, models);
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    if (rng.chance(0.08)) return;
    // New fronts warm up over their first week instead of starting at full rate.
    const age = (day.start - this.rampFrom) / DAY;
    const ramp = Math.min(1, Math.max(0.15, (age + 1) / 7));
    const daily = this.daily * ramp * (day.weekend ? 0.8 : 1);
    const chatSittings = rng.poisson((daily * this.chatShare) / 3);
    for (let i = 0; i < chatSittings; i++) planSession(out, rng, LEISURE.sample(rng, day.start, this.tz), rng.geometric(3, 14), 70 * SECOND, CHAT_TAG);
    let work = rng.poisson(daily * (1 - this.chatShare));
    while (work > 0) {
      const n = Math.min(work, rng.geometric(3, 8));
      const start = (rng.chance(0.6) ? OFFICE : LEISURE).sample(rng, day.start, this.tz);
      planSession(out, rng, start, n, 4 * MINUTE, 0, 0.9);
      work -= n;
    }
  }

  fill(ev: EventRecord, ts: number, tag: number, rng: Rng, world: World): void {
    if (tag === CHAT_TAG) {
      fillChatTurn(ev, ts, rng, world, this.chat);
      this.relayTransport(ev, ts, rng, world);
      return;
    }
    const fresh = this.work.advance(ts, rng);
    if (fresh) {
      const agent = rng.chance(0.4);
      this.agentTools = agent ? rng.intIn(5, 14) : 0;
      renderAsk(ev, hydraAsk(rng, agent), world, rng);
    } else {
      ev.prompt = hydraFollowUp(rng);
      ev.system_prompt = undefined;
    }
    ev.prompt = spice(ev.prompt, rng);
    ev.conversation_id = this.work.id;
    ev.turn = this.work.turn;
    ev.tool_count = this.agentTools > 0 ? this.agentTools : undefined;
    ev.input_tokens = tokensOf(ev.prompt) + tokensOf(ev.system_prompt ?? '') + this.agentTools * 160 + (this.work.turn - 1) * rng.intIn(1500, 3500);
    respond(ev, rng, ANSWERS);
    this.relayTransport(ev, ts, rng, world);
  }

  relayTransport(ev: EventRecord, ts: number, rng: Rng, _world: World): void {
    setTransport(ev, pickKey(this.keys, rng), rng.pick(this.egress), this.client);
    ev.model = this.models.pick(ts, rng);
  }
}

export function buildHydraProxy(ctx: BuildContext): Actor[] {
  const { rng, cal } = ctx;
  const n = ctx.count(168, 24);
  const cards = Array.from({ length: Math.max(2, Math.ceil(n / 28)) }, () => cardFingerprint(rng));
  const subnets = Array.from({ length: Math.max(2, Math.ceil(n / 40)) }, (_, i) => new Subnet(i === 0 ? rng.pick(MAJOR_CLOUDS) : rng.pick(PROXY_HOSTING), rng));
  const pools = subnets.map((s) => s.hosts(rng, rng.intIn(10, 18)));
  const waves = [3, 9, 16].filter((d) => d < cal.days - 2).map((d) => cal.startMs + d * DAY + rng.range(0, 16) * HOUR);
  const actors: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const country = COUNTRY_PICKER.sample(rng);
    // Most fronts are aged accounts bought on the market; the rest sign up in waves.
    const aged = waves.length === 0 || rng.chance(0.6);
    const created = aged ? cal.startMs - rng.range(30, 420) * DAY : rng.pick(waves) + rng.range(0, 8) * HOUR;
    const pool = pools[i % pools.length];
    const egress = rng.shuffle(pool.slice()).slice(0, rng.intIn(2, 3));
    const id = ctx.ids.next();
    const account = accountRecord(id, {
      created,
      email: personalEmail(person(rng), country, rng),
      plan: 'payg',
      country: country.code,
      signup_ip: homeLine(country, rng).current.ip,
      payment_fp: cards[Math.floor(cards.length * rng.next() ** 1.3)],
      verified: rng.chance(0.35),
    });
    const models = ModelHabit.drifting(cal, rng, 4, 0.6, 0.05);
    const actor = new HydraAccount(
      account, models, rng.lognormal(20, 0.45), rng.range(0.3, 0.8), rng.pick(MARKETS), egress,
      rng.pick(SDKS.slice(0, 5)), apiKeys(id, rng, rng.intIn(1, 2)),
    );
    actor.activeFrom = aged ? cal.startMs + rng.range(0, 3) * DAY : created + rng.range(2, 30) * HOUR;
    actor.rampFrom = aged ? cal.startMs - rng.range(0, 25) * DAY : actor.activeFrom;
    actors.push(actor);
  }
  return actors;
}
