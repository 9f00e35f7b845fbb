/** Signing out ends the session in the store, not only in the browser. */
import type Database from 'better-sqlite3';
import { writeTransaction } from '../../db/client';
import { appendAudit } from '../audit/append';
import type { Principal } from './authenticate';
import { endSession } from './sessions';

export function signOut(sqlite: Database.Database, principal: Extract<Principal, { via: 'session' }>): void {
  writeTransaction(sqlite, () => {
    endSession(sqlite, principal.sessionToken);
    appendAudit(sqlite, { actor: principal.user.name, action: 'sign_out', details: {} });
  });
}
