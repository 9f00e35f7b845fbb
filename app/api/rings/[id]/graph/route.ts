import { z } from 'zod';
import { ringIdParam } from '@/lib/rings/params';
import { validatedQuery } from '@/lib/http/query';
import { getRingGraph } from '@/lib/rings/queries';

export const dynamic = 'force-dynamic';

/** The ring as graph elements: accounts, the identifiers they share, edges, and every node's position. */
export const GET = validatedQuery(z.object({}), ({ sqlite, params }) => getRingGraph(sqlite, ringIdParam(params.id)));
