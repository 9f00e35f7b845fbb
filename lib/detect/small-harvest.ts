/**
 * SMALL_HARVEST: an account alone is flagged only for a harvest worth
 * distilling from. A weekend hackathon's agent track, a class's step-by-step
 * exercises, draw a few dozen long answers each with every sign of intent;
 * a distiller needs thousands. So an account with fewer than HARVEST_LO long
 * answers in the window has its own score lowered by the hand-set weight of
 * SMALL_HARVEST (model/weights.*.json: not fitted — the scenarios we fit on
 * hold no such crowd), in full below HARVEST_LO and fading out by
 * HARVEST_HI. A network that spreads its harvest over many small accounts
 * is not let off: it is judged as one actor (lib/detect/judge-rings.ts),
 * from behaviour before this mitigation, and raises its members.
 *
 * Added only where it changes the picture (the score before it was at least
 * SHOWN_FROM); like every mitigation it lowers the score and the reasons
 * that remain add up to what is left.
 */
import { ramp } from '../features/account-features';
import type { AccountFeatures } from '../features/account-features';
import { logit, sigmoid, type Evidence, type Model } from './model';

export const HARVEST_LO = 50;
export const HARVEST_HI = 150;
/** Below this own score the mitigation changes nothing worth showing. */
const SHOWN_FROM = 0.5;

export function smallHarvest(f: AccountFeatures, ownBefore: number): Evidence | null {
  const strength = 1 - ramp(f.longAnswers, HARVEST_LO, HARVEST_HI);
  if (strength <= 0 || ownBefore < SHOWN_FROM) return null;
  return {
    code: 'SMALL_HARVEST',
    strength,
    detail: `${f.longAnswers.toLocaleString('en-US')} long answers in the window: too few to distil from on its own (an account is flagged alone from about ${HARVEST_HI}; a network of small accounts is judged as one)`,
  };
}

/** The own score with SMALL_HARVEST added to its evidence, when it applies. */
export function withSmallHarvest(model: Model, f: AccountFeatures, evidence: Evidence[]): { evidence: Evidence[]; own: number } {
  const before = sigmoid(logit(model, evidence));
  const e = smallHarvest(f, before);
  if (!e) return { evidence, own: before };
  const after = [...evidence, e];
  return { evidence: after, own: sigmoid(logit(model, after)) };
}
