/** What the audit trail records. Add new actions here, never rename one. */
export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'sign_in_throttled',
  'sign_out',
  'access_denied',
  'user_created',
  'user_disabled',
  'api_token_created',
  'case_opened',
  'case_decided',
  'case_assigned',
  'note_added',
  'intel_exported',
  'intel_imported',
  /** A legal case file was exported; details carry the manifest's SHA-256. */
  'case_exported',
  'api_token_revoked',
  /** An admin added, changed or removed a webhook (lib/webhooks/manage.ts); details never carry its secret. */
  'webhook_created',
  'webhook_updated',
  'webhook_deleted',
  /** The scheduler ran, or failed to run, detection for a day (lib/schedule). */
  'scheduled_run',
  /** Retention deleted events and evidence older than its cutoff (lib/retention). */
  'retention_pruned',
  /** Members of a ring's case excluded as false positives, or reinstated; details list them with the reason. */
  'case_members_excluded',
  'case_members_reinstated',
  /** An exchange pinned to a case as evidence, or unpinned. */
  'evidence_pinned',
  'evidence_unpinned',
  /** An admin changed a user: role, password reset, enabled again after being disabled. */
  'user_role_changed',
  'user_password_reset',
  'user_enabled',
  /** A case snoozed until a date, or woken early (lib/cases/snooze.ts). */
  'case_snoozed',
  'case_woken',
  /** A closed case's disposition changed (a new row; the first comes with the closing decision). */
  'case_disposition_changed',
  /** Members split off a ring's case into a new case (on the original; the new case's `case_opened` says `split_from`). */
  'case_split',
  /** One ring's case merged into another: on the absorbed case (`case_merged_into`) and the survivor (`case_absorbed`). */
  'case_merged_into',
  'case_absorbed',
  /** A saved view of the queue was saved or deleted (lib/alerts/saved-views.ts). */
  'view_saved',
  'view_deleted',
  /** A view of a ring's graph saved into the ring's case (lib/cases/graph-views.ts). */
  'graph_view_saved',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
