/** The raw figures kept with each score (scores.features), for the account page and audits. */
import { CAPABILITIES } from '../domain';
import { activeDays, activeHours, gapVariation, minuteConcentration, share, topTemplateShare, type AccountFeatures } from '../features/account-features';
import type { Evidence } from './model';

const r3 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null);

export function featureSummary(f: AccountFeatures, evidence: Evidence[]) {
  const capabilities: Record<string, number> = {};
  f.capabilities.forEach((c, i) => {
    if (c > 0) capabilities[CAPABILITIES[i]] = c;
  });
  return {
    events: f.n,
    first_event: new Date(f.firstTs).toISOString(),
    last_event: new Date(f.lastTs).toISOString(),
    input_tokens: f.inputTokens,
    output_tokens: f.outputTokens,
    avg_output_tokens: r3(share(f.outputTokens, f.n)),
    cot_share: r3(share(f.cot, f.n)),
    rubric_share: r3(share(f.rubric, f.n)),
    safe_rewrite_share: r3(share(f.safeRewrite, f.n)),
    at_cap_share: r3(share(f.atCap, f.n)),
    follow_up_share: r3(share(f.followUps, f.n)),
    top5_template_share: r3(topTemplateShare(f, 5)),
    templates: f.templates.size,
    active_hours: activeHours(f),
    active_days: activeDays(f),
    gap_variation: r3(gapVariation(f)),
    minute_concentration: r3(minuteConcentration(f)),
    distinct_ips: f.ips.size + f.moreIps,
    networks: f.asns.size,
    clients: f.clients.size,
    capabilities,
    signals: Object.fromEntries(evidence.map((e) => [e.code, r3(e.strength)])),
  };
}
