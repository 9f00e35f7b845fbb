import { z } from 'zod';
import { loadCase } from '@/lib/cases/case-row';
import { pinEvidence, pinnedEvidence, PIN_NOTE_MAX } from '@/lib/cases/evidence-pins';
import { PIN_ACTIONS } from '@/lib/domain';
import { validatedMutation } from '@/lib/http/mutation';
import { validatedQuery } from '@/lib/http/query';

export const dynamic = 'force-dynamic';

const schema = z.object({
  action: z.enum(PIN_ACTIONS),
  accountId: z.string().min(1).max(512),
  requestId: z.string().min(1).max(512),
  note: z.string().trim().max(PIN_NOTE_MAX).nullish(),
});

/** The exchanges pinned to the case, in the order they were pinned. */
export const GET = validatedQuery(z.object({}), ({ sqlite, params }) => {
  loadCase(sqlite, params.id);
  return { pinned: pinnedEvidence(sqlite, params.id) };
});

/** Pins a kept exchange to the case, or unpins it (work_cases; audited). */
export const POST = validatedMutation(schema, 'work_cases', ({ sqlite, input, principal, params }) => pinEvidence(sqlite, { caseId: params.id, ...input, user: principal.user }));
