/**
 * hackathon_s1..s3: a weekend hackathon inside the window. 100–160
 * participants sign up for startup credits just before it (unverified, no
 * card), all on the venue's Wi-Fi (a few addresses of one business /24), and
 * run at full tilt from their first hour for about a day and a half, day and
 * night; afterwards a fifth keep going at a trickle, from home.
 *
 * Strength: s1 builds varied projects with whatever client and signs up over
 * two days; s2 uses the organisers' starter kit (one client, one starter
 * system prompt); s3 signs up within four hours and most teams are on the
 * agent track, whose starter prompt says "think step by step" and whose demo
 * sends single-turn tasks asking for complete, long answers.
 */
import { ModelHabit, accountRecord, apiKeys, planSession, setTransport, type Actor, type BuildContext, type Day, type World } from '../actor';
import { DAY, HOUR, LEISURE, SECOND } from '../calendar';
import { BUSINESS, COUNTRY_PICKER, Subnet, TLS, everydayClient, homeLine, type Address, type Client, type Country, type HomeLine } from '../infrastructure';
import { person, personalEmail } from '../identities';
import { APP_KINDS } from '../prompts/apps';
import { chatFollowUp } from '../prompts/chat';
import { codingFollowUp, codingTask } from '../prompts/coding';
import { longAgentTask, longCodingTask } from '../prompts/harvest';
import { CHAT, profile } from '../responses';
import type { AccountRecord, EventRecord } from '../records';
import { Rng } from '../random';
import type { Strength } from '../roster';
import { CrowdMember, oneShot } from './crowd';

const KIT: Client = { ua: 'hackkit-starter/1.0 atlas-sdk-js/2.1.0', tls: TLS.node };
const STARTER = 'You are the assistant inside a hackathon prototype. Be concise and helpful.';
const AGENT_STARTER = 'You are an autonomous agent built at the hackathon. Think step by step, use the tools, and finish with a complete, detailed answer.';
const LONG = profile({ median: 1500, sigma: 0.6, maxTokens: [4096], lengthShare: 0.03, toolShare: 0.1, reasoningShare: 0.3, reasoningFraction: [0.2, 0.5] });
const BUILD = profile({ median: 600, sigma: 0.8, maxTokens: [undefined, 4096, 8192], toolShare: 0.2 });

export class Hacker extends CrowdMember {
  constructor(
    account: AccountRecord,
    population: string,
    models: ModelHabit,
    readonly strength: Strength,
    readonly country: Country,
    readonly event: { start: number; end: number; venue: readonly Address[] },
    readonly home: HomeLine,
    readonly agentTrack: boolean,
    readonly lingers: boolean,
    readonly kind: (typeof APP_KINDS)[number],
    readonly client: Client,
    readonly keys: string[],
  ) {
    super(account, population, models, 4, 20);
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    const e = this.event;
    const from = Math.max(day.start, e.start, this.activeFrom);
    const to = Math.min(day.start + DAY, e.end);
    if (from < to) {
      // Hacking: a sitting most hours, day and night.
      for (let t = from; t < to; t += HOUR) if (rng.chance(0.6)) planSession(out, rng, t + rng.int(HOUR), rng.geometric(4, 20), 45 * SECOND);
    } else if (day.start >= e.end && this.lingers && rng.chance(0.3)) {
      planSession(out, rng, LEISURE.sample(rng, day.start, this.country.tz), rng.geometric(3, 10), 60 * SECOND);
    }
  }

  fill(ev: EventRecord, ts: number, _tag: number, rng: Rng, _world: World): void {
    const kit = this.strength >= 2;
    if (this.agentTrack && rng.chance(0.6)) oneShot(ev, rng, rng.chance(0.5) ? longAgentTask(rng) : longCodingTask(rng), LONG, AGENT_STARTER);
    else if (rng.chance(0.5)) this.converse(ev, ts, rng, codingTask, codingFollowUp, BUILD);
    else this.converse(ev, ts, rng, this.kind.user, chatFollowUp, CHAT, kit ? STARTER : undefined);
    const onSite = ts < this.event.end;
    setTransport(ev, this.keys[0], onSite ? rng.pick(this.event.venue) : this.home.at(ts, rng), this.client);
    ev.model = this.models.pick(ts, rng);
  }
}

export function buildHackathon(ctx: BuildContext, strength: Strength, population: string): Actor[] {
  const { rng, cal } = ctx;
  const n = ctx.count(70 + 30 * strength, 10);
  // The first Saturday at least a few days into the window, 09:00 local.
  const country = COUNTRY_PICKER.sample(rng);
  let d = Math.min(cal.days - 3, 3 + rng.int(Math.max(1, cal.days - 8)));
  while (d < cal.days - 2 && cal.weekday(d) !== 6) d++;
  const start = cal.dayStart(d) + (9 - country.tz) * HOUR;
  const event = { start, end: start + 36 * HOUR, venue: new Subnet(rng.pick(BUSINESS), rng).hosts(rng, [4, 3, 2][strength - 1]) };
  const actors: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const p = person(rng);
    const home = homeLine(country, rng);
    const created = strength === 3 ? start - rng.range(0, 4) * HOUR : start - rng.range(0, 2) * DAY;
    const id = ctx.ids.next();
    const account = accountRecord(id, {
      created, email: personalEmail(p, country, rng), plan: 'startup', country: country.code,
      signup_ip: created >= start ? rng.pick(event.venue).ip : home.current.ip, verified: false,
    });
    const actor = new Hacker(
      account, population, ModelHabit.drifting(cal, rng, 3, 0.8, 0), strength, country, event, home,
      strength === 3 && rng.chance(0.7), rng.chance(0.2), rng.pick(APP_KINDS),
      strength >= 2 ? KIT : everydayClient(rng, 0.6), apiKeys(id, rng, 1),
    );
    actor.activeFrom = Math.max(created, start) + rng.range(0, 0.5) * HOUR;
    actors.push(actor);
  }
  return actors;
}
