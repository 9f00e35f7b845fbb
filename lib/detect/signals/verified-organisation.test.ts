import { describe, expect, it } from 'vitest';
import { context, features } from '../../../tools/testing/features';
import { verifiedOrganisation } from './verified-organisation';

describe('VERIFIED_ORGANISATION (mitigating)', () => {
  it('is full strength for a verified account of a named organisation on an enterprise plan, and names it', () => {
    const out = verifiedOrganisation.evaluate(features(), context({ verified: true, orgId: 'org_acme', plan: 'enterprise' }));
    expect(out).toEqual({ strength: 1, detail: 'verified account of organisation org_acme on the enterprise plan' });
  });

  it('a verified research lab counts in full too', () => {
    expect(verifiedOrganisation.evaluate(features(), context({ verified: true, orgId: 'org_lab', plan: 'research' })).strength).toBe(1);
  });

  it('is partial with only an organisation, or only the plan, and weak for a verified individual', () => {
    expect(verifiedOrganisation.evaluate(features(), context({ verified: true, orgId: 'org_acme', plan: 'payg' })).strength).toBe(0.6);
    expect(verifiedOrganisation.evaluate(features(), context({ verified: true, orgId: null, plan: 'enterprise' })).strength).toBe(0.6);
    expect(verifiedOrganisation.evaluate(features(), context({ verified: true, orgId: null, plan: 'payg' }))).toEqual({
      strength: 0.3,
      detail: 'verified account on the payg plan',
    });
  });

  it('an unverified account claiming an organisation earns nothing', () => {
    expect(verifiedOrganisation.evaluate(features(), context({ verified: false, orgId: 'org_acme', plan: 'enterprise' })).strength).toBe(0);
    expect(verifiedOrganisation.evaluate(features(), context({ verified: null, orgId: 'org_acme', plan: 'enterprise' })).strength).toBe(0);
  });
});
