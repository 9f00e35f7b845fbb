/**
 * Who may export a legal case file: leads and legal (`export`). Checked here,
 * by buildCaseFile itself, for the route and the CLI alike; the CLI without
 * --user exports as the operating-system account that holds the store.
 */
import type { Actor } from '../auth/permissions';
import { can } from '../auth/permissions';
import { ForbiddenError } from '../errors';

export function assertMayExport(actor: Actor, caseId?: string): void {
  if (can(actor.role, 'export')) return;
  throw new ForbiddenError(`${actor.name} (${actor.role}) may not export case files: leads and legal do`, {
    actor: actor.name,
    permission: 'export',
    ...(caseId ? { caseId } : {}),
  });
}
