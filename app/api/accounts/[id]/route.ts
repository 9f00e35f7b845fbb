import { z } from 'zod';
import { getAccountDetail } from '@/lib/accounts/queries';
import { validatedQuery } from '@/lib/http/query';
import { accountIdParam } from '@/lib/accounts/params';

export const dynamic = 'force-dynamic';

/** One account: profile, latest score and reasons, history, daily rollups, identifiers, ring and case. */
export const GET = validatedQuery(z.object({}), ({ sqlite, params }) => getAccountDetail(sqlite, accountIdParam(params.id)));
