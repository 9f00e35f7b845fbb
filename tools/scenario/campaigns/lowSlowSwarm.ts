import type { Actor, BuildContext } from '../actor';
export const LOW_SLOW_SWARM = 'camp_low_slow_swarm';
export function buildLowSlowSwarm(_ctx: BuildContext): Actor[] { return []; }
