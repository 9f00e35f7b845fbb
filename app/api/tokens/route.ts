import { z } from 'zod';
import { createApiToken } from '@/lib/auth/api-tokens';
import { ForbiddenError } from '@/lib/errors';
import { validatedMutation } from '@/lib/http/mutation';

export const dynamic = 'force-dynamic';

const schema = z.object({ label: z.string().trim().min(1, 'a label is required').max(100) });

export const POST = validatedMutation(schema, 'read', ({ sqlite, input, principal }) => {
  // A token must not mint further tokens: a leaked one would otherwise outlive its revocation.
  if (principal.via !== 'session') {
    throw new ForbiddenError('API tokens are created from a signed-in session', { actor: principal.user.name, permission: 'session' });
  }
  const token = createApiToken(sqlite, principal.user, input.label);
  return { token, label: input.label, note: 'This token is shown once. Send it as "Authorization: Bearer <token>".' };
});
