/**
 * Who may do what: the one place the role rules live. Pages, route handlers,
 * the CLI and lib/cases all ask `can(role, permission)`.
 */
import type { Role } from '../domain';
import { ForbiddenError } from '../errors';

export const PERMISSIONS = [
  /** See the queue, cases, accounts and rings. */
  'read',
  /** Add notes to cases, assign them. */
  'work_cases',
  /** Confirm, dismiss or escalate a case that was never escalated. */
  'decide',
  /** Decide a case that is, or once was, escalated. */
  'decide_escalated',
  /** Export a legal case file. */
  'export',
  /** Export indicators to partner labs. */
  'export_intel',
  /** Create and disable dashboard users. */
  'manage_users',
  /** Configure the webhooks alerts go out through, and read their delivery log. */
  'manage_webhooks',
  /** Load logs into the store through the API (POST /api/ingest, with a token scoped `ingest`). */
  'ingest',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

// Admins run the installation, not investigations: they do not decide cases.
const GRANTS: Record<Role, readonly Permission[]> = {
  analyst: ['read', 'work_cases', 'decide'],
  lead: ['read', 'work_cases', 'decide', 'decide_escalated', 'export', 'export_intel'],
  legal: ['read', 'work_cases', 'decide', 'decide_escalated', 'export', 'export_intel'],
  admin: ['read', 'manage_users', 'manage_webhooks', 'ingest'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role]?.includes(permission) ?? false;
}

/** Refuses (403) an actor whose role lacks `permission`: "<name> (<role>) may not <what>". */
export function assertCan(actor: Actor, permission: Permission, what: string, caseId?: string): void {
  if (can(actor.role, permission)) return;
  throw new ForbiddenError(`${actor.name} (${actor.role}) may not ${what}`, { actor: actor.name, permission, ...(caseId ? { caseId } : {}) });
}

export function permissionsOf(role: Role): Permission[] {
  return [...(GRANTS[role] ?? [])];
}

/** Whoever acts: a signed-in user, or a named user on the command line. */
export interface Actor {
  name: string;
  role: Role;
}
