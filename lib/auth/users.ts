/** Dashboard users: created from the CLI (or by an admin), never deleted, only disabled. */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { writeTransaction } from '../../db/client';
import { appendAudit } from '../audit/append';
import { ROLES, type Role } from '../domain';
import { ConflictError, InputError, NotFoundError } from '../errors';
import { generatePassword, hashPassword } from './password';

export const userNameSchema = z
  .string()
  .regex(/^[a-z0-9._-]{2,64}$/, 'a user name is 2–64 characters of a–z, 0–9, ".", "_" or "-"');
export const roleSchema = z.enum(ROLES);
export const passwordSchema = z.string().min(12, 'a password needs at least 12 characters').max(256);

export interface User {
  id: number;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: number;
}

const COLUMNS = `id, name, role, disabled, created_at AS createdAt`;

function toUser(row: Omit<User, 'disabled'> & { disabled: number }): User {
  return { ...row, disabled: row.disabled === 1 };
}

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
    const { lastInsertRowid } = sqlite
      .prepare(`INSERT INTO users (name, role, password_hash, disabled, created_at) VALUES (?, ?, ?, 0, ?)`)
      .run(name, role, passwordHash, createdAt);
    appendAudit(sqlite, { actor: input.actor ?? 'cli', action: 'user_created', details: { name, role }, at: createdAt });
    return { id: Number(lastInsertRowid), name, role, disabled: false, createdAt };
  });
  return { user, password };
}

export function findUser(sqlite: Database.Database, name: string): User | undefined {
  const row = sqlite.prepare(`SELECT ${COLUMNS} FROM users WHERE name = ?`).get(name);
  return row ? toUser(row as Parameters<typeof toUser>[0]) : undefined;
}

/** The stored hash, for sign-in only. */
export function passwordHashOf(sqlite: Database.Database, userId: number): string | undefined {
  const row = sqlite.prepare(`SELECT password_hash AS h FROM users WHERE id = ?`).get(userId) as { h: string } | undefined;
  return row?.h;
}

export function listUsers(sqlite: Database.Database): User[] {
  return (sqlite.prepare(`SELECT ${COLUMNS} FROM users ORDER BY name`).all() as Parameters<typeof toUser>[0][]).map(toUser);
}

/** Disables the user and ends every session and API token they hold. */
export function disableUser(sqlite: Database.Database, name: string, actor = 'cli'): void {
  writeTransaction(sqlite, () => {
    const user = findUser(sqlite, name);
    if (!user) throw new NotFoundError(`no user named ${name}`);
    if (user.disabled) return;
    const now = Date.now();
    sqlite.prepare(`UPDATE users SET disabled = 1 WHERE id = ?`).run(user.id);
    sqlite.prepare(`DELETE FROM sessions WHERE user_id = ?`).run(user.id);
    sqlite.prepare(`UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL`).run(now, user.id);
    appendAudit(sqlite, { actor, action: 'user_disabled', details: { name }, at: now });
  });
}
