import { z } from 'zod';
import { ringIdParam } from '@/lib/rings/params';
import { validatedQuery } from '@/lib/http/query';
import { getRingDetail } from '@/lib/rings/queries';

export const dynamic = 'force-dynamic';

/** One ring: what its members share, the members, its case and its history. */
export const GET = validatedQuery(z.object({}), ({ sqlite, params }) => getRingDetail(sqlite, ringIdParam(params.id)));
