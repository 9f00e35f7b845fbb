import { z } from 'zod';
import { ringIdParam } from '@/lib/rings/params';
import { validatedQuery } from '@/lib/http/query';
import { ringMembers } from '@/lib/rings/queries';

export const dynamic = 'force-dynamic';

/** A ring's members on its latest day, highest score first (the ring page asks once its graph is drawn). */
export const GET = validatedQuery(z.object({}), ({ sqlite, params }) => ({ members: ringMembers(sqlite, ringIdParam(params.id)) }));
