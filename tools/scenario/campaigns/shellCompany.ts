import type { Actor, BuildContext } from '../actor';
export const SHELL_COMPANY = 'camp_shell_company';
export function buildShellCompany(_ctx: BuildContext): Actor[] { return []; }
