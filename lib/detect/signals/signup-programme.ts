import type { Signal } from './signal';

const PROGRAMMES = new Set(['education', 'startup', 'research']);

/** Signed up through an education, startup or research programme and not verified. */
export const signupProgramme: Signal = {
  code: 'SIGNUP_PROGRAMME',
  evaluate(_f, { profile }) {
    const programme = profile.plan !== null && PROGRAMMES.has(profile.plan);
    if (profile.verified) return { strength: 0, detail: '' };
    const strength = programme ? 1 : profile.plan === 'free' || profile.plan === 'payg' || profile.plan === null ? 0.4 : 0;
    const detail = programme ? `signed up through the ${profile.plan} programme and never verified` : 'identity never verified';
    return { strength, detail };
  },
};
