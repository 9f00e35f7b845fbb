import { z } from 'zod';
import { loadCase } from '@/lib/cases/case-row';
import { graphViews, saveGraphView } from '@/lib/cases/graph-views';
import { GRAPH_VIEW_NAME_MAX, graphViewSchema } from '@/lib/domain/graph-view';
import { validatedMutation } from '@/lib/http/mutation';
import { validatedQuery } from '@/lib/http/query';

export const dynamic = 'force-dynamic';

const schema = z.object({
  ringId: z.string().min(1).max(512),
  name: z.string().trim().max(GRAPH_VIEW_NAME_MAX).nullish(),
  view: graphViewSchema,
  expectedVersion: z.number().int().positive().optional(),
});

/** The case's saved graph views, newest first. */
export const GET = validatedQuery(z.object({}), ({ sqlite, params }) => {
  loadCase(sqlite, params.id);
  return { views: graphViews(sqlite, params.id) };
});

/** Saves the current view of the ring's graph into its case (work_cases; audited; bumps the case's version). */
export const POST = validatedMutation(schema, 'work_cases', ({ sqlite, input, principal, params }) =>
  saveGraphView(sqlite, { caseId: params.id, ringId: input.ringId, name: input.name, view: input.view, user: principal.user, expectedVersion: input.expectedVersion }),
);
