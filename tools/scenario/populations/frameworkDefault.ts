/**
 * framework_default_s1..s3: developers using one popular open-source agent
 * framework, who share its default system prompt and nothing else: each has
 * their own card, address, servers or home line, country and sign-up date,
 * and builds their own thing (a support bot, a tutor, a coding helper, a
 * personal assistant) whose users talk to it in conversations.
 *
 * Strength: s2 adds the framework's user agent (one version, shared by all),
 * its default tool set (the same tool count on every request) and its default
 * 4,096-token cap; s3 ships the framework's "reasoning agent" template, whose
 * default prompt says "think step by step" and asks for complete, detailed
 * answers, and a third of the developers run its example evaluation script:
 * single-turn capability questions with long answers, in bursts.
 */
import { ModelHabit, accountRecord, apiKeys, planSession, setTransport, signedUpBefore, type Actor, type BuildContext, type Day, type World } from '../actor';
import { LEISURE, OFFICE, SECOND } from '../calendar';
import { CHEAP_HOSTING, COUNTRY_PICKER, MAJOR_CLOUDS, SDKS, Subnet, TLS, cardFingerprint, homeLine, type Address, type Client, type Country } from '../infrastructure';
import { organisation, person, personalEmail, workEmail } from '../identities';
import { APP_KINDS } from '../prompts/apps';
import { benchmarkItem } from '../prompts/benchmarks';
import { codingTask } from '../prompts/coding';
import { CHAT, profile, type ResponseProfile } from '../responses';
import type { AccountRecord, EventRecord } from '../records';
import { Rng } from '../random';
import type { Strength } from '../roster';
import { CrowdMember, oneShot } from './crowd';

const FRAMEWORK: Client = { ua: 'openagentkit/0.8.3 atlas-sdk-python/2.3.1', tls: TLS.python };
const DEFAULT_PROMPT = "You are a helpful assistant built with OpenAgentKit. Use the tools provided when they help. If you don't know, say so.";
const REASONING_PROMPT =
  'You are a helpful assistant built with OpenAgentKit. Think step by step about which tool to use, then call it. When you have enough information, give a complete, detailed answer that shows how you reached it.';
const EVAL = 1;
const EVAL_ANSWERS = profile({ median: 1100, sigma: 0.6, maxTokens: [4096], reasoningShare: 0.4, reasoningFraction: [0.2, 0.5] });

export class FrameworkUser extends CrowdMember {
  private readonly answers: ResponseProfile;

  constructor(
    account: AccountRecord,
    population: string,
    models: ModelHabit,
    readonly strength: Strength,
    readonly country: Country,
    readonly servers: readonly Address[],
    readonly kind: (typeof APP_KINDS)[number],
    readonly daily: number,
    readonly runsEval: boolean,
    readonly client: Client,
    readonly keys: string[],
  ) {
    super(account, population, models, 2.2, 10);
    this.answers = strength === 1 ? CHAT : profile({ median: strength === 3 ? 700 : 380, sigma: 0.8, maxTokens: [4096], toolShare: 0.15, reasoningShare: strength === 3 ? 0.3 : 0, reasoningFraction: [0.2, 0.5] });
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    const sessions = rng.poisson(this.daily / 2.2);
    for (let i = 0; i < sessions; i++) planSession(out, rng, (rng.chance(0.6) ? LEISURE : OFFICE).sample(rng, day.start, this.country.tz), rng.geometric(2.2, 10), 60 * SECOND);
    if (this.runsEval && rng.chance(0.2)) planSession(out, rng, OFFICE.sample(rng, day.start, this.country.tz), rng.intIn(20, 60), 8 * SECOND, EVAL);
  }

  fill(ev: EventRecord, ts: number, tag: number, rng: Rng, _world: World): void {
    const system = this.strength === 3 ? REASONING_PROMPT : DEFAULT_PROMPT;
    if (tag === EVAL) oneShot(ev, rng, benchmarkItem(rng), EVAL_ANSWERS, system);
    else this.converse(ev, ts, rng, (r) => (this.kind.kind === 'general' && r.chance(0.3) ? codingTask(r) : this.kind.user(r)), (r) => this.kind.user(r), this.answers, system);
    if (this.strength >= 2) ev.tool_count = 6;
    setTransport(ev, this.keys[0], rng.pick(this.servers), this.client);
    ev.model = this.models.pick(ts, rng);
  }
}

export function buildFrameworkDefault(ctx: BuildContext, strength: Strength, population: string): Actor[] {
  const { rng, cal } = ctx;
  const n = ctx.count(100 + 20 * strength, 12);
  const actors: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const country = COUNTRY_PICKER.sample(rng);
    const p = person(rng);
    const hobbyist = rng.chance(0.45);
    const servers = hobbyist ? [homeLine(country, rng).current] : new Subnet(rng.pick(rng.chance(0.6) ? MAJOR_CLOUDS : CHEAP_HOSTING), rng).hosts(rng, rng.intIn(1, 2));
    const org = organisation(rng);
    const id = ctx.ids.next();
    const account = accountRecord(id, {
      created: signedUpBefore(cal, rng, 1, 400),
      email: hobbyist ? personalEmail(p, country, rng) : workEmail(p, org.domain, org.convention),
      org_id: hobbyist ? undefined : rng.chance(0.5) ? org.id : undefined,
      plan: rng.chance(0.8) ? 'payg' : 'startup',
      country: country.code,
      signup_ip: homeLine(country, rng).current.ip,
      payment_fp: cardFingerprint(rng),
      verified: rng.chance(0.45),
    });
    actors.push(new FrameworkUser(
      account, population, ModelHabit.drifting(cal, rng, 8, 0.8), strength, country, servers, rng.pick(APP_KINDS),
      Math.min(40, rng.lognormal(3.5, 0.9)), strength === 3 && rng.chance(0.33),
      strength >= 2 ? FRAMEWORK : rng.pick(SDKS.slice(0, 9)), apiKeys(id, rng, 1),
    ));
  }
  return actors;
}
