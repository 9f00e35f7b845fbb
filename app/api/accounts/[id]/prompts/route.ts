import { z } from 'zod';
import { getAccountPrompts, PROMPT_ORDERS } from '@/lib/accounts/queries';
import { accountIdParam } from '@/lib/accounts/params';
import { PromptFlag, type PromptFlagName } from '@/lib/domain';
import { validatedQuery } from '@/lib/http/query';

export const dynamic = 'force-dynamic';

const schema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  page_size: z.coerce.number().int().min(1).max(50).default(10),
  flag: z.enum(Object.keys(PromptFlag) as [PromptFlagName, ...PromptFlagName[]]).optional(),
  order: z.enum(PROMPT_ORDERS).default('reasons'),
});

/** The account's evidence prompts: the strongest example of each reason first (or newest first). Text is attacker-written: clients must show it as text. */
export const GET = validatedQuery(schema, ({ sqlite, params, input }) =>
  getAccountPrompts(sqlite, accountIdParam(params.id), { page: input.page, pageSize: input.page_size }, { flag: input.flag, order: input.order }),
);
