/**
 * camp_agentic: an agentic reasoning / tool use / coding / computer use /
 * vision sweep. Hundreds of unverified accounts signed up through education
 * and startup programmes in bursts, e-mail local parts from one generator,
 * one custom client (user agent + TLS fingerprint), a residential proxy that
 * changes address on every request, full throttle from the first day.
 */
import { Actor, ModelHabit, accountRecord, apiKeys, planUniform, setTransport, singleTurn, type BuildContext, type Day, type World } from '../actor';
import { DAY, HOUR, MINUTE, MODELS } from '../calendar';
import { cardFingerprint, residentialAnywhere, type Client } from '../infrastructure';
import { DISPOSABLE_DOMAINS, FIRST_NAMES, LAST_NAMES, THROWAWAY_DOMAINS } from '../identities';
import { agenticSweep } from '../prompts/extraction';
import { spice } from '../prompts/nasties';
import { renderAsk } from '../perturb';
import { profile, respond } from '../responses';
import { tokensOf, type AccountRecord, type EventRecord } from '../records';
import { Rng } from '../random';

export const AGENTIC = 'camp_agentic';

const CLIENT: Client = { ua: 'ax-runner/1.3.2 httpx/0.25.2', tls: 't13d1309h2_2c9f1e8ad0b1_7d1b2d6ac0ff' };

const ANSWERS = profile({
  median: 1700, sigma: 0.55, maxTokens: [4096, 8192], lengthShare: 0.18, toolShare: 0.3,
  reasoningShare: 0.6, reasoningFraction: [0.3, 0.7], refusalShare: 0.01,
});

export class SweepAccount extends Actor {
  private step: number;

  constructor(account: AccountRecord, models: ModelHabit, readonly daily: number, readonly tools: number, readonly keys: string[], rng: Rng) {
    super(account, AGENTIC, AGENTIC, models);
    this.step = rng.int(1000);
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    planUniform(out, rng, day.start, day.start + DAY, this.daily / 24);
  }

  fill(ev: EventRecord, ts: number, _tag: number, rng: Rng, world: World): void {
    const { ask } = agenticSweep(rng, this.step++);
    renderAsk(ev, ask, world, rng);
    ev.prompt = spice(ev.prompt, rng);
    singleTurn(ev, rng);
    ev.tool_count = this.tools;
    ev.input_tokens = tokensOf(ev.prompt) + this.tools * 170;
    respond(ev, rng, ANSWERS);
    // The residential proxy hands out a different home address for every request.
    setTransport(ev, this.keys[0], residentialAnywhere(rng), CLIENT);
    ev.model = this.models.pick(ts, rng);
  }
}

/** One generator's idea of a plausible address: name, initial, four digits. */
function patternedEmail(rng: Rng): string {
  const domains = rng.chance(0.6) ? DISPOSABLE_DOMAINS : THROWAWAY_DOMAINS;
  return `${rng.pick(FIRST_NAMES)}.${rng.pick(LAST_NAMES)[0]}${rng.digits(4)}@${rng.pick(domains)}`;
}

export function buildAgentic(ctx: BuildContext): Actor[] {
  const { rng, cal } = ctx;
  const n = ctx.count(22, 6);
  const bursts = [-12, 4, 14].filter((d) => d < cal.days - 1).map((d) => cal.startMs + d * DAY + rng.range(0, 20) * HOUR);
  const cards = Array.from({ length: 3 }, () => cardFingerprint(rng));
  const tools = rng.pick([14, 18, 22]);
  const actors: Actor[] = [];
  for (let i = 0; i < n; i++) {
    // Accounts of one burst are created within a few hours of each other.
    const created = bursts[i % bursts.length] + rng.range(0, 3) * HOUR;
    const education = rng.chance(0.5);
    const id = ctx.ids.next();
    const account = accountRecord(id, {
      created,
      email: patternedEmail(rng),
      plan: education ? 'education' : 'startup',
      country: rng.pick(['US', 'SG', 'GB', 'CA', 'DE', 'JP']),
      signup_ip: residentialAnywhere(rng).ip,
      payment_fp: education ? undefined : rng.pick(cards),
      verified: false,
    });
    const models = new ModelHabit(MODELS.old, 0, cal.releaseMs + rng.range(6, 48) * HOUR, 0.3);
    const actor = new SweepAccount(account, models, rng.lognormal(300, 0.25), tools, apiKeys(id, rng, 1), rng);
    // Full throttle from the first hour.
    actor.activeFrom = created + rng.range(5, 40) * MINUTE;
    actors.push(actor);
  }
  return actors;
}
