/**
 * camp_persona_tutor: multi-turn "persona" conversations that still aim at
 * long reasoning output. ~40 accounts at scale 1 presenting as small tutoring
 * apps: a domain and org id each, pay-as-you-go or startup, a few shared
 * cards, servers in a few cloud subnets shared between apps. The system
 * prompt is a tutor persona (name, subject and rules reworded per account)
 * that demands exhaustive worked answers; the user turns are a problem, then
 * short student nudges ("why?", "and part (b)?", "go on"), each drawing
 * another long answer. Conversations of several turns in students' evening
 * hours: every mitigating sign of a real app, and a harvest of long answers.
 */
import { Actor, Conversation, ModelHabit, accountRecord, apiKeys, pickKey, planSession, setTransport, type BuildContext, type Day, type World } from '../actor';
import { DAY, SECOND, STUDENT } from '../calendar';
import { COUNTRY_PICKER, MAJOR_CLOUDS, CHEAP_HOSTING, SDKS, Subnet, cardFingerprint, homeLine, type Address, type Client } from '../infrastructure';
import { organisation, person, workEmail } from '../identities';
import { mathScienceTask, personaFollowUp, personaSystemPrompt } from '../prompts/harvest';
import { codingProblem, reasoningPuzzle } from '../prompts/problems';
import { spice } from '../prompts/nasties';
import { renderAsk } from '../perturb';
import { profile, respond } from '../responses';
import { tokensOf, type AccountRecord, type EventRecord } from '../records';
import { Rng } from '../random';

export const PERSONA_TUTOR = 'camp_persona_tutor';

const ANSWERS = profile({
  median: 1800, sigma: 0.5, maxTokens: [8192, 16384, undefined], lengthShare: 0.01,
  reasoningShare: 0.45, reasoningFraction: [0.15, 0.4], refusalShare: 0.002,
});

export class PersonaAccount extends Actor {
  private readonly conv = new Conversation(4.5, 9, 20 * 60 * SECOND);

  constructor(
    account: AccountRecord,
    models: ModelHabit,
    readonly tzs: readonly number[],
    readonly system: string,
    readonly daily: number,
    readonly servers: readonly Address[],
    readonly client: Client,
    readonly keys: string[],
  ) {
    super(account, PERSONA_TUTOR, PERSONA_TUTOR, models);
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    const sittings = rng.poisson(this.daily / 4.5);
    for (let i = 0; i < sittings; i++) planSession(out, rng, STUDENT.sample(rng, day.start, rng.pick(this.tzs)), rng.geometric(4.5, 9), 90 * SECOND);
  }

  fill(ev: EventRecord, ts: number, _tag: number, rng: Rng, world: World): void {
    const fresh = this.conv.advance(ts, rng);
    const x = rng.next();
    const task = fresh ? (x < 0.6 ? mathScienceTask(rng) : x < 0.8 ? reasoningPuzzle(rng) : codingProblem(rng)) : personaFollowUp(rng);
    renderAsk(ev, { frame: '{p}', task, system: this.system }, world, rng);
    ev.prompt = spice(ev.prompt, rng);
    ev.conversation_id = this.conv.id;
    ev.turn = this.conv.turn;
    ev.input_tokens = tokensOf(ev.prompt) + tokensOf(ev.system_prompt ?? '') + (this.conv.turn - 1) * rng.intIn(1500, 2600);
    respond(ev, rng, ANSWERS);
    this.relayTransport(ev, ts, rng, world);
  }

  relayTransport(ev: EventRecord, ts: number, rng: Rng, _world: World): void {
    setTransport(ev, pickKey(this.keys, rng), rng.pick(this.servers), this.client);
    ev.model = this.models.pick(ts, rng);
  }
}

export function buildPersonaTutor(ctx: BuildContext): Actor[] {
  const { rng, cal } = ctx;
  const n = ctx.count(40, 6);
  const cards = Array.from({ length: Math.max(2, Math.ceil(n / 8)) }, () => cardFingerprint(rng));
  const subnets = Array.from({ length: 3 }, (_, i) => new Subnet(rng.pick(i === 0 ? CHEAP_HOSTING : MAJOR_CLOUDS), rng));
  const actors: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const org = organisation(rng);
    const country = COUNTRY_PICKER.sample(rng);
    const id = ctx.ids.next();
    const account = accountRecord(id, {
      created: cal.startMs - rng.range(5, 150) * DAY,
      email: workEmail(person(rng), org.domain, org.convention),
      org_id: rng.chance(0.7) ? org.id : undefined,
      plan: rng.chance(0.7) ? 'payg' : 'startup',
      country: country.code,
      signup_ip: homeLine(country, rng).current.ip,
      payment_fp: rng.pick(cards),
      verified: rng.chance(0.5),
    });
    const tzs = [country.tz, rng.pick([-5, 1, 5.5, 8])];
    actors.push(new PersonaAccount(
      account, ModelHabit.drifting(cal, rng, 5, 0.6, 0), tzs, personaSystemPrompt(rng), rng.lognormal(24, 0.35),
      rng.pick(subnets).hosts(rng, 2), rng.pick(SDKS.slice(0, 5)), apiKeys(id, rng, rng.intIn(1, 2)),
    ));
  }
  return actors;
}
