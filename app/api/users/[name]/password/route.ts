import { z } from 'zod';
import { generatePassword, hashPassword } from '@/lib/auth/password';
import { resetUserPassword } from '@/lib/auth/user-admin';
import { userNameSchema } from '@/lib/auth/users';
import { InputError } from '@/lib/errors';
import { preparedMutation } from '@/lib/http/prepared-mutation';

export const dynamic = 'force-dynamic';

/** Resets a user's password to a generated one, answered once, and ends their sessions (admins only; audited). */
export const POST = preparedMutation(
  z.object({}),
  'manage_users',
  async () => {
    const password = generatePassword();
    return { password, passwordHash: await hashPassword(password) };
  },
  ({ sqlite, prepared, principal, params }) => {
    const parsed = userNameSchema.safeParse(decodeURIComponent(params.name ?? ''));
    if (!parsed.success) throw new InputError('user name: 2–64 characters of a–z, 0–9, ".", "_" or "-"');
    const user = resetUserPassword(sqlite, parsed.data, prepared.passwordHash, principal.user.name);
    return { user: { name: user.name, role: user.role }, password: prepared.password };
  },
);
