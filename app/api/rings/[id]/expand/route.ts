import { z } from 'zod';
import { ringIdParam } from '@/lib/rings/params';
import { IDENTIFIER_KINDS } from '@/lib/domain';
import { validatedQuery } from '@/lib/http/query';
import { expandIdentifier } from '@/lib/rings/queries';

export const dynamic = 'force-dynamic';

const schema = z.object({
  kind: z.enum(IDENTIFIER_KINDS),
  value: z.string().min(1).max(512),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** Every account that uses one identifier, inside the ring or outside it. */
export const GET = validatedQuery(schema, ({ sqlite, params, input }) => {
  ringIdParam(params.id);
  return expandIdentifier(sqlite, input.kind, input.value, input.limit);
});
