/**
 * camp_slowlow: slow and low. About five requests per account per day, far
 * under any volume threshold, with diverse cards and addresses so that no
 * single identifier links the accounts. What links them is the schedule (the
 * same minute of the hour, round the clock, load-balanced across accounts)
 * and the one client they all run.
 */
import { Actor, ModelHabit, accountRecord, apiKeys, plan, setTransport, signedUpBefore, singleTurn, type BuildContext, type Day, type World } from '../actor';
import { DAY, HOUR, MINUTE, MODELS, SECOND } from '../calendar';
import { CHEAP_HOSTING, COUNTRY_PICKER, Subnet, cardFingerprint, homeLine, type Address, type Client } from '../infrastructure';
import { person, personalEmail } from '../identities';
import { slowSweep } from '../prompts/extraction';
import { spice } from '../prompts/nasties';
import { renderAsk } from '../perturb';
import { profile, respond } from '../responses';
import { tokensOf, type AccountRecord, type EventRecord } from '../records';
import { Rng } from '../random';

export const SLOWLOW = 'camp_slowlow';

const CLIENT: Client = { ua: 'go-atlas/0.9.1', tls: 't13d0912h1_3fa4b5c9d2e1_0bd7a3e9c144' };

const ANSWERS = profile({
  median: 1300, sigma: 0.5, maxTokens: [4096], lengthShare: 0.1, reasoningShare: 0.8, reasoningFraction: [0.4, 0.8],
});

export class SlowAccount extends Actor {
  private step = 0;

  constructor(
    account: AccountRecord,
    models: ModelHabit,
    /** The UTC hours this account fires in; every account fires at the same minute. */
    readonly hours: readonly number[],
    readonly minute: number,
    readonly egress: Address,
    readonly keys: string[],
  ) {
    super(account, SLOWLOW, SLOWLOW, models);
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    for (const h of this.hours) {
      if (rng.chance(0.97)) plan(out, day.start + h * HOUR + this.minute * MINUTE + rng.int(40 * SECOND));
    }
  }

  fill(ev: EventRecord, ts: number, _tag: number, rng: Rng, world: World): void {
    const { ask } = slowSweep(rng, this.step++);
    renderAsk(ev, ask, world, rng);
    ev.prompt = spice(ev.prompt, rng);
    singleTurn(ev, rng);
    ev.input_tokens = tokensOf(ev.prompt);
    respond(ev, rng, ANSWERS);
    setTransport(ev, this.keys[0], this.egress, CLIENT);
    ev.model = this.models.pick(ts, rng);
  }
}

export function buildSlowLow(ctx: BuildContext): Actor[] {
  const { rng, cal } = ctx;
  const n = ctx.count(52, 8);
  const minute = rng.intIn(3, 56);
  const actors: Actor[] = [];
  for (let i = 0; i < n; i++) {
    // Load-balanced: consecutive accounts take consecutive hour offsets, five slots ~5 h apart.
    const offset = i % 24;
    const hours = [0, 5, 10, 14, 19].map((h) => (h + offset) % 24);
    const country = COUNTRY_PICKER.sample(rng);
    const egress = rng.chance(0.5) ? homeLine(country, rng).current : new Subnet(rng.pick(CHEAP_HOSTING), rng).host(rng);
    const id = ctx.ids.next();
    const created = rng.chance(0.7) ? signedUpBefore(cal, rng, 1, 60) : cal.startMs + rng.range(0, Math.min(10, cal.days - 1)) * DAY;
    const paying = rng.chance(0.7);
    const account = accountRecord(id, {
      created,
      email: personalEmail(person(rng), country, rng),
      plan: paying ? 'payg' : 'free',
      country: country.code,
      signup_ip: egress.ip,
      payment_fp: paying ? cardFingerprint(rng) : undefined,
      verified: false,
    });
    actors.push(new SlowAccount(account, ModelHabit.pinned(MODELS.old), hours, minute, egress, apiKeys(id, rng, 1)));
  }
  return actors;
}
