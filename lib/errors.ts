/**
 * Errors the domain raises on purpose. Each maps to one HTTP status
 * (lib/http/answer-error.ts) and to a one-line CLI message, so the
 * dashboard and the command line refuse the same things in the same words.
 */
/** Input that passed the schema but breaks a rule (400). */
export class InputError extends Error {}

/** The thing named does not exist (404). */
export class NotFoundError extends Error {}

/** Someone else changed the thing first, or it is already in that state (409). */
export class ConflictError extends Error {}

/**
 * The user may not do this (403). Carries what was refused so the caller can
 * record the refusal in the audit trail after its transaction rolled back.
 */
export class ForbiddenError extends Error {
  constructor(
    message: string,
    /** `permission`: the missing permission, or what else was lacking (e.g. 'session'). */
    readonly denied: { actor: string; permission: string; caseId?: string },
  ) {
    super(message);
  }
}
