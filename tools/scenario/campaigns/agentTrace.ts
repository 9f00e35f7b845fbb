/**
 * camp_agent_trace: tool-use trajectory harvesting dressed as agent products.
 * ~28 accounts at scale 1, a few per fresh company domain (each with an org
 * id, most verified, pay-as-you-go), on a few cards, running from two cloud
 * subnets. Every account is an "agent": a system prompt with its brief and
 * rules (reworded per account), a dozen or more tool definitions, a short
 * user task, then turn after turn of tool results that the client fabricates
 * from templates, the model answering with tool calls, and a long final
 * report. Real conversations with follow-ups, human-length user turns, office
 * hours plus some night runs: what is harvested is the whole trajectory.
 */
import { Actor, ModelHabit, accountRecord, apiKeys, plan, setTransport, type BuildContext, type Day, type World } from '../actor';
import { DAY, HOUR, NIGHTLY, OFFICE, SECOND } from '../calendar';
import { MAJOR_CLOUDS, SDKS, Subnet, cardFingerprint, homeLine, COUNTRY_PICKER, type Address, type Client } from '../infrastructure';
import { organisation, person, workEmail } from '../identities';
import { agentSystemPrompt, agentTask, fakeToolResult } from '../prompts/harvest';
import { spice } from '../prompts/nasties';
import { renderAsk } from '../perturb';
import { profile, respond } from '../responses';
import { tokensOf, type AccountRecord, type EventRecord } from '../records';
import { Rng } from '../random';

export const AGENT_TRACE = 'camp_agent_trace';

const FIRST = 1;
const LAST = 2;

const TOOL_CALLS = profile({ median: 450, sigma: 0.5, maxTokens: [16384], lengthShare: 0, toolShare: 1, refusalShare: 0, reasoningShare: 0.6, reasoningFraction: [0.3, 0.6] });
const REPORT = profile({ median: 2300, sigma: 0.45, maxTokens: [16384], lengthShare: 0.005, refusalShare: 0.002, reasoningShare: 0.4, reasoningFraction: [0.1, 0.3] });

export class TraceAccount extends Actor {
  private convId = '';
  private turn = 0;

  constructor(
    account: AccountRecord,
    models: ModelHabit,
    readonly tz: number,
    readonly system: string,
    readonly tools: number,
    readonly runs: number,
    readonly servers: readonly Address[],
    readonly client: Client,
    readonly keys: string[],
  ) {
    super(account, AGENT_TRACE, AGENT_TRACE, models);
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    const runs = rng.poisson(this.runs * (day.weekend ? 0.4 : 1));
    for (let r = 0; r < runs; r++) {
      let t = (rng.chance(0.7) ? OFFICE : NIGHTLY).sample(rng, day.start, this.tz);
      const turns = rng.intIn(3, 9);
      for (let i = 0; i < turns; i++) {
        plan(out, t, i === 0 ? FIRST : i === turns - 1 ? LAST : 0);
        t += rng.lognormal(7 * SECOND, 0.6);
      }
    }
  }

  fill(ev: EventRecord, ts: number, tag: number, rng: Rng, world: World): void {
    if (tag === FIRST || this.convId === '') {
      this.convId = rng.hex(16, 'conv_');
      this.turn = 0;
      renderAsk(ev, { frame: '{p}', task: agentTask(rng), system: this.system }, world, rng);
    } else {
      renderAsk(ev, { frame: '{p}', task: fakeToolResult(rng), system: this.system }, world, rng);
    }
    this.turn++;
    ev.prompt = spice(ev.prompt, rng);
    ev.conversation_id = this.convId;
    ev.turn = this.turn;
    ev.tool_count = this.tools;
    ev.input_tokens = tokensOf(ev.prompt) + tokensOf(ev.system_prompt ?? '') + this.tools * 180 + (this.turn - 1) * rng.intIn(300, 900);
    respond(ev, rng, tag === LAST ? REPORT : TOOL_CALLS);
    if (tag === LAST) this.convId = '';
    this.relayTransport(ev, ts, rng, world);
  }

  relayTransport(ev: EventRecord, ts: number, rng: Rng, _world: World): void {
    setTransport(ev, this.keys[0], rng.pick(this.servers), this.client);
    ev.model = this.models.pick(ts, rng);
  }
}

export function buildAgentTrace(ctx: BuildContext): Actor[] {
  const { rng, cal } = ctx;
  const n = ctx.count(28, 5);
  const cards = Array.from({ length: 3 }, () => cardFingerprint(rng));
  const subnets = [new Subnet(rng.pick(MAJOR_CLOUDS), rng), new Subnet(rng.pick(MAJOR_CLOUDS), rng)];
  const tz = rng.pick([1, -5, 8]);
  const actors: Actor[] = [];
  let org = organisation(rng);
  for (let i = 0; i < n; i++) {
    if (i % 4 === 0) org = organisation(rng);
    const country = COUNTRY_PICKER.sample(rng);
    const id = ctx.ids.next();
    const account = accountRecord(id, {
      created: cal.startMs - rng.range(2, 12) * DAY + rng.range(0, 10) * HOUR,
      email: workEmail(person(rng), org.domain, org.convention),
      org_id: org.id,
      plan: 'payg',
      country: country.code,
      signup_ip: homeLine(country, rng).current.ip,
      payment_fp: rng.pick(cards),
      verified: rng.chance(0.7),
    });
    const servers = subnets[i % 2].hosts(rng, 2);
    actors.push(new TraceAccount(
      account, ModelHabit.drifting(cal, rng, 2, 0.7, 0), tz, agentSystemPrompt(rng), rng.intIn(8, 24), rng.lognormal(8, 0.3),
      servers, rng.pick(SDKS.slice(0, 4)), apiKeys(id, rng, 1),
    ));
  }
  return actors;
}
