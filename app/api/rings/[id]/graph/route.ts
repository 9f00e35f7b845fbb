import { z } from 'zod';
import { ringIdParam } from '../../../../../lib/rings/params';
import { validatedQuery } from '../../../../../lib/http/query';
import { getRingGraph } from '../../../../../lib/rings/queries';

export const dynamic = 'force-dynamic';

/** The ring as graph elements: accounts, the identifiers they share, edges, and positions for large rings. */
const schema = z.object({
  /** `server`: positions from the server even for a small ring (which the browser would lay out itself). */
  layout: z.enum(['auto', 'server']).default('auto'),
});

export const GET = validatedQuery(schema, ({ sqlite, params, input }) =>
  getRingGraph(sqlite, ringIdParam(params.id), { serverLayout: input.layout === 'server' }),
);
