import { z } from 'zod';
import { validatedQuery } from '@/lib/http/query';
import { matchesForAccount } from '@/lib/intel/queries';

export const dynamic = 'force-dynamic';

/** The partner indicators an account matched. */
export const GET = validatedQuery(z.object({}), ({ sqlite, params }) => ({ account_id: params.id, matches: matchesForAccount(sqlite, params.id) }));
