import { z } from 'zod';
import { apiTokenJson, createApiToken, listApiTokens, TOKEN_DAYS_DEFAULT, TOKEN_DAYS_MAX } from '@/lib/auth/api-tokens';
import { tokenScopeSchema } from '@/lib/auth/token-scopes';
import { validatedMutation } from '@/lib/http/mutation';
import { validatedQuery } from '@/lib/http/query';

export const dynamic = 'force-dynamic';

const createSchema = z.object({
  label: z.string().trim().min(1, 'a label is required').max(100),
  expires_in_days: z.number().int().min(1).max(TOKEN_DAYS_MAX).optional(),
  /** Default: read and write, what tokens could always do. `ingest` needs a role that may ingest (admins). */
  scopes: z.array(tokenScopeSchema).min(1, 'a token needs at least one scope').max(3).optional(),
});

// Who may create tokens, and for whom, is createApiToken's rule (lib/auth/api-tokens.ts).
export const POST = validatedMutation(createSchema, 'read', ({ sqlite, input, principal }) => {
  const { token, info } = createApiToken(sqlite, {
    owner: principal.user, label: input.label, days: input.expires_in_days, scopes: input.scopes, by: { user: principal.user, via: principal.via },
  });
  return {
    token,
    ...apiTokenJson(info),
    note: `This token is shown once. Send it as "Authorization: Bearer <token>". It expires in ${input.expires_in_days ?? TOKEN_DAYS_DEFAULT} days.`,
  };
});

/** Your tokens (an admin's: everyone's), newest first. */
export const GET = validatedQuery(z.object({}), ({ sqlite, principal }) => ({
  tokens: listApiTokens(sqlite, { user: principal.user, via: principal.via }).map(apiTokenJson),
}));
