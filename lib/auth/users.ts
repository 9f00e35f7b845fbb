/** Dashboard users: created from the CLI (or by an admin), never deleted, only disabled. */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { dbOf, writeTransaction } from '../../db/client';
import { apiTokens, sessions, users } from '../../db/schema';
import { appendAudit } from '../audit/append';
import { ROLES } from '../domain';
import { ConflictError, InputError, NotFoundError } from '../errors';
import { generatePassword, hashPassword } from './password';

export const userNameSchema = z
  .string()
  .regex(/^[a-z0-9._-]{2,64}$/, 'a user name is 2–64 characters of a–z, 0–9, ".", "_" or "-"');
export const roleSchema = z.enum(ROLES);
export const passwordSchema = z.string().min(12, 'a password needs at least 12 characters').max(256);

/** A user as the code sees one: every column but the password hash. */
export type User = Omit<typeof users.$inferSelect, 'passwordHash'>;

/** The columns of `User` (for a query from `users`, or joined to it). */
export const userColumns = { id: users.id, name: users.name, role: users.role, disabled: users.disabled, createdAt: users.createdAt };

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new InputError(r.error.issues[0]?.message ?? 'invalid input');
  return r.data;
}

export async function createUser(
  sqlite: Database.Database,
  input: { name: string; role: string; password?: string; actor?: string },
): Promise<{ user: User; password: string }> {
  const name = parseOrThrow(userNameSchema, input.name);
  const role = parseOrThrow(roleSchema, input.role);
  const password = input.password === undefined ? generatePassword() : parseOrThrow(passwordSchema, input.password);
  // Hash outside the transaction: scrypt takes ~100 ms and must not hold the write lock.
  const passwordHash = await hashPassword(password);
  const user = writeTransaction(sqlite, () => {
    if (findUser(sqlite, name)) throw new ConflictError(`user ${name} already exists`);
    const createdAt = Date.now();
    const user = dbOf(sqlite).insert(users).values({ name, role, passwordHash, disabled: false, createdAt }).returning(userColumns).get();
    appendAudit(sqlite, { actor: input.actor ?? 'cli', action: 'user_created', details: { name, role }, at: createdAt });
    return user;
  });
  return { user, password };
}

export function findUser(sqlite: Database.Database, name: string): User | undefined {
  return dbOf(sqlite).select(userColumns).from(users).where(eq(users.name, name)).get();
}

/** The stored hash, for sign-in only. */
export function passwordHashOf(sqlite: Database.Database, userId: number): string | undefined {
  return dbOf(sqlite).select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).get()?.passwordHash;
}

export function listUsers(sqlite: Database.Database): User[] {
  return dbOf(sqlite).select(userColumns).from(users).orderBy(asc(users.name)).all();
}

/** Disables the user and ends every session and API token they hold. */
export function disableUser(sqlite: Database.Database, name: string, actor = 'cli'): void {
  writeTransaction(sqlite, () => {
    const user = findUser(sqlite, name);
    if (!user) throw new NotFoundError(`no user named ${name}`);
    if (user.disabled) return;
    const now = Date.now();
    const db = dbOf(sqlite);
    db.update(users).set({ disabled: true }).where(eq(users.id, user.id)).run();
    db.delete(sessions).where(eq(sessions.userId, user.id)).run();
    db.update(apiTokens).set({ revokedAt: now }).where(and(eq(apiTokens.userId, user.id), isNull(apiTokens.revokedAt))).run();
    appendAudit(sqlite, { actor, action: 'user_disabled', details: { name }, at: now });
  });
}
