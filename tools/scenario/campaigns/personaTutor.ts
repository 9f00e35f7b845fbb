import type { Actor, BuildContext } from '../actor';
export const PERSONA_TUTOR = 'camp_persona_tutor';
export function buildPersonaTutor(_ctx: BuildContext): Actor[] { return []; }
