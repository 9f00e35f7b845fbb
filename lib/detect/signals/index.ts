/** Every behaviour signal, in the order reasons are listed when weights tie. */
import { addressRotation } from './address-rotation';
import { capabilitySweep } from './capability-sweep';
import { conversationDepth } from './conversation-depth';
import { cotElicitation } from './cot-elicitation';
import { gradingAndRewrites } from './grading-and-rewrites';
import { intermittentRuns } from './intermittent-runs';
import { machineRhythm } from './machine-rhythm';
import { modelPivot } from './model-pivot';
import { newAccountFullThrottle } from './new-account-full-throttle';
import { noDiurnalCycle } from './no-diurnal-cycle';
import { outputAtCap } from './output-at-cap';
import { planMismatch } from './plan-mismatch';
import { probing } from './probing';
import { reasoningHarvest } from './reasoning-harvest';
import { shortOutputs } from './short-outputs';
import type { Signal } from './signal';
import { signupProgramme } from './signup-programme';
import { singleTurn } from './single-turn';
import { templateConcentration } from './template-concentration';
import { verifiedOrganisation } from './verified-organisation';

export const SIGNALS: Signal[] = [
  cotElicitation, gradingAndRewrites, templateConcentration, capabilitySweep, singleTurn, outputAtCap,
  reasoningHarvest, machineRhythm, noDiurnalCycle, signupProgramme, newAccountFullThrottle, planMismatch,
  modelPivot, probing, addressRotation, conversationDepth, verifiedOrganisation, shortOutputs,
  intermittentRuns,
];
