import { ramp, share } from '../../features/account-features';
import { longPerMember, none, nudgedHarvest, pct, type RingSignal } from './ring-signal';
import type { RingCollective } from './collective';
import { SUSPECT_OWN } from '../../graph/rings';
import { onCampus } from './campus';

/** Share of the ring's members on the staff of the verified organisations in it. */
export const staffShare = (c: RingCollective) => share(c.organisationStaff, c.size);

/**
 * An organisation explains sharing a card, an egress, a client, a template
 * and an onboarding day, and a team's workload; it does not explain each of
 * its accounts drawing long answers at many times an engineer's or a
 * benchmark's pace, nor members that are suspicious on their own (their own
 * scores already count their verification), nor follow-ups that nearly all
 * draw another long answer (harvest nudges; a team's follow-ups are work).
 */
function teamLike(c: RingCollective): number {
  const suspects = c.own.filter((x) => x >= SUSPECT_OWN).length;
  return (1 - ramp(longPerMember(c), 500, 1000)) * (1 - share(suspects, c.own.length)) * (1 - nudgedHarvest(c));
}

/**
 * How much of the ring's shared structure — a card, exits, a skeleton,
 * sign-up waves — its institutions explain (0–1): its verified
 * organisations, or the campus its class sits on. The structure signals
 * count for the rest.
 */
export const explainedByOrganisations = (c: RingCollective) => Math.max(staffShare(c) * teamLike(c), onCampus(c));

/**
 * Mitigating (up to a volume no team reads, and for members not suspicious
 * on their own; see teamLike): the members are the
 * staff of a verified organisation — a company's staff share a card, an
 * egress and a client — or of a few, each a team (evaluation teams of
 * several labs running one open-source harness). Only verified accounts
 * count (an org id is self-declared), and a verified shell whose members
 * harvest still shows it in every other ring signal.
 */
export const ringOneOrganisation: RingSignal = {
  code: 'RING_ONE_ORGANISATION',
  evaluate(c) {
    if (c.organisationStaff < 2) return none;
    const s = staffShare(c);
    const of = c.organisations === 1 ? 'one verified organisation' : `${c.organisations} verified organisations, each a team of two or more`;
    return { strength: ramp(s, 0.5, 0.9) * teamLike(c), detail: `${pct(s)} of members are the staff of ${of}` };
  },
};
