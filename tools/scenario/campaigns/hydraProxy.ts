import type { Actor, BuildContext } from '../actor';
export const HYDRA_PROXY = 'camp_hydra_proxy';
export function buildHydraProxy(_ctx: BuildContext): Actor[] { return []; }
