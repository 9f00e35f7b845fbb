import { ramp, share } from '../../features/account-features';
import { explainedByOrganisations } from './one-organisation';
import { networkSize, none, pct, type RingSignal } from './ring-signal';

/**
 * Traffic leaving from rented servers rather than home or mobile lines. One
 * app on a cloud is ordinary; a crowd of people — a class, a carrier's
 * users, a course — comes from homes and phones, a network from exits. A
 * verified organisation's staff running jobs on its cloud are explained.
 */
export const ringHostingExits: RingSignal = {
  code: 'RING_HOSTING_EXITS',
  evaluate(c) {
    const size = networkSize(c);
    if (size === 0 || c.events === 0) return none;
    const s = share(c.hosted, c.events);
    return { strength: size * ramp(s, 0.3, 0.8) * (1 - explainedByOrganisations(c)), detail: `${pct(s)} of the ring's traffic leaves from hosting networks, not home or mobile lines` };
  },
};
