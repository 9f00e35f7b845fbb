/**
 * eval_harness_s1..s3: an evaluation team of one verified research
 * organisation running a benchmark harness: single-turn items across every
 * capability area, with the "think step by step" instructions benchmarks
 * really use, long reasoning answers, in night runs.
 *
 * Strength: s1 members use different harnesses and machines, a third of
 * nights; s2 runs one harness from one datacenter subnet and re-runs the
 * suite on the new model within the hour of its release; s3 adds new
 * research-plan accounts signed up inside the window, half of them not yet
 * verified, and runs from cron at a fixed minute of the hour, capped at 2,048
 * tokens that long answers hit.
 */
import { ModelHabit, accountRecord, apiKeys, plan, planSession, setTransport, signedUpBefore, type Actor, type BuildContext, type Day, type World } from '../actor';
import { DAY, HOUR, MINUTE, MODELS, NIGHTLY, SECOND } from '../calendar';
import { MAJOR_CLOUDS, Subnet, TLS, cardFingerprint, countryByCode, type Address, type Client } from '../infrastructure';
import { organisation, person, workEmail } from '../identities';
import { benchmarkItem } from '../prompts/benchmarks';
import { AREAS, usesTools } from '../prompts/problems';
import { profile, type ResponseProfile } from '../responses';
import type { AccountRecord, EventRecord } from '../records';
import { Rng } from '../random';
import type { Strength } from '../roster';
import { CrowdMember, oneShot } from './crowd';

const HARNESSES: readonly Client[] = [
  { ua: 'lm-eval-harness/0.4.5 atlas-sdk-python/2.3.1', tls: TLS.python },
  { ua: 'inspect-ai/0.3.40', tls: TLS.python },
  { ua: 'evalkit/1.8.0', tls: TLS.python },
  { ua: 'helm/0.5.4 atlas-sdk-python/2.2.0', tls: TLS.python },
];
const RELEASE = 1;

export class HarnessRunner extends CrowdMember {
  private step = 0;

  constructor(
    account: AccountRecord,
    population: string,
    models: ModelHabit,
    readonly strength: Strength,
    readonly tz: number,
    readonly nightly: number,
    readonly items: number,
    /** Minute of the hour cron starts runs at (s3), else -1. */
    readonly cronMinute: number,
    readonly answers: ResponseProfile,
    readonly servers: readonly Address[],
    readonly client: Client,
    readonly keys: string[],
  ) {
    super(account, population, models, 1);
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    const release = day.cal.releaseMs;
    if (this.strength >= 2 && release >= day.start && release < day.start + DAY) planSession(out, rng, release + rng.range(0.2, 0.9) * HOUR, this.items, 6 * SECOND, RELEASE);
    if (!rng.chance(day.weekend ? this.nightly * 0.3 : this.nightly)) return;
    if (this.cronMinute >= 0) {
      const hour = rng.pick([22, 23, 0, 1, 2]);
      let t = day.start + (((hour - this.tz + 24) % 24) * HOUR) + this.cronMinute * MINUTE;
      for (let i = 0; i < this.items; i++, t += 9 * SECOND + rng.int(3 * SECOND)) plan(out, t);
    } else planSession(out, rng, NIGHTLY.sample(rng, day.start, this.tz), Math.round(rng.lognormal(this.items, 0.3)), 7 * SECOND);
  }

  fill(ev: EventRecord, ts: number, tag: number, rng: Rng, _world: World): void {
    const area = AREAS[this.step++ % AREAS.length];
    oneShot(ev, rng, benchmarkItem(rng, area), this.answers);
    if (usesTools(area)) ev.tool_count = rng.intIn(3, 12);
    setTransport(ev, this.keys[0], rng.pick(this.servers), this.client);
    ev.model = tag === RELEASE && ts >= day0(this.models) ? MODELS.next : this.models.pick(ts, rng);
  }
}

function day0(m: ModelHabit): number {
  return m.adoptAt;
}

export function buildEvalHarness(ctx: BuildContext, strength: Strength, population: string): Actor[] {
  const { rng, cal } = ctx;
  const n = ctx.count(6 + 6 * strength, 4);
  const org = organisation(rng);
  const country = countryByCode(rng.pick(['US', 'GB', 'DE', 'SG']));
  const shared = new Subnet(rng.pick(MAJOR_CLOUDS), rng).hosts(rng, 3);
  const card = cardFingerprint(rng);
  const harness = rng.pick(HARNESSES);
  const cron = strength === 3 ? rng.intIn(0, 59) : -1;
  const answers = profile({
    median: [700, 900, 1200][strength - 1], sigma: 0.7, maxTokens: strength === 3 ? [2048] : [4096, 8192], lengthShare: 0.02, toolShare: 0.03,
    reasoningShare: 0.5, reasoningFraction: [0.3, 0.7], refusalShare: 0.005,
  });
  const actors: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const fresh = strength === 3 && i % 2 === 1;
    const id = ctx.ids.next();
    const account = accountRecord(id, {
      created: fresh ? cal.startMs + rng.range(1, Math.min(12, cal.days - 2)) * DAY : signedUpBefore(cal, rng, 20, 500),
      email: workEmail(person(rng), org.domain, org.convention),
      org_id: org.id,
      plan: fresh ? 'research' : 'enterprise',
      country: country.code,
      signup_ip: shared[0].ip,
      payment_fp: fresh ? undefined : card,
      verified: !fresh || rng.chance(0.5),
    });
    const servers = strength === 1 ? new Subnet(rng.pick(MAJOR_CLOUDS), rng).hosts(rng, 2) : shared;
    const models = new ModelHabit(MODELS.old, 0.1, cal.releaseMs + rng.range(0.2, 0.6) * HOUR, strength === 1 ? 0.3 : 0.7);
    actors.push(new HarnessRunner(
      account, population, models, strength, country.tz, [0.3, 0.4, 0.5][strength - 1], Math.round(rng.lognormal(70, 0.25)), cron, answers, servers,
      strength === 1 ? rng.pick(HARNESSES) : harness, apiKeys(id, rng, 1),
    ));
  }
  return actors;
}
