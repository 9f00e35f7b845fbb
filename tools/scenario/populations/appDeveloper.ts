/**
 * app_developer: products built on the API. One fixed system prompt per app,
 * end users' questions arriving mostly in waking hours, servers in a cloud,
 * and a model pinned in config that never moves to the new release.
 */
import { Actor, Conversation, ModelHabit, accountRecord, apiKeys, pickKey, planSession, setTransport, signedUpBefore, type BuildContext, type Day, type World } from '../actor';
import { DAY, LEISURE, MODELS, SECOND } from '../calendar';
import { CHEAP_HOSTING, COUNTRY_PICKER, MAJOR_CLOUDS, SDKS, Subnet, cardFingerprint, homeLine, type Address, type Client } from '../infrastructure';
import { organisation, person, personalEmail, workEmail } from '../identities';
import { app, type App } from '../prompts/apps';
import { chatFollowUp } from '../prompts/chat';
import { spice } from '../prompts/nasties';
import { profile, respond, type ResponseProfile } from '../responses';
import { tokensOf, type AccountRecord, type EventRecord } from '../records';
import { Rng } from '../random';

export interface AppTraffic {
  /** Requests per day on average. */
  daily: number;
  /** Share of requests that follow the users' waking hours; the rest are spread round the clock. */
  humanShare: number;
  tz: number;
}

export class AppActor extends Actor {
  readonly conv = new Conversation(1.8, 8);
  readonly answers: ResponseProfile;
  private readonly systemTokens: number;

  constructor(
    account: AccountRecord,
    population: string,
    models: ModelHabit,
    readonly app: App,
    readonly traffic: AppTraffic,
    readonly egress: readonly Address[],
    readonly client: Client,
    readonly keys: string[],
    rng: Rng,
  ) {
    super(account, population, null, models);
    this.systemTokens = tokensOf(app.system);
    this.answers = profile({ median: app.kind.output, sigma: 0.5, maxTokens: [rng.pick([512, 1024, 1024, 2048, undefined])] });
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    const sessions = rng.poisson((this.traffic.daily / 1.8) * (day.weekend ? 0.85 : 1));
    for (let i = 0; i < sessions; i++) {
      const start = rng.chance(this.traffic.humanShare)
        ? LEISURE.sample(rng, day.start, this.traffic.tz)
        : day.start + rng.next() * DAY;
      planSession(out, rng, start, rng.geometric(1.8, 8), 50 * SECOND);
    }
  }

  fill(ev: EventRecord, ts: number, _tag: number, rng: Rng, _world: World): void {
    const fresh = this.conv.advance(ts, rng);
    ev.prompt = spice(fresh || rng.chance(0.5) ? this.app.kind.user(rng) : chatFollowUp(rng), rng);
    ev.system_prompt = this.app.system;
    ev.conversation_id = this.conv.id;
    ev.turn = this.conv.turn;
    ev.input_tokens = tokensOf(ev.prompt) + this.systemTokens + (this.conv.turn - 1) * rng.intIn(80, 300);
    respond(ev, rng, this.answers);
    setTransport(ev, pickKey(this.keys, rng), this.egress.length === 1 ? this.egress[0] : rng.pick(this.egress), this.client);
    ev.model = this.models.pick(ts, rng);
  }
}

/** Apps pin the model in configuration: a release changes nothing until someone redeploys. */
export function pinnedModel(rng: Rng): ModelHabit {
  return ModelHabit.pinned(rng.chance(0.6) ? MODELS.old : MODELS.mini);
}

export function buildAppDevelopers(ctx: BuildContext): Actor[] {
  const { rng, cal } = ctx;
  const n = ctx.count(350, 8);
  const actors: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const country = COUNTRY_PICKER.sample(rng);
    const founder = person(rng);
    const org = organisation(rng);
    const hobbyist = rng.chance(0.3);
    const egress = hobbyist
      ? [homeLine(country, rng).current]
      : new Subnet(rng.pick(rng.chance(0.6) ? MAJOR_CLOUDS : CHEAP_HOSTING), rng).hosts(rng, rng.intIn(1, 2));
    const id = ctx.ids.next();
    const account = accountRecord(id, {
      created: signedUpBefore(cal, rng, 20, 600),
      email: hobbyist ? personalEmail(founder, country, rng) : workEmail(founder, org.domain, org.convention),
      org_id: !hobbyist && rng.chance(0.6) ? org.id : undefined,
      plan: rng.chance(0.7) ? 'payg' : 'startup',
      country: country.code,
      signup_ip: hobbyist ? egress[0].ip : homeLine(country, rng).current.ip,
      payment_fp: cardFingerprint(rng),
      verified: rng.chance(0.6),
    });
    const traffic = { daily: Math.min(150, rng.lognormal(2, 1.1)), humanShare: rng.range(0.6, 0.95), tz: country.tz };
    actors.push(new AppActor(account, 'app_developer', pinnedModel(rng), app(rng), traffic, egress, rng.pick(SDKS.slice(0, 7)), apiKeys(id, rng, rng.intIn(1, 3)), rng));
  }
  return actors;
}
