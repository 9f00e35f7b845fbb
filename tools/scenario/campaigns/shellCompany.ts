/**
 * camp_shell_company: ~16 accounts of one verified shell organisation, an
 * "ed-tech startup" with a real-looking domain, work addresses in one
 * convention, an enterprise plan and one company card. Verification passed
 * and every account names the organisation: everything a company sharing a
 * card looks like. Each account runs the "answer engine" of a study app on
 * weekdays in office hours, from the office egress and the company's cloud
 * servers: a product-like system prompt that demands full model answers, a
 * student's item as the user turn, the odd short follow-up. Each account has
 * its own subject; together they harvest maths, science, coding and writing.
 */
import { Actor, Conversation, ModelHabit, accountRecord, apiKeys, pickKey, planSession, setTransport, type BuildContext, type Day, type World } from '../actor';
import { DAY, HOUR, OFFICE, SECOND } from '../calendar';
import { BUSINESS, MAJOR_CLOUDS, SDKS, Subnet, address, cardFingerprint, countryByCode, type Address, type Client, type Country } from '../infrastructure';
import { cap, organisation, person, workEmail } from '../identities';
import { shellAsk, shellFollowUp, shellSystemPrompt } from '../prompts/harvest';
import { spice } from '../prompts/nasties';
import { renderAsk } from '../perturb';
import { profile, respond } from '../responses';
import { tokensOf, type AccountRecord, type EventRecord } from '../records';
import { Rng } from '../random';

export const SHELL_COMPANY = 'camp_shell_company';

type Subject = 'math' | 'coding' | 'science' | 'writing';
const SUBJECTS: readonly Subject[] = ['math', 'science', 'coding', 'writing', 'math', 'science'];

const ANSWERS = profile({
  median: 1900, sigma: 0.45, maxTokens: [8192, 8192, 16384], lengthShare: 0.015,
  reasoningShare: 0.3, reasoningFraction: [0.15, 0.4], refusalShare: 0.002,
});

export class ShellAccount extends Actor {
  private readonly conv = new Conversation(1.3, 3, 15 * 60 * SECOND);

  constructor(
    account: AccountRecord,
    models: ModelHabit,
    readonly country: Country,
    readonly subject: Subject,
    readonly system: string,
    readonly daily: number,
    readonly office: Address,
    readonly servers: readonly Address[],
    readonly client: Client,
    readonly keys: string[],
  ) {
    super(account, SHELL_COMPANY, SHELL_COMPANY, models);
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    if (day.weekend && !rng.chance(0.15)) return;
    let n = rng.poisson(this.daily * (day.weekend ? 0.2 : 1));
    while (n > 0) {
      const k = Math.min(n, rng.geometric(12, 40));
      planSession(out, rng, OFFICE.sample(rng, day.start, this.country.tz), k, 40 * SECOND, 0, 0.9);
      n -= k;
    }
  }

  fill(ev: EventRecord, ts: number, _tag: number, rng: Rng, world: World): void {
    if (this.conv.advance(ts, rng)) renderAsk(ev, shellAsk(rng, this.system, this.subject), world, rng);
    else {
      renderAsk(ev, { frame: '{p}', task: shellFollowUp(rng), system: this.system }, world, rng);
    }
    ev.prompt = spice(ev.prompt, rng);
    ev.conversation_id = this.conv.id;
    ev.turn = this.conv.turn;
    ev.input_tokens = tokensOf(ev.prompt) + tokensOf(ev.system_prompt ?? '') + (this.conv.turn - 1) * rng.intIn(1200, 2600);
    respond(ev, rng, ANSWERS);
    this.relayTransport(ev, ts, rng, world);
  }

  relayTransport(ev: EventRecord, ts: number, rng: Rng, _world: World): void {
    setTransport(ev, pickKey(this.keys, rng), rng.chance(0.35) ? this.office : rng.pick(this.servers), this.client);
    ev.model = this.models.pick(ts, rng);
  }
}

export function buildShellCompany(ctx: BuildContext): Actor[] {
  const { rng, cal } = ctx;
  const n = ctx.count(16, 4);
  const org = organisation(rng);
  const country = countryByCode(rng.pick(['SG', 'HK', 'GB', 'US']));
  const office = address(rng.pick(BUSINESS), rng);
  const servers = new Subnet(rng.pick(MAJOR_CLOUDS), rng).hosts(rng, rng.intIn(2, 4));
  const card = cardFingerprint(rng);
  const brand = cap(org.domain.split(/[.-]/)[0]);
  const incorporated = cal.startMs - rng.range(40, 120) * DAY;
  const actors: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const subject = SUBJECTS[i % SUBJECTS.length];
    const id = ctx.ids.next();
    const account = accountRecord(id, {
      // Seats added one by one over weeks, as a growing team would.
      created: incorporated + rng.range(0, 35) * DAY + rng.range(8, 18) * HOUR,
      email: workEmail(person(rng), org.domain, org.convention),
      org_id: org.id,
      plan: 'enterprise',
      country: country.code,
      signup_ip: office.ip,
      payment_fp: card,
      verified: true,
    });
    const system = shellSystemPrompt(brand, subject === 'coding' ? 'programming' : subject === 'writing' ? 'essay writing' : subject === 'science' ? 'physics and chemistry' : 'mathematics');
    actors.push(new ShellAccount(
      account, ModelHabit.drifting(cal, rng, 3, 0.5, 0), country, subject, system, rng.lognormal(60, 0.3), office, servers,
      rng.pick(SDKS.slice(0, 2)), apiKeys(id, rng, rng.intIn(1, 2)),
    ));
  }
  return actors;
}
