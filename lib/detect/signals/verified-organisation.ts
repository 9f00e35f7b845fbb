import type { Signal } from './signal';

/** Mitigating: a verified account of a named organisation on an enterprise or research plan. */
export const verifiedOrganisation: Signal = {
  code: 'VERIFIED_ORGANISATION',
  evaluate(_f, { profile }) {
    if (!profile.verified) return { strength: 0, detail: '' };
    const org = profile.orgId !== null;
    const plan = profile.plan === 'enterprise' || profile.plan === 'research';
    return {
      strength: org && plan ? 1 : org || plan ? 0.6 : 0.3,
      detail: `verified account${org ? ` of organisation ${profile.orgId}` : ''}${profile.plan ? ` on the ${profile.plan} plan` : ''}`,
    };
  },
};
