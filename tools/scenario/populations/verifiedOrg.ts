/**
 * verified_org_s1..s3: one large verified organisation. 100–200 accounts,
 * all verified, all naming the organisation, on one company card and one
 * enterprise plan, leaving through the office egress and the company's
 * security proxy (or from home). Staff do office work in conversations;
 * engineers drive coding agents all day with big contexts, tool definitions
 * and some long code outputs.
 *
 * Strength: s1 is staff and a few engineers; s2 has a third engineers and a
 * few service accounts running internal batch summaries from the company's
 * cloud; s3 onboarded everyone on one day (single sign-on roll-out) and adds a
 * data team that generates synthetic training data for the company's own
 * fine-tune: single-turn, templated, long answers, every other night, from a
 * datacenter subnet.
 */
import { ModelHabit, accountRecord, apiKeys, pickKey, planPeriodic, planSession, setTransport, type Actor, type BuildContext, type Day, type World } from '../actor';
import { DAY, HOUR, NIGHTLY, OFFICE, SECOND } from '../calendar';
import { BUSINESS, CODING_AGENTS, HOSTING, MAJOR_CLOUDS, SDKS, Subnet, address, cardFingerprint, countryByCode, everydayClient, homeLine, type Address, type Client, type Country, type HomeLine } from '../infrastructure';
import { organisation, person, workEmail } from '../identities';
import { chatFollowUp, officeTask } from '../prompts/chat';
import { codingFollowUp, codingTask } from '../prompts/coding';
import { transcript } from '../prompts/filler';
import { mathScienceTask, longCodingTask } from '../prompts/harvest';
import { CHAT, profile, respond } from '../responses';
import { tokensOf, type AccountRecord, type EventRecord } from '../records';
import { Rng } from '../random';
import type { Strength } from '../roster';
import { CrowdMember, oneShot } from './crowd';

type Role = 'staff' | 'engineer' | 'service' | 'data';

const CODE = profile({ median: 520, sigma: 1.0, maxTokens: [16000, 32000], toolShare: 0.5, lengthShare: 0.005, reasoningShare: 0.15 });
const SUMMARY = profile({ median: 180, sigma: 0.4, maxTokens: [400], refusalShare: 0 });
const SYNTHETIC = profile({ median: 1800, sigma: 0.45, maxTokens: [8192], lengthShare: 0.01, reasoningShare: 0.3, reasoningFraction: [0.2, 0.5] });

export class Employee extends CrowdMember {
  constructor(
    account: AccountRecord,
    population: string,
    models: ModelHabit,
    readonly role: Role,
    readonly country: Country,
    readonly office: readonly Address[],
    readonly servers: readonly Address[],
    readonly home: HomeLine,
    readonly intensity: number,
    readonly client: Client,
    readonly keys: string[],
  ) {
    super(account, population, models, role === 'engineer' ? 14 : 2.5, role === 'engineer' ? 60 : 12);
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    const tz = this.country.tz;
    if (this.role === 'service') {
      if (!day.weekend) planPeriodic(out, rng, day.start + (9 - tz) * HOUR, day.start + (18 - tz) * HOUR, HOUR / (4 * this.intensity), rng.int(HOUR), 90 * SECOND);
      return;
    }
    if (this.role === 'data') {
      if (day.index % 2 === 0 && rng.chance(0.8)) planSession(out, rng, NIGHTLY.sample(rng, day.start, tz), Math.round(60 * this.intensity), 20 * SECOND);
      return;
    }
    if (day.weekend ? !rng.chance(0.06) : !rng.chance(this.role === 'engineer' ? 0.85 : 0.6)) return;
    const sessions = 1 + rng.poisson(this.intensity);
    for (let i = 0; i < sessions; i++) {
      planSession(out, rng, OFFICE.sample(rng, day.start, tz), this.role === 'engineer' ? rng.geometric(7, 30) : rng.geometric(2.5, 12), this.role === 'engineer' ? 30 * SECOND : 60 * SECOND);
    }
  }

