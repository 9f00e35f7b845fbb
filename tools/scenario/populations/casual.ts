/**
 * casual_chat: the crowd. Few requests a day, in sittings, in the evening of
 * their own timezone, conversations of a few turns, home connections.
 */
import { Actor, Conversation, ModelHabit, accountRecord, apiKeys, pickKey, planSession, setTransport, signedUpBefore, type BuildContext, type Day, type World } from '../actor';
import { DAY, LEISURE, SECOND } from '../calendar';
import { COUNTRY_PICKER, cardFingerprint, everydayClient, homeLine, address, type Client, type Country, type HomeLine } from '../infrastructure';
import { organisation, person, personalEmail, workEmail } from '../identities';
import { chatFollowUp, chatOpener } from '../prompts/chat';
import { spice } from '../prompts/nasties';
import { CHAT, respond } from '../responses';
import { tokensOf, type AccountRecord, type EventRecord } from '../records';
import { Rng } from '../random';

export class ChatUser extends Actor {
  readonly conv = new Conversation(3, 14);

  constructor(
    account: AccountRecord,
    population: string,
    models: ModelHabit,
    readonly country: Country,
    readonly home: HomeLine,
    readonly client: Client,
    readonly keys: string[],
    /** Chance of using the service on a given day. */
    readonly activity: number,
    readonly mobileShare: number,
  ) {
    super(account, population, null, models);
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    if (!rng.chance(this.activity * (day.weekend ? 1.25 : 1))) return;
    const sittings = 1 + rng.poisson(0.35);
    for (let i = 0; i < sittings; i++) {
      planSession(out, rng, LEISURE.sample(rng, day.start, this.country.tz), rng.geometric(2.6, 14), 75 * SECOND);
    }
  }

  fill(ev: EventRecord, ts: number, _tag: number, rng: Rng, world: World): void {
    fillChatTurn(ev, ts, rng, world, this.conv);
    const addr = rng.chance(this.mobileShare) ? address(this.country.isps[0], rng, 0.2) : this.home.at(ts, rng);
    setTransport(ev, pickKey(this.keys, rng), addr, this.client);
    ev.model = this.models.pick(ts, rng);
  }
}

/** Prompt, conversation and answer of one chat turn (shared by everyone who chats). */
export function fillChatTurn(ev: EventRecord, ts: number, rng: Rng, world: World, conv: Conversation): void {
  const fresh = conv.advance(ts, rng);
  let prompt = fresh ? chatOpener(rng) : chatFollowUp(rng);
  if (rng.next() < 0.00003) prompt = rng.pick(world.hugePastes);
  ev.prompt = spice(prompt, rng);
  ev.conversation_id = conv.id;
  ev.turn = conv.turn;
  ev.input_tokens = tokensOf(ev.prompt) + (conv.turn - 1) * rng.intIn(120, 420);
  respond(ev, rng, CHAT);
}

export function buildCasual(ctx: BuildContext): Actor[] {
  const { rng, cal } = ctx;
  const n = ctx.count(4200, 40);
  const actors: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const country = COUNTRY_PICKER.sample(rng);
    const p = person(rng);
    const paying = rng.chance(0.4);
    // Most accounts predate the window; some sign up during it and start right away.
    const created = rng.chance(0.92) ? signedUpBefore(cal, rng, 1, 900) : cal.startMs + rng.range(0, cal.days) * DAY;
    const home = homeLine(country, rng);
    const email = rng.chance(0.15) ? workEmail(p, organisation(rng).domain, 'first.last') : personalEmail(p, country, rng);
    const id = ctx.ids.next();
    const account = accountRecord(id, {
      created,
      email,
      plan: paying ? 'payg' : 'free',
      country: country.code,
      signup_ip: home.current.ip,
      payment_fp: paying ? cardFingerprint(rng) : undefined,
      verified: rng.chance(paying ? 0.5 : 0.1),
    });
    // Skewed engagement: many drop by now and then, a few are daily users.
    const activity = Math.min(0.95, 0.03 + 0.6 * rng.next() ** 2.2);
    actors.push(new ChatUser(
      account, 'casual_chat', ModelHabit.drifting(cal, rng, 25),
      country, home, everydayClient(rng), apiKeys(id, rng, rng.intIn(1, 2)), activity, rng.range(0, 0.3),
    ));
  }
  return actors;
}
