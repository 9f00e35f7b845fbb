import { getAlertQueue } from '@/lib/alerts/queries';
import { alertViewSchema } from '@/lib/alerts/view';
import { validatedQuery } from '@/lib/http/query';

export const dynamic = 'force-dynamic';

/** The alert queue: one page of a day's alerts, filtered and sorted as the query string says (lib/alerts/view.ts). */
export const GET = validatedQuery(alertViewSchema, ({ sqlite, input }) => getAlertQueue(sqlite, input));
