import { z } from 'zod';
import { ringIdParam } from '@/lib/rings/params';
import { validatedQuery } from '@/lib/http/query';
import { RING_SHARES_PAGE, ringShares } from '@/lib/rings/ring-shares';

export const dynamic = 'force-dynamic';

const query = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(500).default(RING_SHARES_PAGE),
});

/** What a ring's members share, every identifier two or more of them use (the graph's identifier nodes), most members first, a page at a time. */
export const GET = validatedQuery(query, ({ sqlite, params, input }) =>
  ringShares(sqlite, ringIdParam(params.id), { offset: (input.page - 1) * input.page_size, limit: input.page_size }),
);
