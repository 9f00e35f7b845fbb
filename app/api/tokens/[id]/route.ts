import { z } from 'zod';
import { apiTokenJson, revokeApiToken } from '@/lib/auth/api-tokens';
import { validatedMutation } from '@/lib/http/mutation';

export const dynamic = 'force-dynamic';

/** Revokes one token: its owner or an admin (lib/auth/api-tokens.ts). It answers 401 from then on. */
export const DELETE = validatedMutation(z.object({}), 'read', ({ sqlite, params, principal }) => ({
  token: apiTokenJson(revokeApiToken(sqlite, { id: params.id, by: { user: principal.user, via: principal.via } })),
}));
