import { z } from 'zod';
import { generatePassword, hashPassword } from '@/lib/auth/password';
import { insertUser } from '@/lib/auth/user-admin';
import { listUsers, passwordSchema, roleSchema, userNameSchema } from '@/lib/auth/users';
import { jsonError } from '@/lib/http/json-response';
import { preparedMutation } from '@/lib/http/prepared-mutation';
import { validatedQuery } from '@/lib/http/query';
import { can } from '@/lib/auth/permissions';

export const dynamic = 'force-dynamic';

/** Every dashboard user (admins only). */
export const GET = validatedQuery(z.object({}), ({ sqlite, principal }) =>
  can(principal.user.role, 'manage_users') ? { users: listUsers(sqlite) } : jsonError(403, `your role (${principal.user.role}) may not manage users`),
);

const schema = z.object({ name: userNameSchema, role: roleSchema, password: passwordSchema.optional() });

/** Adds a user; without a password one is generated and answered once. */
export const POST = preparedMutation(
  schema,
  'manage_users',
  async (input) => {
    const password = input.password ?? generatePassword();
    return { password, passwordHash: await hashPassword(password) };
  },
  ({ sqlite, input, prepared, principal }) => ({
    user: insertUser(sqlite, { name: input.name, role: input.role, passwordHash: prepared.passwordHash, actor: principal.user.name }),
    ...(input.password ? {} : { password: prepared.password }),
  }),
);
