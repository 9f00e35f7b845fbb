import { ramp } from '../../features/account-features';
import { DAY_MS } from '../../features/window';
import { none, type Signal } from './signal';

const SMALL_PLANS = new Set(['free', 'payg', 'education', 'startup', 'research']);

/** Enterprise-scale throughput on a pay-as-you-go or programme plan, unverified. */
export const planMismatch: Signal = {
  code: 'PLAN_MISMATCH',
  evaluate(f, { profile }) {
    if (profile.verified || profile.plan === null || !SMALL_PLANS.has(profile.plan)) return none;
    const days = Math.max(1, (f.lastTs - f.firstTs) / DAY_MS);
    const perDay = f.n / days;
    const tokensPerDay = (f.inputTokens + f.outputTokens) / days;
    return {
      strength: Math.max(ramp(perDay, 150, 600), ramp(tokensPerDay, 3e5, 2e6)),
      detail: `${Math.round(perDay)} requests and ${Math.round(tokensPerDay / 1000)}k tokens a day on an unverified ${profile.plan} plan`,
    };
  },
};
