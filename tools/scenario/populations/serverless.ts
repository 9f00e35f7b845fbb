/**
 * serverless: startups hosted on a serverless platform. The platform's few
 * egress addresses are shared by hundreds of unrelated customers, so a shared
 * IP here links nothing: each customer has its own app, card and domain.
 */
import { ModelHabit, accountRecord, apiKeys, signedUpBefore, type Actor, type BuildContext } from '../actor';
import { COUNTRY_PICKER, HOSTING, TLS, Subnet, cardFingerprint, homeLine, type Client } from '../infrastructure';
import { organisation, person, workEmail } from '../identities';
import { app } from '../prompts/apps';
import { AppActor, pinnedModel } from './appDeveloper';

const RUNTIMES: readonly Client[] = [
  { ua: 'atlas-sdk-js/2.1.0 (edge-runtime)', tls: TLS.node },
  { ua: 'atlas-sdk-js/2.0.7 (node/20.11)', tls: TLS.node },
  { ua: 'undici', tls: TLS.node },
  { ua: 'atlas-sdk-python/2.3.1 (lambda)', tls: TLS.python },
];

export function buildServerless(ctx: BuildContext): Actor[] {
  const { rng, cal } = ctx;
  const platforms = ctx.count(2, 1);
  const perPlatform = Math.max(20, Math.round(ctx.count(400, 20) / platforms));
  const actors: Actor[] = [];
  for (let p = 0; p < platforms; p++) {
    // A handful of NAT egress addresses in one cloud network, used by every tenant.
    const network = rng.chance(0.6) ? HOSTING.aws : HOSTING.cloudflare;
    const egress = new Subnet(network, rng).hosts(rng, rng.intIn(4, 8));
    for (let i = 0; i < perPlatform; i++) {
      const country = COUNTRY_PICKER.sample(rng);
      const org = organisation(rng);
      const id = ctx.ids.next();
      const account = accountRecord(id, {
        created: signedUpBefore(cal, rng, 5, 500),
        email: workEmail(person(rng), org.domain, org.convention),
        org_id: rng.chance(0.4) ? org.id : undefined,
        plan: rng.chance(0.6) ? 'payg' : 'startup',
        country: country.code,
        signup_ip: homeLine(country, rng).current.ip,
        payment_fp: cardFingerprint(rng),
        verified: rng.chance(0.4),
      });
      // Some tenants serve a global audience or run cron jobs: no day/night rhythm.
      const roundTheClock = rng.chance(0.3);
      const traffic = { daily: Math.min(200, rng.lognormal(1.3, 1.2)), humanShare: roundTheClock ? 0.1 : rng.range(0.6, 0.95), tz: country.tz };
      const models: ModelHabit = pinnedModel(rng);
      actors.push(new AppActor(account, 'serverless', models, app(rng), traffic, egress, rng.pick(RUNTIMES), apiKeys(id, rng, 1), rng));
    }
  }
  return actors;
}
