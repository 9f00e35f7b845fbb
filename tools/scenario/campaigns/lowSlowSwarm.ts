/**
 * camp_low_slow_swarm: ~500 free accounts, a few requests a day each. No
 * card, an ordinary personal address, a popular SDK. They sign up in waves
 * (a few hours each, some before the window, some during it) from the same
 * few datacenter subnets they later send from, and each starts a day or two
 * after signing up. An account shows up on about half the days, for one short
 * sitting of a handful of requests at a random hour of its evening, never at
 * a fixed minute: a month of it is a few per cent of its hours. What they all
 * send is one harvesting skeleton (context, item, "write the model answer",
 * audience), every slot paraphrased and slot-filled, aimed at maths, logic
 * and coding answers; sometimes a follow-up in the same conversation.
 */
import { Actor, Conversation, ModelHabit, accountRecord, apiKeys, planSession, setTransport, type BuildContext, type Day, type World } from '../actor';
import { DAY, HOUR, LEISURE, MINUTE, MODELS } from '../calendar';
import { CHEAP_HOSTING, COUNTRY_PICKER, SDKS, Subnet, type Address, type Client } from '../infrastructure';
import { person, personalEmail } from '../identities';
import { swarmAsk, swarmFollowUp } from '../prompts/harvest';
import { spice } from '../prompts/nasties';
import { renderAsk } from '../perturb';
import { profile, respond } from '../responses';
import { tokensOf, type AccountRecord, type EventRecord } from '../records';
import { Rng } from '../random';

export const LOW_SLOW_SWARM = 'camp_low_slow_swarm';

type Area = 'math' | 'coding' | 'reasoning' | 'science';
const AREAS: readonly Area[] = ['math', 'coding', 'reasoning', 'science'];

const ANSWERS = profile({
  median: 1500, sigma: 0.5, maxTokens: [undefined, 8192, 8192], lengthShare: 0.01,
  reasoningShare: 0.35, reasoningFraction: [0.15, 0.4], refusalShare: 0.004,
});

export class SwarmAccount extends Actor {
  private readonly conv = new Conversation(1.6, 4, 10 * MINUTE);

  constructor(
    account: AccountRecord,
    models: ModelHabit,
    readonly tz: number,
    readonly areas: readonly Area[],
    /** Chance of a sitting on a given day. */
    readonly presence: number,
    readonly egress: Address,
    readonly client: Client,
    readonly keys: string[],
  ) {
    super(account, LOW_SLOW_SWARM, LOW_SLOW_SWARM, models);
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    if (!rng.chance(this.presence)) return;
    planSession(out, rng, LEISURE.sample(rng, day.start, this.tz), rng.intIn(2, 8), 100_000, 0, 0.8);
  }

  fill(ev: EventRecord, ts: number, _tag: number, rng: Rng, world: World): void {
    if (this.conv.advance(ts, rng)) renderAsk(ev, swarmAsk(rng, rng.pick(this.areas)), world, rng);
    else {
      ev.prompt = swarmFollowUp(rng);
      ev.system_prompt = undefined;
    }
    ev.prompt = spice(ev.prompt, rng);
    ev.conversation_id = this.conv.id;
    ev.turn = this.conv.turn;
    ev.input_tokens = tokensOf(ev.prompt) + tokensOf(ev.system_prompt ?? '') + (this.conv.turn - 1) * rng.intIn(800, 2000);
    respond(ev, rng, ANSWERS);
    this.relayTransport(ev, ts, rng, world);
  }

  relayTransport(ev: EventRecord, ts: number, rng: Rng, _world: World): void {
    setTransport(ev, this.keys[0], this.egress, this.client);
    ev.model = this.models.pick(ts, rng);
  }
}

export function buildLowSlowSwarm(ctx: BuildContext): Actor[] {
  const { rng, cal } = ctx;
  const n = ctx.count(500, 40);
  const waves = [-20, -9, 3, 10, 17].filter((d) => d < cal.days - 3).map((d) => cal.startMs + d * DAY + rng.range(0, 18) * HOUR);
  const subnets = Array.from({ length: 6 }, () => new Subnet(rng.pick(CHEAP_HOSTING), rng));
  const actors: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const country = COUNTRY_PICKER.sample(rng);
    const egress = rng.pick(subnets).host(rng);
    const created = rng.pick(waves) + rng.range(0, 5) * HOUR;
    const id = ctx.ids.next();
    const account = accountRecord(id, {
      created,
      email: personalEmail(person(rng), country, rng),
      plan: 'free',
      country: country.code,
      signup_ip: egress.ip,
      verified: false,
    });
    const first = rng.pick(AREAS);
    const areas = rng.chance(0.5) ? [first] : [first, rng.pick(AREAS)];
    const actor = new SwarmAccount(
      account, ModelHabit.pinned(MODELS.old), country.tz, areas, rng.range(0.35, 0.6), egress, rng.pick(SDKS.slice(0, 7)), apiKeys(id, rng, 1),
    );
    actor.activeFrom = created + rng.range(0.5, 2.5) * DAY;
    actors.push(actor);
  }
  return actors;
}
