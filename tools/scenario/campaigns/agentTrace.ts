import type { Actor, BuildContext } from '../actor';
export const AGENT_TRACE = 'camp_agent_trace';
export function buildAgentTrace(_ctx: BuildContext): Actor[] { return []; }
