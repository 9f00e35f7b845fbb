import { z } from 'zod';
import { ringIdParam } from '@/lib/rings/params';
import { validatedQuery } from '@/lib/http/query';
import { ringGraphJson } from '@/lib/rings/graph-answer';

export const dynamic = 'force-dynamic';

/** The ring as graph elements: accounts, the identifiers they share, edges, every node's position, and a big ring's member groups. */
export const GET = validatedQuery(
  z.object({}),
  ({ sqlite, params }) => new Response(ringGraphJson(sqlite, ringIdParam(params.id)), { headers: { 'content-type': 'application/json', 'Cache-Control': 'no-store' } }),
);
