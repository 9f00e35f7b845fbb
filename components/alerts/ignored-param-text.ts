import type { IgnoredParam } from '../../lib/alerts/view';
import { showInvisibles } from '../../lib/text/visible-text';

const MAX_SHOWN = 40;

/** The sentence the queue shows for a URL value it left out: `Ignored min_score=“2”: expected a score from 0 to 1.` */
export function ignoredParamText(i: IgnoredParam): string {
  const value = i.value.length > MAX_SHOWN ? `${i.value.slice(0, MAX_SHOWN)}…` : i.value;
  return `Ignored ${showInvisibles(i.param)}=“${showInvisibles(value)}”: ${i.why}.`;
}
