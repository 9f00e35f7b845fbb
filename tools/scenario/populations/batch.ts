/**
 * batch: enterprise batch jobs. Templated single-turn prompts at a machine's
 * pace, round the clock or in a nightly window, from the company's own cloud.
 * Everything a volume-and-regularity detector fears, except that the answers
 * are a label or a few fields.
 */
import { Actor, ModelHabit, accountRecord, apiKeys, planPeriodic, setTransport, signedUpBefore, type BuildContext, type Day, type World } from '../actor';
import { DAY, HOUR, MODELS } from '../calendar';
import { COUNTRY_PICKER, MAJOR_CLOUDS, SDKS, Subnet, cardFingerprint, type Address, type Client } from '../infrastructure';
import { organisation, type Organisation } from '../identities';
import { batchJob, type BatchJob } from '../prompts/batch';
import { profile, respond, type ResponseProfile } from '../responses';
import { tokensOf, type AccountRecord, type EventRecord } from '../records';
import { Rng } from '../random';

export class BatchJobRunner extends Actor {
  readonly answers: ResponseProfile;

  constructor(
    account: AccountRecord,
    models: ModelHabit,
    readonly job: BatchJob,
    /** Requests per hour while running. */
    readonly perHour: number,
    /** Nightly jobs run only in [start, start + length) hours UTC; null = round the clock. */
    readonly window: { start: number; hours: number } | null,
    readonly phase: number,
    readonly servers: readonly Address[],
    readonly client: Client,
    readonly keys: string[],
  ) {
    super(account, 'batch', null, models);
    const [lo, hi] = job.output;
    this.answers = profile({ median: Math.sqrt(lo * hi), sigma: 0.35, maxTokens: [job.maxTokens], lengthShare: 0.002, refusalShare: 0 });
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    const from = this.window ? day.start + this.window.start * HOUR : day.start;
    const to = this.window ? from + this.window.hours * HOUR : day.start + DAY;
    planPeriodic(out, rng, from, to, HOUR / this.perHour, this.phase, 1500);
  }

  fill(ev: EventRecord, ts: number, _tag: number, rng: Rng, _world: World): void {
    ev.prompt = this.job.prompt(rng);
    ev.input_tokens = tokensOf(ev.prompt);
    respond(ev, rng, this.answers);
    const [lo, hi] = this.job.output;
    if (ev.finish_reason === 'stop') ev.output_tokens = Math.min(hi, Math.max(lo, ev.output_tokens));
    setTransport(ev, this.keys[0], rng.pick(this.servers), this.client);
    ev.model = this.models.pick(ts, rng);
  }
}

export function buildBatch(ctx: BuildContext): Actor[] {
  const { rng, cal } = ctx;
  const n = ctx.count(12, 3);
  const actors: Actor[] = [];
  let org: Organisation = organisation(rng);
  let servers: Address[] = [];
  let card = '';
  for (let i = 0; i < n; i++) {
    // Two or three jobs per company, sharing its cloud account, servers and invoice card.
    if (i % 3 === 0 || (i % 3 === 2 && rng.chance(0.5))) {
      org = organisation(rng);
      servers = new Subnet(rng.pick(MAJOR_CLOUDS), rng).hosts(rng, rng.intIn(1, 4));
      card = cardFingerprint(rng);
    }
    const id = ctx.ids.next();
    const account = accountRecord(id, {
      created: signedUpBefore(cal, rng, 40, 800),
      email: `${rng.pick(['ml-platform', 'svc-batch', 'data-eng', 'ops-automation', 'cx-analytics'])}@${org.domain}`,
      org_id: org.id,
      plan: 'enterprise',
      country: COUNTRY_PICKER.sample(rng).code,
      signup_ip: servers[0].ip,
      payment_fp: card,
      verified: true,
    });
    const job = batchJob(rng);
    const nightly = rng.chance(0.3);
    const perHour = rng.lognormal(5, 0.4) * (nightly ? 4 : 1);
    actors.push(new BatchJobRunner(
      account, ModelHabit.pinned(rng.chance(0.7) ? MODELS.mini : MODELS.old), job, perHour,
      nightly ? { start: rng.intIn(0, 3), hours: rng.intIn(4, 6) } : null, rng.int(HOUR), servers, rng.pick(SDKS.slice(0, 3)), apiKeys(id, rng, 1),
    ));
  }
  return actors;
}
