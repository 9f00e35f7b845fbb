import type { Actor, BuildContext } from '../actor';
export const RARE_CLIENT = 'camp_rare_client';
export function buildRareClient(_ctx: BuildContext): Actor[] { return []; }
