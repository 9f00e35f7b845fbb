import { ramp, share } from '../../features/account-features';
import { explainedByOrganisations } from './one-organisation';
import { none, type RingSignal } from './ring-signal';

/**
 * k accounts paying with m cards, m ≪ k: one payer behind many accounts. A
 * company's staff on the company card look the same: what its verified
 * organisations explain does not count (one-organisation.ts).
 */
export const ringCardPool: RingSignal = {
  code: 'RING_CARD_POOL',
  evaluate(c) {
    let carded = 0;
    for (const n of c.cards.values()) carded += n;
    if (carded < 4) return none;
    const perCard = carded / c.cards.size;
    return {
      strength: ramp(carded, 3, 10) * ramp(perCard, 2, 6) * ramp(share(carded, c.size), 0.3, 0.7) * (1 - explainedByOrganisations(c)),
      detail: `${carded.toLocaleString('en-US')} of ${c.size.toLocaleString('en-US')} members pay with ${c.cards.size.toLocaleString('en-US')} card${c.cards.size === 1 ? '' : 's'}`,
    };
  },
};
