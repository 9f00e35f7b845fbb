/**
 * reseller: a legitimate LLM gateway. A few high-volume accounts relaying
 * many real users' ordinary conversations, interleaved, across timezones,
 * from the gateway's datacenter addresses.
 */
import { Actor, Conversation, ModelHabit, accountRecord, apiKeys, plan, setTransport, signedUpBefore, type BuildContext, type Day, type World } from '../actor';
import { LEISURE } from '../calendar';
import { CHEAP_HOSTING, MAJOR_CLOUDS, Subnet, TLS, cardFingerprint, type Address, type Client } from '../infrastructure';
import { organisation } from '../identities';
import { Rng } from '../random';
import type { AccountRecord, EventRecord } from '../records';
import { fillChatTurn } from './casual';

const USER_TIMEZONES = [-8, -5, -3, 0, 1, 2, 3, 5.5, 7, 8, 9];

export class Gateway extends Actor {
  /** Conversations of different end users in flight at the same time. */
  private readonly lanes: Conversation[];

  constructor(
    account: AccountRecord,
    models: ModelHabit,
    readonly daily: number,
    readonly servers: readonly Address[],
    readonly client: Client,
    readonly keys: string[],
  ) {
    super(account, 'reseller', null, models);
    this.lanes = Array.from({ length: 6 }, () => new Conversation(3.5, 20));
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    const n = rng.poisson(this.daily * (day.weekend ? 1.1 : 1));
    for (let i = 0; i < n; i++) plan(out, LEISURE.sample(rng, day.start, rng.pick(USER_TIMEZONES)));
  }

  fill(ev: EventRecord, ts: number, _tag: number, rng: Rng, world: World): void {
    fillChatTurn(ev, ts, rng, world, rng.pick(this.lanes));
    setTransport(ev, rng.pick(this.keys), rng.pick(this.servers), this.client);
    ev.model = this.models.pick(ts, rng);
  }
}

export function buildResellers(ctx: BuildContext): Actor[] {
  const { rng, cal } = ctx;
  const n = ctx.count(4, 3);
  const actors: Actor[] = [];
  let org = organisation(rng);
  let servers: Address[] = [];
  let card = '';
  let client: Client = { ua: '', tls: '' };
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      org = organisation(rng);
      servers = new Subnet(rng.pick(rng.chance(0.5) ? MAJOR_CLOUDS : CHEAP_HOSTING), rng).hosts(rng, rng.intIn(3, 6));
      card = cardFingerprint(rng);
      client = { ua: `${org.domain.split(/[.-]/)[0]}-gateway/${rng.intIn(1, 4)}.${rng.intIn(0, 20)}`, tls: TLS.go };
    }
    const id = ctx.ids.next();
    const account = accountRecord(id, {
      created: signedUpBefore(cal, rng, 60, 600), email: `${rng.pick(['api', 'platform', 'billing', 'infra'])}@${org.domain}`,
      org_id: org.id, plan: 'enterprise', country: rng.pick(['US', 'DE', 'SG', 'GB']), signup_ip: servers[0].ip,
      payment_fp: card, verified: true,
    });
    // End users pick the new model themselves: part of the traffic moves within days.
    actors.push(new Gateway(account, ModelHabit.drifting(cal, rng, 3, 0.4), rng.lognormal(230, 0.3), servers, client, apiKeys(id, rng, rng.intIn(2, 5))));
  }
  return actors;
}
