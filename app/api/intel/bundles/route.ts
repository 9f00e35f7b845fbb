import { z } from 'zod';
import { validatedQuery } from '@/lib/http/query';
import { listBundles } from '@/lib/intel/queries';

export const dynamic = 'force-dynamic';

export const GET = validatedQuery(z.object({}), ({ sqlite }) => ({ bundles: listBundles(sqlite) }));
