/**
 * How much each identifier kind links accounts, and from how many accounts
 * it is a hub that links nothing (a serverless platform's egress, a popular
 * SDK's fingerprint, a common e-mail provider): detection's linkage
 * (lib/graph/linkage.ts) weighs by it, and the ring page (lib/rings/ring-shares.ts)
 * marks what the members share but is too common to link.
 */
import type { IdentifierKind } from './index';

export interface KindPolicy {
  base: number;
  /**
   * Weak kinds (e-mail domain and pattern, subnet, sign-up window) are common
   * among unrelated people: they add weight to a link that a strong kind
   * made, and never make one by themselves.
   */
  weak?: boolean;
  /** Share of active accounts beyond which an identifier is a hub… */
  hubShare: number;
  /** …but never below this many accounts (small stores). */
  hubMin: number;
}

export const KIND_POLICY: Record<IdentifierKind, KindPolicy> = {
  payment_fp: { base: 4, hubShare: 0.05, hubMin: 200 },
  ip: { base: 2, hubShare: 0.01, hubMin: 40 },
  subnet: { base: 1, weak: true, hubShare: 0.015, hubMin: 60 },
  client: { base: 1.5, hubShare: 0.015, hubMin: 60 },
  email_domain: { base: 0.6, weak: true, hubShare: 0.01, hubMin: 40 },
  email_pattern: { base: 0.8, weak: true, hubShare: 0.01, hubMin: 40 },
  signup_ip: { base: 2, hubShare: 0.01, hubMin: 40 },
  cohort: { base: 0.6, weak: true, hubShare: 0.01, hubMin: 40 },
  schedule: { base: 1.5, hubShare: 0.02, hubMin: 60 },
  template: { base: 2, weak: true, hubShare: 0.02, hubMin: 60 },
  // A paraphrased skeleton family (skeleton-families.ts): it only corroborates, but sent from one subnet it is a script on its exits.
  skeleton: { base: 2, hubShare: 0.05, hubMin: 100 },
};

export function hubLimit(kind: IdentifierKind, activeAccounts: number): number {
  const p = KIND_POLICY[kind];
  return Math.max(p.hubMin, Math.round(p.hubShare * activeAccounts));
}
