import type { RingScoring } from '../../graph/rings';
import { SUSPECT_OWN } from '../../graph/rings';
import { ramp } from '../../features/account-features';
import type { RingSignal } from './ring-signal';

/**
 * The members' own behaviour: the larger of ramp(mean own score) and
 * ramp(number suspicious on their own) — the latter only as far as they are
 * a real share of the ring (SUSPECT_SHARE): a network diluted with resold
 * chat has a middling mean but many suspicious members, while eight new
 * accounts among sixty-five of four evaluation teams say little about the
 * teams. Parameters live with the model.
 */
/** Share of members suspicious on their own from which the count starts to count, and from which it counts in full. */
const SUSPECT_SHARE = [0.1, 0.3] as const;

export function ringSuspiciousMembers(scoring: RingScoring): RingSignal {
  return {
    code: 'RING_SUSPICIOUS_MEMBERS',
    evaluate(c) {
      const n = c.own.length;
      if (n === 0) return { strength: 0, detail: '' };
      const mean = c.own.reduce((s, x) => s + x, 0) / n;
      const suspects = c.own.filter((x) => x >= SUSPECT_OWN).length;
      const strength = Math.max(
        ramp(mean, scoring.meanOwnLo, scoring.meanOwnHi),
        scoring.suspectsLo !== undefined && scoring.suspectsHi !== undefined
          ? ramp(suspects, scoring.suspectsLo, scoring.suspectsHi) * ramp(suspects / n, SUSPECT_SHARE[0], SUSPECT_SHARE[1])
          : 0,
      );
      return { strength, detail: `${suspects.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} members are suspicious on their own (mean own score ${mean.toFixed(2)})` };
    },
  };
}
