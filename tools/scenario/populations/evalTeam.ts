/**
 * eval_team: benchmark and evaluation teams. Capability sweeps with "think
 * step by step", single-turn, in night-time bursts, and a burst on the new
 * model the evening it ships: the legitimate twin of a distillation sweep.
 */
import { Actor, ModelHabit, accountRecord, apiKeys, planSession, setTransport, signedUpBefore, singleTurn, type BuildContext, type Day, type World } from '../actor';
import { DAY, HOUR, MODELS, NIGHTLY, SECOND } from '../calendar';
import { CHEAP_HOSTING, COUNTRY_PICKER, MAJOR_CLOUDS, Subnet, TLS, cardFingerprint, type Address, type Client } from '../infrastructure';
import { organisation, person, workEmail } from '../identities';
import { benchmarkItem } from '../prompts/benchmarks';
import { AREAS, usesTools } from '../prompts/problems';
import { profile, respond } from '../responses';
import { tokensOf, type AccountRecord, type EventRecord } from '../records';
import { Rng } from '../random';

const HARNESSES: readonly Client[] = [
  { ua: 'lm-eval-harness/0.4.5 atlas-sdk-python/2.3.1', tls: TLS.python },
  { ua: 'evalkit/1.8.0', tls: TLS.python },
  { ua: 'inspect-ai/0.3.40', tls: TLS.python },
  { ua: 'promptfoo/0.96.1', tls: TLS.node },
];

const ANSWERS = profile({
  median: 420, sigma: 0.8, maxTokens: [1024, 2048, 4096], lengthShare: 0.05, toolShare: 0.04,
  reasoningShare: 0.4, reasoningFraction: [0.3, 0.7], refusalShare: 0.01,
});

const RELEASE_BURST = 1;

export class EvalRunner extends Actor {
  private step = 0;

  constructor(
    account: AccountRecord,
    models: ModelHabit,
    readonly tz: number,
    /** Chance of a run on a given weekday night. */
    readonly nightly: number,
    readonly burst: number,
    readonly servers: readonly Address[],
    readonly client: Client,
    readonly keys: string[],
  ) {
    super(account, 'eval_team', null, models);
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    const release = day.cal.releaseMs;
    if (release >= day.start && release < day.start + DAY) {
      // The new model ships: run the suite against it right away.
      planSession(out, rng, release + rng.range(0.3, 3) * HOUR, Math.round(this.burst * rng.range(1.5, 3)), 5 * SECOND, RELEASE_BURST);
    }
    if (!rng.chance(day.weekend ? this.nightly * 0.3 : this.nightly)) return;
    planSession(out, rng, NIGHTLY.sample(rng, day.start, this.tz), Math.round(rng.lognormal(this.burst, 0.4)), 6 * SECOND);
  }

  fill(ev: EventRecord, ts: number, tag: number, rng: Rng, _world: World): void {
    const area = AREAS[this.step++ % AREAS.length];
    ev.prompt = benchmarkItem(rng, area);
    singleTurn(ev, rng);
    if (usesTools(area)) ev.tool_count = rng.intIn(3, 12);
    ev.input_tokens = tokensOf(ev.prompt) + (ev.tool_count ?? 0) * 150;
    respond(ev, rng, ANSWERS);
    setTransport(ev, this.keys[0], rng.pick(this.servers), this.client);
    ev.model = tag === RELEASE_BURST && ts >= this.models.adoptAt ? MODELS.next : this.models.pick(ts, rng);
  }
}

export function buildEvalTeams(ctx: BuildContext): Actor[] {
  const { rng, cal } = ctx;
  const orgs = ctx.count(5, 2);
  const actors: Actor[] = [];
  for (let o = 0; o < orgs; o++) {
    const org = organisation(rng);
    const country = COUNTRY_PICKER.sample(rng);
    const research = rng.chance(0.5);
    const servers = new Subnet(rng.pick(rng.chance(0.7) ? MAJOR_CLOUDS : CHEAP_HOSTING), rng).hosts(rng, rng.intIn(1, 3));
    const card = research ? undefined : cardFingerprint(rng);
    const client = rng.pick(HARNESSES);
    const members = rng.intIn(2, 4);
    for (let m = 0; m < members; m++) {
      const id = ctx.ids.next();
      const account = accountRecord(id, {
        created: signedUpBefore(cal, rng, 30, 500),
        email: m === 0 && rng.chance(0.5) ? `evals@${org.domain}` : workEmail(person(rng), org.domain, org.convention),
        org_id: org.id,
        plan: research ? 'research' : 'enterprise',
        country: country.code,
        signup_ip: servers[0].ip,
        payment_fp: card,
        verified: true,
      });
      // Benchmarks move to the new model within the hour of release, for most of their runs.
      const models = new ModelHabit(MODELS.old, 0.2, cal.releaseMs + rng.range(0.2, 0.5) * HOUR, 0.7);
      actors.push(new EvalRunner(account, models, country.tz, rng.range(0.25, 0.5), rng.lognormal(110, 0.3), servers, client, apiKeys(id, rng, 1)));
    }
  }
  return actors;
}
