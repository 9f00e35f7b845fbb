/**
 * camp_rare_client: ~64 accounts that look independent in every respect but
 * one. Each has its own card (or none), its own personal address, its own
 * country, a sign-up date anywhere in the past year, and its own residential
 * proxy exit that stays put for a day or two before moving to another home,
 * often on another ISP (many home addresses and networks over a month, never a
 * new one per request). They harvest worked solutions in mathematics and
 * science, phrased as answer-key requests, in evening sittings of their own
 * timezone with the odd follow-up. What they cannot hide is the harvester:
 * one rare client, the same TLS fingerprint and user agent on every request.
 */
import { Actor, Conversation, ModelHabit, accountRecord, apiKeys, planSession, setTransport, type BuildContext, type Day, type World } from '../actor';
import { DAY, LEISURE, SECOND } from '../calendar';
import { COUNTRY_PICKER, StickyResidential, cardFingerprint, homeLine, type Client, type Country } from '../infrastructure';
import { person, personalEmail } from '../identities';
import { rareClientAsk, rareClientFollowUp } from '../prompts/harvest';
import { spice } from '../prompts/nasties';
import { renderAsk } from '../perturb';
import { profile, respond } from '../responses';
import { tokensOf, type AccountRecord, type EventRecord } from '../records';
import { Rng } from '../random';

export const RARE_CLIENT = 'camp_rare_client';

/** The harvester: a niche desktop app's user agent on its own TLS stack. */
export const RARE: Client = { ua: 'Quillmate/3.2.0 (Windows NT 10.0; Win64; x64) Electron/31.2.1', tls: 't13d1714h2_5b23c0f1a9d2_e1b7c09a4d33' };

const ANSWERS = profile({
  median: 1600, sigma: 0.5, maxTokens: [8192, undefined, 12000], lengthShare: 0.01,
  reasoningShare: 0.5, reasoningFraction: [0.15, 0.4], refusalShare: 0.003,
});

export class RareClientAccount extends Actor {
  private readonly conv = new Conversation(1.4, 4, 20 * 60 * SECOND);

  constructor(
    account: AccountRecord,
    models: ModelHabit,
    readonly country: Country,
    readonly exit: StickyResidential,
    readonly daily: number,
    readonly keys: string[],
  ) {
    super(account, RARE_CLIENT, RARE_CLIENT, models);
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    if (rng.chance(day.weekend ? 0.35 : 0.2)) return;
    let n = rng.poisson(this.daily);
    while (n > 0) {
      const k = Math.min(n, rng.geometric(6, 20));
      planSession(out, rng, LEISURE.sample(rng, day.start, this.country.tz), k, 150 * SECOND, 0, 0.8);
      n -= k;
    }
  }

  fill(ev: EventRecord, ts: number, _tag: number, rng: Rng, world: World): void {
    if (this.conv.advance(ts, rng)) renderAsk(ev, rareClientAsk(rng), world, rng);
    else {
      ev.prompt = rareClientFollowUp(rng);
      ev.system_prompt = undefined;
    }
    ev.prompt = spice(ev.prompt, rng);
    ev.conversation_id = this.conv.id;
    ev.turn = this.conv.turn;
    ev.input_tokens = tokensOf(ev.prompt) + tokensOf(ev.system_prompt ?? '') + (this.conv.turn - 1) * rng.intIn(900, 2400);
    respond(ev, rng, ANSWERS);
    this.relayTransport(ev, ts, rng, world);
  }

  relayTransport(ev: EventRecord, ts: number, rng: Rng, _world: World): void {
    setTransport(ev, this.keys[0], this.exit.at(ts, rng), RARE);
    ev.model = this.models.pick(ts, rng);
  }
}

export function buildRareClient(ctx: BuildContext): Actor[] {
  const { rng, cal } = ctx;
  const n = ctx.count(64, 10);
  const actors: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const country = COUNTRY_PICKER.sample(rng);
    const paying = rng.chance(0.75);
    const id = ctx.ids.next();
    const created = rng.chance(0.85) ? cal.startMs - rng.range(3, 360) * DAY : cal.startMs + rng.range(0, cal.days * 0.6) * DAY;
    const account = accountRecord(id, {
      created,
      email: personalEmail(person(rng), country, rng),
      plan: paying ? 'payg' : 'free',
      country: country.code,
      signup_ip: homeLine(country, rng).current.ip,
      payment_fp: paying ? cardFingerprint(rng) : undefined,
      verified: rng.chance(0.4),
    });
    const actor = new RareClientAccount(
      account, ModelHabit.drifting(cal, rng, 6, 0.7, 0), country, new StickyResidential(country, 1.5 * DAY), rng.lognormal(16, 0.4), apiKeys(id, rng, 1),
    );
    actor.activeFrom = created + rng.range(0.5, 4) * DAY;
    actors.push(actor);
  }
  return actors;
}