  fill(ev: EventRecord, ts: number, _tag: number, rng: Rng, _world: World): void {
    let addr: Address;
    if (this.role === 'data') {
      oneShot(ev, rng, `Write a detailed, fully worked solution to the problem below; it will be a training example for our internal model.\n\n${rng.chance(0.5) ? mathScienceTask(rng) : longCodingTask(rng)}`, SYNTHETIC);
      addr = rng.pick(this.servers);
    } else if (this.role === 'service') {
      oneShot(ev, rng, `Summarize this customer call for the CRM in three bullet points.\n\n${transcript(rng)}`, SUMMARY);
      addr = rng.pick(this.servers);
    } else if (this.role === 'engineer') {
      const fresh = this.conv.advance(ts, rng);
      ev.prompt = fresh ? codingTask(rng) : codingFollowUp(rng);
      ev.conversation_id = this.conv.id;
      ev.turn = this.conv.turn;
      ev.tool_count = 12;
      ev.input_tokens = Math.min(150_000, 2000 + tokensOf(ev.prompt) + (this.conv.turn - 1) * rng.intIn(1000, 3500));
      respond(ev, rng, CODE);
      addr = rng.chance(0.7) ? rng.pick(this.office) : this.home.at(ts, rng);
    } else {
      this.converse(ev, ts, rng, (r) => (r.chance(0.8) ? officeTask(r) : codingTask(r)), chatFollowUp, CHAT);
      addr = rng.chance(0.75) ? rng.pick(this.office) : this.home.at(ts, rng);
    }
    setTransport(ev, pickKey(this.keys, rng), addr, this.client);
    ev.model = this.models.pick(ts, rng);
  }
}

export function buildVerifiedOrg(ctx: BuildContext, strength: Strength, population: string): Actor[] {
  const { rng, cal } = ctx;
  const n = ctx.count(50 + 50 * strength, 12);
  const org = organisation(rng);
  const country = countryByCode(rng.pick(['US', 'GB', 'DE', 'JP', 'IN']));
  const office = [address(rng.pick(BUSINESS), rng), address(rng.pick(BUSINESS), rng), address(BUSINESS[4], rng)];
  const servers = new Subnet(rng.pick(MAJOR_CLOUDS), rng).hosts(rng, rng.intIn(2, 5));
  const dataServers = new Subnet(strength === 3 ? HOSTING.gcp : rng.pick(MAJOR_CLOUDS), rng).hosts(rng, 3);
  const card = cardFingerprint(rng);
  const rollout = cal.startMs - rng.range(20, 300) * DAY;
  const engineers = [0.12, 0.3, 0.35][strength - 1];
  const services = strength >= 2 ? 3 : 0;
  const data = strength === 3 ? Math.max(3, Math.round(n * 0.04)) : 0;
  const actors: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const role: Role = i < services ? 'service' : i < services + data ? 'data' : rng.chance(engineers) ? 'engineer' : 'staff';
    const p = person(rng);
    const id = ctx.ids.next();
    const created = strength === 3 || rng.chance(0.5) ? rollout + rng.range(0, 0.4) * DAY : rng.range(rollout, cal.startMs + cal.days * 0.5 * DAY);
    const account = accountRecord(id, {
      created,
      email: role === 'service' ? `svc-${rng.pick(['crm', 'support', 'sales', 'ops'])}${i}@${org.domain}` : role === 'data' ? `${p.first}.${p.last}.ml@${org.domain}` : workEmail(p, org.domain, org.convention),
      org_id: org.id,
      plan: 'enterprise',
      country: country.code,
      signup_ip: office[0].ip,
      payment_fp: card,
      verified: true,
    });
    const client = role === 'engineer' ? rng.pick(CODING_AGENTS) : role === 'staff' ? everydayClient(rng, 0.2) : rng.pick(SDKS.slice(0, 3));
    const intensity = role === 'engineer' ? rng.range(0.5, 1.6) : role === 'data' ? rng.range(0.6, 1.4) : role === 'service' ? rng.range(0.5, 1.5) : rng.range(0.3, 1.2);
    actors.push(new Employee(
      account, population, ModelHabit.drifting(cal, rng, 10), role, country, office, role === 'data' ? dataServers : servers,
      homeLine(country, rng), intensity, client, apiKeys(id, rng, 1),
    ));
  }
  return actors;
}
