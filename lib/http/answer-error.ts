/**
 * Turns an error thrown by a lib call into the API's answer. A refusal is
 * written to the audit trail here, after the refused transaction rolled back.
 */
import type Database from 'better-sqlite3';
import { recordDenial } from '../auth/record-denial';
import { ForbiddenError } from '../errors';
import { jsonError, statusOf } from './json-response';

export function answerError(sqlite: Database.Database, err: unknown, via: string): Response {
  const status = statusOf(err);
  if (status === undefined) {
    console.error(err);
    return jsonError(500, 'internal error');
  }
  if (err instanceof ForbiddenError) recordDenial(sqlite, { ...err.denied, via });
  return jsonError(status, (err as Error).message);
}
