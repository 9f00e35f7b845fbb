import { ramp, share } from '../../features/account-features';
import { none, pct, type RingSignal } from './ring-signal';

/**
 * Verified organisations that pay with one another's cards: companies keep
 * their own card; several fresh "companies" on a few cards are fronts of one
 * payer, verification or not. (A company's staff on the company card is the
 * structure RING_ONE_ORGANISATION explains; this is the opposite.)
 */
export const ringFrontOrganisations: RingSignal = {
  code: 'RING_FRONT_ORGANISATIONS',
  evaluate(c) {
    if (c.fronts < 2) return none;
    const s = share(c.frontStaff, c.size);
    return {
      strength: ramp(s, 0.3, 0.7) * ramp(c.fronts, 1, 3),
      detail: `${pct(s)} of members belong to ${c.fronts} verified organisations that pay with one another's cards`,
    };
  },
};
