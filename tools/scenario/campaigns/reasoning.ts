/**
 * camp_reasoning: a small reasoning-trace harvest. Full step-by-step
 * reasoning, reasoning replay and translation, <thinking> tags, rubric
 * grading, "safe" rewrites; answers pushed to the cap. A few shared cards,
 * two datacenter /24s, and all accounts firing in the same burst windows.
 */
import { Actor, ModelHabit, accountRecord, apiKeys, planUniform, setTransport, singleTurn, type BuildContext, type Day, type World } from '../actor';
import { DAY, HOUR, MINUTE, MODELS } from '../calendar';
import { HOSTING, SDKS, Subnet, cardFingerprint, type Address, type Client } from '../infrastructure';
import { FIRST_NAMES, LAST_NAMES } from '../identities';
import { reasoningHarvest } from '../prompts/extraction';
import { spice } from '../prompts/nasties';
import { renderAsk } from '../perturb';
import { profile, respond } from '../responses';
import { tokensOf, type AccountRecord, type EventRecord } from '../records';
import { Rng } from '../random';

export const REASONING = 'camp_reasoning';

const ANSWERS = profile({
  median: 5200, sigma: 0.45, maxTokens: [8192, 16384], lengthShare: 0.45, refusalShare: 0.015,
  reasoningShare: 0.95, reasoningFraction: [0.55, 0.9],
});

/** The campaign's shared timetable: the same burst windows for every account, drifting a little each day. */
export class BurstSchedule {
  private readonly cache = new Map<number, [number, number][]>();

  constructor(private readonly rng: Rng, private readonly hours: readonly number[]) {}

  windows(day: Day): [number, number][] {
    let w = this.cache.get(day.index);
    if (!w) {
      const r = this.rng.fork(`day${day.index}`);
      w = this.hours.map((h) => {
        const start = day.start + h * HOUR + r.range(-20, 20) * MINUTE;
        return [start, start + r.range(50, 110) * MINUTE] as [number, number];
      });
      this.cache.set(day.index, w);
    }
    return w;
  }
}

export class HarvestAccount extends Actor {
  constructor(
    account: AccountRecord,
    models: ModelHabit,
    readonly schedule: BurstSchedule,
    readonly perWindow: number,
    readonly egress: readonly Address[],
    readonly client: Client,
    readonly keys: string[],
  ) {
    super(account, REASONING, REASONING, models);
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    for (const [from, to] of this.schedule.windows(day)) {
      if (rng.chance(0.9)) planUniform(out, rng, from, to, (this.perWindow * HOUR) / (to - from));
    }
  }

  fill(ev: EventRecord, ts: number, _tag: number, rng: Rng, world: World): void {
    const { ask, kind } = reasoningHarvest(rng);
    renderAsk(ev, ask, world, rng);
    ev.prompt = spice(ev.prompt, rng);
    singleTurn(ev, rng);
    ev.input_tokens = tokensOf(ev.prompt);
    respond(ev, rng, ANSWERS, kind === 'rubric' ? 2200 : ANSWERS.median);
    setTransport(ev, this.keys[0], rng.pick(this.egress), this.client);
    ev.model = this.models.pick(ts, rng);
  }
}

export function buildReasoning(ctx: BuildContext): Actor[] {
  const { rng, cal } = ctx;
  const n = ctx.count(8, 5);
  const schedule = new BurstSchedule(rng.fork('schedule'), [rng.intIn(1, 4), rng.intIn(12, 15)]);
  const cards = Array.from({ length: rng.intIn(3, 5) }, () => cardFingerprint(rng));
  const subnets = [new Subnet(HOSTING.ovh, rng), new Subnet(HOSTING.hetzner, rng)];
  const domains = ['aurora-research-lab.org', 'synthmind-institute.ai'];
  const batches = [cal.startMs - 35 * DAY, cal.startMs - 9 * DAY, cal.startMs + Math.min(cal.days - 2, 12) * DAY];
  const actors: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const subnet = subnets[i % 2];
    const egress = subnet.hosts(rng, rng.intIn(2, 3));
    const id = ctx.ids.next();
    const created = batches[i % batches.length] + rng.range(0, 30) * HOUR;
    const account = accountRecord(id, {
      created,
      email: `${rng.pick(FIRST_NAMES)}.${rng.pick(LAST_NAMES)}@${rng.pick(domains)}`,
      plan: rng.chance(0.5) ? 'research' : 'payg',
      country: rng.pick(['US', 'SG', 'HK']),
      signup_ip: egress[0].ip,
      payment_fp: rng.pick(cards),
      verified: rng.chance(0.5),
    });
    const actor = new HarvestAccount(account, ModelHabit.pinned(MODELS.old), schedule, rng.lognormal(16, 0.2), egress, rng.pick(SDKS.slice(0, 3)), apiKeys(id, rng, 1));
    actor.activeFrom = created + rng.range(1, 12) * HOUR;
    actors.push(actor);
  }
  return actors;
}
