import { searchQuerySchema } from '@/lib/identifiers/params';
import { searchEverything } from '@/lib/identifiers/search';
import { validatedQuery } from '@/lib/http/query';

export const dynamic = 'force-dynamic';

/** The top bar's search: accounts, e-mails, cards, IP addresses, subnets, fingerprints, rings and case ids. */
export const GET = validatedQuery(searchQuerySchema, ({ sqlite, input }) => searchEverything(sqlite, input.q));
