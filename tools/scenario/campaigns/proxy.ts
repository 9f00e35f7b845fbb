/**
 * camp_proxy: the bulk. A proxy/reseller network running thousands of
 * accounts created in waves, paying with a pool of cards (one per ~40
 * accounts), leaving through a pool of hosting addresses, and blending
 * agentic-coding / tool-orchestration / chain-of-thought extraction with
 * resold ordinary chat. It moves about half its traffic to the new model
 * within a day of release.
 */
import { Actor, Conversation, ModelHabit, accountRecord, apiKeys, pickKey, plan, planSession, setTransport, singleTurn, type BuildContext, type Day, type World } from '../actor';
import { DAY, HOUR, LEISURE, MODELS, SECOND } from '../calendar';
import { COUNTRY_PICKER, PROXY_HOSTING, SDKS, Subnet, cardFingerprint, residentialAnywhere, type Address, type Client } from '../infrastructure';
import { person, personalEmail } from '../identities';
import { proxyExtraction } from '../prompts/extraction';
import { spice } from '../prompts/nasties';
import { renderAsk } from '../perturb';
import { usesTools } from '../prompts/problems';
import { profile, respond } from '../responses';
import { tokensOf, type AccountRecord, type EventRecord } from '../records';
import { Rng } from '../random';
import { fillChatTurn } from '../populations/casual';

export const PROXY = 'camp_proxy';
const CHAT_TAG = 1;
const RELAYED_TIMEZONES = [8, 8, 9, -5, -8, 1, 5.5];

const EXTRACTION = profile({
  median: 1500, sigma: 0.6, maxTokens: [4096, 8192, 8192], lengthShare: 0.22, toolShare: 0.14,
  reasoningShare: 0.5, reasoningFraction: [0.4, 0.8], refusalShare: 0.01,
});

export class ProxyAccount extends Actor {
  readonly conv = new Conversation(3, 14);

  constructor(
    account: AccountRecord,
    models: ModelHabit,
    /** Requests per day at full throttle. */
    readonly daily: number,
    /** Share of traffic that is resold ordinary chat. */
    readonly chatShare: number,
    readonly egress: readonly Address[],
    readonly client: Client,
    readonly keys: string[],
  ) {
    super(account, PROXY, PROXY, models);
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    // Extraction runs flat out round the clock; relayed chat follows its users' evenings.
    const extraction = rng.poisson(this.daily * (1 - this.chatShare));
    for (let i = 0; i < extraction; i++) plan(out, day.start + rng.next() * DAY);
    const sittings = rng.poisson((this.daily * this.chatShare) / 3);
    for (let i = 0; i < sittings; i++) {
      planSession(out, rng, LEISURE.sample(rng, day.start, rng.pick(RELAYED_TIMEZONES)), rng.geometric(3, 14), 70 * SECOND, CHAT_TAG);
    }
  }

  fill(ev: EventRecord, ts: number, tag: number, rng: Rng, world: World): void {
    if (tag === CHAT_TAG) {
      fillChatTurn(ev, ts, rng, world, this.conv);
    } else {
      const { ask, area } = proxyExtraction(rng);
      renderAsk(ev, ask, world, rng);
      ev.prompt = spice(ev.prompt, rng);
      singleTurn(ev, rng);
      if (usesTools(area) || (area === 'coding' && rng.chance(0.5))) ev.tool_count = rng.intIn(8, 30);
      ev.input_tokens = tokensOf(ev.prompt) + (ev.tool_count ?? 0) * 170;
      respond(ev, rng, EXTRACTION);
    }
    setTransport(ev, pickKey(this.keys, rng), rng.pick(this.egress), this.client);
    ev.model = this.models.pick(ts, rng);
  }
}

/** Sign-up waves: some before the window, the rest in bursts during it. */
function waveStarts(cal: { startMs: number; days: number }, rng: Rng): number[] {
  const before = [-40, -26, -12].map((d) => cal.startMs + d * DAY + rng.range(0, 12) * HOUR);
  const during = [2, 6, 11, 16, 20, 24].filter((d) => d < cal.days - 1).map((d) => cal.startMs + d * DAY + rng.range(0, 12) * HOUR);
  return [...before, ...during];
}

export function buildProxy(ctx: BuildContext): Actor[] {
  const { rng, cal } = ctx;
  const n = ctx.count(950, 40);
  const waves = waveStarts(cal, rng);
  const cards = Array.from({ length: Math.max(2, Math.ceil(n / 40)) }, () => cardFingerprint(rng));
  const subnets = Array.from({ length: Math.max(3, Math.ceil(n / 60)) }, () => new Subnet(rng.pick(PROXY_HOSTING), rng));
  const pools = subnets.map((s) => s.hosts(rng, rng.intIn(8, 20)));
  const clients = SDKS.slice(0, 8);
  const actors: Actor[] = [];
  for (let i = 0; i < n; i++) {
    // Over a third of the network predates the window; the rest joins in waves of a few hours.
    const wave = rng.chance(0.38) ? waves[rng.int(3)] : rng.pick(waves);
    const created = wave + rng.range(0, 6) * HOUR;
    const pool = pools[rng.int(pools.length)];
    const egress = rng.shuffle(pool.slice()).slice(0, rng.intIn(1, 4));
    const country = COUNTRY_PICKER.sample(rng);
    const id = ctx.ids.next();
    const account = accountRecord(id, {
      created,
      email: personalEmail(person(rng), country, rng),
      plan: rng.chance(0.85) ? 'payg' : 'startup',
      country: country.code,
      signup_ip: rng.chance(0.5) ? residentialAnywhere(rng).ip : egress[0].ip,
      // Cards are shared unevenly: a few carry many accounts.
      payment_fp: cards[Math.floor(cards.length * rng.next() ** 1.6)],
      verified: rng.chance(0.2),
    });
    // Half the traffic to the new model within a day of its release.
    const models = new ModelHabit(MODELS.old, 0.05, cal.releaseMs + rng.range(1, 18) * HOUR, rng.range(0.45, 0.65));
    // Heavy-tailed throughput: some accounts run at enterprise scale on a pay-as-you-go plan.
    const daily = rng.lognormal(17, 0.7) * (rng.chance(0.06) ? 8 : 1);
    const actor = new ProxyAccount(account, models, daily, rng.range(0.3, 0.5), egress, rng.pick(clients), apiKeys(id, rng, rng.intIn(1, 3)));
    actor.activeFrom = created + rng.range(0.1, 2) * HOUR;
    // Some accounts get burned or rotated out before the window ends.
    if (rng.chance(0.25)) actor.activeUntil = created + rng.range(5, 15) * DAY;
    actors.push(actor);
  }
  return actors;
}
