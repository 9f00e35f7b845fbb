/**
 * Who may export a legal case file: leads and legal (`export`). Checked here,
 * by buildCaseFile itself, for the route and the CLI alike; the CLI without
 * --user exports as the operating-system account that holds the store.
 */
import { assertCan, type Actor } from '../auth/permissions';

export function assertMayExport(actor: Actor, caseId?: string): void {
  assertCan(actor, 'export', 'export case files: leads and legal do', caseId);
}
