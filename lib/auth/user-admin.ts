/**
 * What an admin does to users from the Admin screen, each in the caller's
 * write transaction and audited: create (with a password hashed beforehand,
 * outside the lock), enable again, change a role, reset a password (which
 * ends the user's sessions). Disabling is lib/auth/users.ts `disableUser`.
 *
 * Two guards keep the installation manageable: an admin cannot disable or
 * demote themselves, and the last active admin cannot be disabled or demoted.
 */
import type Database from 'better-sqlite3';
import { and, eq, ne } from 'drizzle-orm';
import { dbOf } from '../../db/client';
import { sessions, users } from '../../db/schema';
import { appendAudit } from '../audit/append';
import type { Role } from '../domain';
import { ConflictError, InputError, NotFoundError } from '../errors';
import { disableUser, findUser, userColumns, type User } from './users';

function load(sqlite: Database.Database, name: string): User {
  const user = findUser(sqlite, name);
  if (!user) throw new NotFoundError(`no user named ${name}`);
  return user;
}

function otherActiveAdmins(sqlite: Database.Database, name: string): number {
  return dbOf(sqlite)
    .select(userColumns)
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.disabled, false), ne(users.name, name)))
    .all().length;
}

function assertNotLastAdmin(sqlite: Database.Database, user: User, what: string): void {
  if (user.role === 'admin' && !user.disabled && otherActiveAdmins(sqlite, user.name) === 0) {
    throw new ConflictError(`${user.name} is the last active admin: ${what} would leave nobody to manage users`);
  }
}

/** Inserts a user whose password was hashed by the caller (lib/auth/password.ts). */
export function insertUser(sqlite: Database.Database, input: { name: string; role: Role; passwordHash: string; actor: string; now?: number }): User {
  if (findUser(sqlite, input.name)) throw new ConflictError(`user ${input.name} already exists`);
  const createdAt = input.now ?? Date.now();
  const user = dbOf(sqlite).insert(users).values({ name: input.name, role: input.role, passwordHash: input.passwordHash, disabled: false, createdAt }).returning(userColumns).get();
  appendAudit(sqlite, { actor: input.actor, action: 'user_created', details: { name: input.name, role: input.role }, at: createdAt });
  return user;
}

export function setUserDisabled(sqlite: Database.Database, name: string, disabled: boolean, actor: string, now = Date.now()): User {
  const user = load(sqlite, name);
  if (user.disabled === disabled) return user;
  if (disabled) {
    if (name === actor) throw new InputError('you cannot disable yourself');
    assertNotLastAdmin(sqlite, user, 'disabling them');
    disableUser(sqlite, name, actor);
  } else {
    dbOf(sqlite).update(users).set({ disabled: false }).where(eq(users.id, user.id)).run();
    appendAudit(sqlite, { actor, action: 'user_enabled', details: { name }, at: now });
  }
  return load(sqlite, name);
}

export function setUserRole(sqlite: Database.Database, name: string, role: Role, actor: string, now = Date.now()): User {
  const user = load(sqlite, name);
  if (user.role === role) return user;
  if (name === actor) throw new InputError('you cannot change your own role');
  if (role !== 'admin') assertNotLastAdmin(sqlite, user, 'changing their role');
  dbOf(sqlite).update(users).set({ role }).where(eq(users.id, user.id)).run();
  appendAudit(sqlite, { actor, action: 'user_role_changed', details: { name, from: user.role, to: role }, at: now });
  return load(sqlite, name);
}

/** Stores a new password (hashed by the caller) and ends the user's sessions: they sign in again with it. */
export function resetUserPassword(sqlite: Database.Database, name: string, passwordHash: string, actor: string, now = Date.now()): User {
  const user = load(sqlite, name);
  const db = dbOf(sqlite);
  db.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
  const ended = db.delete(sessions).where(eq(sessions.userId, user.id)).run().changes;
  appendAudit(sqlite, { actor, action: 'user_password_reset', details: { name, sessions_ended: ended }, at: now });
  return user;
}
