/** Every ring-level signal, in the order reasons are listed when weights tie. */
import type { RingScoring } from '../../graph/rings';
import { ringCampus } from './campus';
import { ringCapabilityCoverage } from './capability-coverage';
import { ringCardPool } from './card-pool';
import { ringConversational } from './conversational';
import { ringFrontOrganisations } from './front-organisations';
import { ringHarvest } from './harvest';
import { ringHostingExits } from './hosting-exits';
import { ringOneOrganisation } from './one-organisation';
import type { RingSignal } from './ring-signal';
import { ringSharedSkeleton } from './shared-skeleton';
import { ringSignupWaves } from './signup-waves';
import { ringSingleTurnLongform } from './single-turn-longform';
import { ringSuspiciousMembers } from './suspicious-members';

export function ringSignals(scoring: RingScoring): RingSignal[] {
  return [
    ringSuspiciousMembers(scoring), ringHarvest, ringSingleTurnLongform, ringCapabilityCoverage, ringSharedSkeleton,
    ringSignupWaves, ringCardPool, ringFrontOrganisations, ringHostingExits, ringConversational, ringOneOrganisation, ringCampus,
  ];
}
