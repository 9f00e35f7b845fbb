/**
 * company: the staff of one company. Ten to forty accounts paying with one
 * company card and leaving through one office egress address: strongly linked
 * by infrastructure, yet ordinary office work in office hours.
 */
import { Actor, Conversation, ModelHabit, accountRecord, apiKeys, pickKey, planSession, setTransport, signedUpBefore, type BuildContext, type Day, type World } from '../actor';
import { DAY, OFFICE, SECOND } from '../calendar';
import { BUSINESS, COUNTRY_PICKER, address, cardFingerprint, everydayClient, homeLine, type Address, type Client, type Country, type HomeLine } from '../infrastructure';
import { organisation, person, workEmail } from '../identities';
import { chatFollowUp, chatOpener, officeTask } from '../prompts/chat';
import { spice } from '../prompts/nasties';
import { CHAT, respond } from '../responses';
import { tokensOf, type AccountRecord, type EventRecord } from '../records';
import { Rng } from '../random';

export class StaffMember extends Actor {
  readonly conv = new Conversation(2.5, 12);

  constructor(
    account: AccountRecord,
    models: ModelHabit,
    readonly country: Country,
    readonly egress: Address,
    readonly home: HomeLine,
    readonly remoteShare: number,
    readonly engagement: number,
    readonly client: Client,
    readonly keys: string[],
  ) {
    super(account, 'company', null, models);
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    if (!rng.chance(day.weekend ? 0.04 : this.engagement)) return;
    const sittings = 1 + rng.poisson(1);
    for (let i = 0; i < sittings; i++) planSession(out, rng, OFFICE.sample(rng, day.start, this.country.tz), rng.geometric(2.5, 12), 60 * SECOND);
  }

  fill(ev: EventRecord, ts: number, _tag: number, rng: Rng, _world: World): void {
    const fresh = this.conv.advance(ts, rng);
    ev.prompt = spice(fresh ? (rng.chance(0.75) ? officeTask(rng) : chatOpener(rng)) : chatFollowUp(rng), rng);
    ev.conversation_id = this.conv.id;
    ev.turn = this.conv.turn;
    ev.input_tokens = tokensOf(ev.prompt) + (this.conv.turn - 1) * rng.intIn(120, 400);
    respond(ev, rng, CHAT);
    setTransport(ev, pickKey(this.keys, rng), rng.chance(this.remoteShare) ? this.home.at(ts, rng) : this.egress, this.client);
    ev.model = this.models.pick(ts, rng);
  }
}

export function buildCompanies(ctx: BuildContext): Actor[] {
  const { rng, cal } = ctx;
  const companies = ctx.count(6, 2);
  const actors: Actor[] = [];
  for (let c = 0; c < companies; c++) {
    const org = organisation(rng);
    const country = COUNTRY_PICKER.sample(rng);
    const egress = address(rng.pick(BUSINESS), rng);
    const card = cardFingerprint(rng);
    const plan = rng.pick(['payg', 'startup', 'enterprise'] as const);
    const onboarding = signedUpBefore(cal, rng, 30, 400);
    const staff = rng.intIn(10, 40);
    for (let s = 0; s < staff; s++) {
      const id = ctx.ids.next();
      // Most staff were invited on roll-out day; the rest joined since.
      const created = rng.chance(0.55) ? onboarding + rng.range(0, 0.3) * DAY : rng.range(onboarding, cal.startMs + cal.days * DAY * 0.5);
      const account = accountRecord(id, {
        created, email: workEmail(person(rng), org.domain, org.convention), org_id: org.id, plan,
        country: country.code, signup_ip: egress.ip, payment_fp: card, verified: rng.chance(0.5),
      });
      actors.push(new StaffMember(
        account, ModelHabit.drifting(cal, rng, 18), country, egress, homeLine(country, rng), rng.range(0, 0.3),
        rng.range(0.25, 0.8), everydayClient(rng, 0.25), apiKeys(id, rng, 1),
      ));
    }
  }
  return actors;
}
