import { z } from 'zod';
import { setUserDisabled, setUserRole } from '@/lib/auth/user-admin';
import { roleSchema, userNameSchema } from '@/lib/auth/users';
import { InputError } from '@/lib/errors';
import { validatedMutation } from '@/lib/http/mutation';

export const dynamic = 'force-dynamic';

const schema = z
  .object({ role: roleSchema.optional(), disabled: z.boolean().optional() })
  .refine((x) => x.role !== undefined || x.disabled !== undefined, 'give a role, or disabled: true or false');

/** Changes a user's role, or disables or enables them (admins only; audited). */
export const PATCH = validatedMutation(schema, 'manage_users', ({ sqlite, input, principal, params }) => {
  const parsed = userNameSchema.safeParse(decodeURIComponent(params.name ?? ''));
  if (!parsed.success) throw new InputError('user name: 2–64 characters of a–z, 0–9, ".", "_" or "-"');
  const actor = principal.user.name;
  let user = input.role !== undefined ? setUserRole(sqlite, parsed.data, input.role, actor) : undefined;
  if (input.disabled !== undefined) user = setUserDisabled(sqlite, parsed.data, input.disabled, actor);
  return { user };
});
