import { describe, expect, it } from 'vitest';
import { context, features } from '../../../tools/testing/features';
import { signupProgramme } from './signup-programme';

describe('SIGNUP_PROGRAMME', () => {
  it.each(['education', 'startup', 'research'])('is full strength for an unverified %s programme sign-up, naming the programme', (plan) => {
    const out = signupProgramme.evaluate(features(), context({ plan, verified: false }));
    expect(out.strength).toBe(1);
    expect(out.detail).toBe(`signed up through the ${plan} programme and never verified`);
  });

  it('is partial for an unverified free or pay-as-you-go account', () => {
    expect(signupProgramme.evaluate(features(), context({ plan: 'payg', verified: false }))).toEqual({ strength: 0.4, detail: 'identity never verified' });
    expect(signupProgramme.evaluate(features(), context({ plan: 'free', verified: null })).strength).toBe(0.4);
  });

  it('a verified programme account (a real university class) is not a programme sign-up risk', () => {
    expect(signupProgramme.evaluate(features(), context({ plan: 'education', verified: true })).strength).toBe(0);
  });

  it('an unverified enterprise account is not a programme sign-up', () => {
    expect(signupProgramme.evaluate(features(), context({ plan: 'enterprise', verified: false })).strength).toBe(0);
  });
});
