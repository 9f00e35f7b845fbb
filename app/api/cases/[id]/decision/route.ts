import { z } from 'zod';
import { caseJson } from '@/lib/cases/case-json';
import { decideCase, REASON_MAX, REASON_MIN } from '@/lib/cases/decide-case';
import { DECISION_ACTIONS } from '@/lib/domain';
import { validatedMutation } from '@/lib/http/mutation';

export const dynamic = 'force-dynamic';

const reasonRule = `a reason of ${REASON_MIN}–${REASON_MAX} characters is required`;
const schema = z.object({
  action: z.enum(DECISION_ACTIONS),
  reason: z.string(reasonRule).trim().min(REASON_MIN, reasonRule).max(REASON_MAX, reasonRule),
  expectedVersion: z.number('expectedVersion (the case version the decision is made on) is required').int().positive(),
});

// Who may decide is decideCase's rule (lib/cases/leads-decide.ts), for this route and the CLI alike.
export const POST = validatedMutation(schema, null, ({ sqlite, input, principal, params }) => {
  const result = decideCase(sqlite, { caseId: params.id, ...input, user: principal.user });
  return { case: caseJson(result.case), decision_id: result.decisionId };
});
