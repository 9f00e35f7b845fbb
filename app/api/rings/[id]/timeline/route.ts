import { z } from 'zod';
import { ringIdParam } from '@/lib/rings/params';
import { validatedQuery } from '@/lib/http/query';
import { getRingTimeline } from '@/lib/rings/queries';

export const dynamic = 'force-dynamic';

const schema = z.object({
  days: z.coerce.number().int().min(1).max(30).default(7),
  members: z.coerce.number().int().min(1).max(200).default(40),
});

/** Members' requests per hour over the last days of the window: synchronised schedules line up. */
export const GET = validatedQuery(schema, ({ sqlite, params, input }) => getRingTimeline(sqlite, ringIdParam(params.id), input.days, input.members));
