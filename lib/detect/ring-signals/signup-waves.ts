import { ramp, share } from '../../features/account-features';
import { explainedByOrganisations } from './one-organisation';
import { networkSize, none, pct, type RingSignal } from './ring-signal';

/** Sign-ups this close to the previous one continue a wave… */
const WAVE_GAP_MS = 15 * 60_000;
/** …and a wave is at least this many accounts. */
const WAVE_MIN = 5;

/**
 * Accounts created in bursts — five or more with no more than a quarter of
 * an hour between one and the next — are made by a script or a farm. A class
 * signing up in its first lecture makes one such wave; a network makes many.
 * A verified organisation onboarding its staff is explained.
 */
export const ringSignupWaves: RingSignal = {
  code: 'RING_SIGNUP_WAVES',
  evaluate(c) {
    const size = networkSize(c);
    if (size === 0 || c.signups.length < WAVE_MIN) return none;
    let waves = 0;
    let inWaves = 0;
    let run = 1;
    const close = () => {
      if (run >= WAVE_MIN) {
        waves++;
        inWaves += run;
      }
    };
    for (let i = 1; i < c.signups.length; i++) {
      if (c.signups[i] - c.signups[i - 1] <= WAVE_GAP_MS) run++;
      else {
        close();
        run = 1;
      }
    }
    close();
    const s = share(inWaves, c.signups.length);
    // One wave is a class's first lecture; several are a programme.
    return {
      strength: size * ramp(s, 0.3, 0.8) * ramp(waves, 1, 3) * (1 - explainedByOrganisations(c)),
      detail: `${pct(s)} of members signed up in ${waves} wave${waves === 1 ? '' : 's'} of ${WAVE_MIN} or more accounts minutes apart`,
    };
  },
};
