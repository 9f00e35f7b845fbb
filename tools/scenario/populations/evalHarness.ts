import type { Actor, BuildContext } from '../actor';
import type { Strength } from '../roster';
export function buildEvalHarness(_ctx: BuildContext, _s: Strength, _population: string): Actor[] { return []; }
