/**
 * coding_agent: developers driving coding agents, and CI jobs running them.
 * Hundreds of long, tool-heavy requests a day on workdays, deep
 * conversations, big contexts. Heavy and agentic, yet plainly human-paced:
 * office hours, quiet weekends, a late session now and then.
 */
import { Actor, Conversation, ModelHabit, accountRecord, apiKeys, pickKey, planSession, setTransport, signedUpBefore, type BuildContext, type Day, type World } from '../actor';
import { LEISURE, OFFICE, SECOND } from '../calendar';
import { BUSINESS, CODING_AGENTS, COUNTRY_PICKER, HOSTING, TLS, address, cardFingerprint, homeLine, type Address, type Client, type Country, type HomeLine } from '../infrastructure';
import { organisation, person, personalEmail, workEmail } from '../identities';
import { codingFollowUp, codingTask } from '../prompts/coding';
import { spice } from '../prompts/nasties';
import { profile, respond, type ResponseProfile } from '../responses';
import { tokensOf, type AccountRecord, type EventRecord } from '../records';
import { Rng } from '../random';

const CI_CLIENTS: readonly Client[] = [
  { ua: 'claude-code/1.0.24 (ci; github-actions)', tls: TLS.node },
  { ua: 'aider/0.65.0 (ci)', tls: TLS.python },
];

export class CodingAgentUser extends Actor {
  readonly conv: Conversation;
  readonly answers: ResponseProfile;
  private runAddress: Address | null = null;

  constructor(
    account: AccountRecord,
    models: ModelHabit,
    readonly country: Country,
    /** CI agents run on hosted runners: a fresh address for every run. */
    readonly ci: boolean,
    /** Multiplier on a typical developer's volume. */
    readonly intensity: number,
    readonly office: Address,
    readonly home: HomeLine,
    readonly client: Client,
    readonly keys: string[],
    readonly tools: number,
    rng: Rng,
  ) {
    super(account, 'coding_agent', null, models);
    this.conv = new Conversation(ci ? 12 : 28, 90, 20 * 60 * SECOND);
    this.answers = profile({
      median: 380, sigma: 0.9, maxTokens: [rng.pick([8192, 16000, 32000])],
      toolShare: 0.58, lengthShare: 0.02, refusalShare: 0.002, reasoningShare: 0.15,
    });
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    const tz = this.country.tz;
    if (this.ci) {
      // Runs triggered by pushes during the working day, plus a nightly job.
      if (day.weekend && !rng.chance(0.2)) return;
      const runs = rng.poisson(5 * this.intensity);
      for (let i = 0; i < runs; i++) planSession(out, rng, OFFICE.sample(rng, day.start, tz), rng.geometric(12, 40), 12 * SECOND);
      planSession(out, rng, day.start + ((((2 - tz) % 24) + 24) % 24) * 3_600_000 + rng.int(600_000), rng.geometric(15, 40), 10 * SECOND);
      return;
    }
    if (day.weekend ? !rng.chance(0.12) : !rng.chance(0.9)) return;
    const sessions = day.weekend ? 1 : 1 + rng.poisson(2.2 * this.intensity);
    for (let i = 0; i < sessions; i++) planSession(out, rng, OFFICE.sample(rng, day.start, tz), rng.geometric(26, 90), 22 * SECOND);
    // Now and then a long evening session.
    if (rng.chance(0.12)) planSession(out, rng, LEISURE.sample(rng, day.start, tz), rng.geometric(45, 120), 30 * SECOND, 1);
  }

  fill(ev: EventRecord, ts: number, tag: number, rng: Rng, world: World): void {
    const fresh = this.conv.advance(ts, rng);
    let prompt = fresh ? codingTask(rng) : codingFollowUp(rng);
    if (rng.next() < 0.00005) prompt = rng.pick(world.hugePastes);
    ev.prompt = spice(prompt, rng);
    ev.conversation_id = this.conv.id;
    ev.turn = this.conv.turn;
    ev.tool_count = this.tools;
    ev.input_tokens = Math.min(190_000, 2500 + tokensOf(ev.prompt) + this.tools * 160 + (this.conv.turn - 1) * rng.intIn(1200, 4200));
    respond(ev, rng, this.answers);
    if (this.ci) {
      if (fresh || this.runAddress === null) this.runAddress = address(HOSTING.azure, rng);
      setTransport(ev, this.keys[0], this.runAddress, this.client);
    } else {
      const atOffice = tag === 0 && rng.chance(0.7);
      setTransport(ev, pickKey(this.keys, rng), atOffice ? this.office : this.home.at(ts, rng), this.client);
    }
    ev.model = this.models.pick(ts, rng);
  }
}

export function buildCodingAgents(ctx: BuildContext): Actor[] {
  const { rng, cal } = ctx;
  const n = ctx.count(25, 4);
  const actors: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const country = COUNTRY_PICKER.sample(rng);
    const p = person(rng);
    const org = organisation(rng);
    const enterprise = rng.chance(0.5);
    const ci = i % 5 === 4;
    const home = homeLine(country, rng);
    const id = ctx.ids.next();
    const account = accountRecord(id, {
      created: signedUpBefore(cal, rng, 30, 700),
      email: enterprise || rng.chance(0.5) ? workEmail(p, org.domain, org.convention) : personalEmail(p, country, rng),
      org_id: enterprise ? org.id : undefined,
      plan: enterprise ? 'enterprise' : 'payg',
      country: country.code,
      signup_ip: home.current.ip,
      payment_fp: cardFingerprint(rng),
      verified: rng.chance(0.85),
    });
    // Developers try the new model within days; still a drift, not a switch.
    const models = ModelHabit.drifting(cal, rng, 6, 0.9, 0);
    actors.push(new CodingAgentUser(
      account, models, country, ci, rng.range(0.5, 2.2), address(rng.pick(BUSINESS), rng), home,
      ci ? rng.pick(CI_CLIENTS) : rng.pick(CODING_AGENTS), apiKeys(id, rng, ci ? 1 : rng.intIn(1, 3)), rng.intIn(5, 40), rng,
    ));
  }
  return actors;
}
