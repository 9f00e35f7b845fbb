import { z } from 'zod';
import { validatedQuery } from '@/lib/http/query';
import { listIndicators } from '@/lib/intel/queries';

export const dynamic = 'force-dynamic';

const schema = z.object({
  bundle: z.string().max(200).optional(),
  matched: z.enum(['0', '1']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});

export const GET = validatedQuery(schema, ({ sqlite, input }) => {
  const r = listIndicators(sqlite, { bundleId: input.bundle, matchedOnly: input.matched === '1' }, { page: input.page, pageSize: input.page_size });
  return { indicators: r.indicators, total: r.total, page: r.page, page_size: r.pageSize };
});
