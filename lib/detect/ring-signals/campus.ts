import { ramp, share } from '../../features/account-features';
import { beyondHumanVolume, networkSize, none, pct, type RingSignal } from './ring-signal';
import type { RingCollective } from './collective';

/**
 * How far the ring is a class on its campus: the share of its traffic from
 * university and research networks (lib/domain/education-networks.ts), up
 * to a volume no student reads. A campus's egress is hard to rent.
 */
export function onCampus(c: RingCollective): number {
  if (c.events === 0) return 0;
  return ramp(share(c.campus, c.events), 0.3, 0.7) * (1 - beyondHumanVolume(c));
}

/**
 * Mitigating: the ring is a class on a campus — its lectures, labs and lab
 * kits are the university's, and so are its shared exercises and its
 * sign-ups at the start of term (which the campus explains, as an
 * organisation explains its staff's card).
 */
export const ringCampus: RingSignal = {
  code: 'RING_CAMPUS',
  evaluate(c) {
    const size = networkSize(c);
    if (size === 0 || c.campus === 0) return none;
    return {
      strength: size * onCampus(c),
      detail: `${pct(share(c.campus, c.events))} of the ring's traffic comes from university and research networks: a class on its campus`,
    };
  },
};
