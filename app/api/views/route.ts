import { z } from 'zod';
import { listViews, saveView, VIEW_NAME_MAX } from '@/lib/alerts/saved-views';
import { validatedMutation } from '@/lib/http/mutation';
import { validatedQuery } from '@/lib/http/query';

export const dynamic = 'force-dynamic';

const nameRule = `a view name of 1–${VIEW_NAME_MAX} characters is required`;
const schema = z.object({
  name: z.string(nameRule).trim().min(1, nameRule).max(VIEW_NAME_MAX, nameRule),
  shared: z.boolean('shared: true (the team sees it) or false').default(false),
  /** The queue's filters and sort, as the URL has them: checked with the URL's schema (lib/alerts/view.ts). */
  filters: z.record(z.string(), z.unknown(), 'filters: an object of the queue URL filters'),
});

/** The saved views the caller sees: their own and the team's shared ones. */
export const GET = validatedQuery(z.object({}), ({ sqlite, principal }) => ({ views: listViews(sqlite, principal.user.name) }));

export const POST = validatedMutation(schema, 'read', ({ sqlite, input, principal }) => ({
  view: saveView(sqlite, { ...input, user: principal.user }),
}));
