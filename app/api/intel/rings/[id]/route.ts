import { z } from 'zod';
import { validatedQuery } from '@/lib/http/query';
import { matchesForRing } from '@/lib/intel/queries';

export const dynamic = 'force-dynamic';

/** The partner indicators a ring's members matched, with which members. */
export const GET = validatedQuery(z.object({}), ({ sqlite, params }) => ({ ring_id: params.id, matches: matchesForRing(sqlite, params.id) }));
