/**
 * carrier_nat_s1..s3: many unrelated people behind one mobile carrier's
 * carrier-grade NAT. They share a handful of addresses in one /24 of the
 * carrier's network (24 at s1, 10 at s2, 4 at s3), handed out per
 * connection, and nothing else: each has their own sign-up date, address,
 * habits and pastime (chat, office work, homework, code), their own hours.
 *
 * Strength: s2 adds the official mobile app as most members' client (popular,
 * so shared by many); s3 adds a carrier promotion: 40% signed up in the same
 * three days inside the window on the free plan with the carrier's own mail
 * domain, and a tenth are power users who ask for long answers (essays,
 * code), often in one turn.
 */
import { ModelHabit, accountRecord, apiKeys, pickKey, planSession, setTransport, type Actor, type BuildContext, type Day, type World } from '../actor';
import { DAY, LEISURE, SECOND } from '../calendar';
import { CARRIERS, Subnet, TLS, cardFingerprint, countryByCode, everydayClient, homeLine, type Address, type Client, type Country, type HomeLine } from '../infrastructure';
import { person, personalEmail, personalLocalPart } from '../identities';
import { writingTask } from '../prompts/problems';
import { longCodingTask } from '../prompts/harvest';
import { CHAT, profile } from '../responses';
import type { AccountRecord, EventRecord } from '../records';
import { Rng } from '../random';
import type { Strength } from '../roster';
import { CrowdMember, oneShot, pastimeFollowUp, pastimeOpener, type Pastime } from './crowd';

const APPS: readonly Client[] = [
  { ua: 'AtlasChat-iOS/5.12.0 CFNetwork/1568 Darwin/24.0.0', tls: TLS.safari },
  { ua: 'AtlasChat-Android/5.12.0 okhttp/4.12.0', tls: 't13d1516h2_8daaf6152771_9b0d77c4e1a2' },
];
const LONG = profile({ median: 1400, sigma: 0.6, maxTokens: [undefined, 4096], reasoningShare: 0.2, reasoningFraction: [0.1, 0.3] });
const PASTIMES: readonly Pastime[] = ['chat', 'chat', 'chat', 'chat', 'office', 'homework', 'homework', 'code'];

export class Subscriber extends CrowdMember {
  constructor(
    account: AccountRecord,
    population: string,
    models: ModelHabit,
    readonly country: Country,
    readonly nat: readonly Address[],
    readonly home: HomeLine,
    readonly wifiShare: number,
    readonly pastime: Pastime,
    readonly power: boolean,
    readonly activity: number,
    readonly client: Client,
    readonly keys: string[],
  ) {
    super(account, population, models, 2.6, 12);
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    if (!rng.chance(this.activity)) return;
    for (let i = 0, n = 1 + rng.poisson(0.4); i < n; i++) planSession(out, rng, LEISURE.sample(rng, day.start, this.country.tz), rng.geometric(2.6, 12), 80 * SECOND);
  }

  fill(ev: EventRecord, ts: number, _tag: number, rng: Rng, _world: World): void {
    if (this.power && rng.chance(0.5)) oneShot(ev, rng, rng.chance(0.5) ? writingTask(rng) : longCodingTask(rng), LONG);
    else this.converse(ev, ts, rng, pastimeOpener(this.pastime), pastimeFollowUp(this.pastime), CHAT);
    setTransport(ev, pickKey(this.keys, rng), rng.chance(this.wifiShare) ? this.home.at(ts, rng) : rng.pick(this.nat), this.client);
    ev.model = this.models.pick(ts, rng);
  }
}

export function buildCarrierNat(ctx: BuildContext, strength: Strength, population: string): Actor[] {
  const { rng, cal } = ctx;
  const n = ctx.count([150, 220, 300][strength - 1], 15);
  const carrier = [CARRIERS.tmobile, CARRIERS.jio, CARRIERS.vodafone][strength - 1];
  const country = countryByCode(carrier.country);
  const nat = new Subnet(carrier.network, rng).hosts(rng, [24, 10, 4][strength - 1]);
  const promo = cal.startMs + rng.range(4, Math.max(5, cal.days - 8)) * DAY;
  const actors: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const p = person(rng);
    const promoted = strength === 3 && rng.chance(0.4);
    const paying = !promoted && rng.chance(0.4);
    const id = ctx.ids.next();
    const created = promoted ? promo + rng.range(0, 3) * DAY : cal.startMs - rng.range(1, 700) * DAY;
    const account = accountRecord(id, {
      created,
      email: promoted ? `${personalLocalPart(p, rng)}@${carrier.mail}` : personalEmail(p, country, rng),
      plan: paying ? 'payg' : 'free',
      country: country.code,
      signup_ip: rng.pick(nat).ip,
      payment_fp: paying ? cardFingerprint(rng) : undefined,
      verified: rng.chance(paying ? 0.5 : 0.1),
    });
    const app = strength >= 2 && rng.chance(0.65);
    actors.push(new Subscriber(
      account, population, ModelHabit.drifting(cal, rng, 20), country, nat, homeLine(country, rng), rng.range(0.05, 0.35),
      rng.pick(PASTIMES), strength === 3 && rng.chance(0.1), Math.min(0.9, 0.05 + 0.5 * rng.next() ** 2),
      app ? rng.pick(APPS) : everydayClient(rng, 0.15), apiKeys(id, rng, 1),
    ));
  }
  return actors;
}
