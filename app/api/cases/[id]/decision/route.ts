import { z } from 'zod';
import { caseJson } from '@/lib/cases/case-json';
import { decideCase, REASON_MAX, REASON_MIN } from '@/lib/cases/decide-case';
import { DECISION_ACTIONS, DISPOSITIONS } from '@/lib/domain';
import { validatedMutation } from '@/lib/http/mutation';

export const dynamic = 'force-dynamic';

const reasonRule = `a reason of ${REASON_MIN}–${REASON_MAX} characters is required`;
const dispositionRule = `closing a case (confirm, dismiss) requires a disposition: one of ${DISPOSITIONS.join(', ')}`;
const schema = z
  .object({
    action: z.enum(DECISION_ACTIONS),
    reason: z.string(reasonRule).trim().min(REASON_MIN, reasonRule).max(REASON_MAX, reasonRule),
    expectedVersion: z.number('expectedVersion (the case version the decision is made on) is required').int().positive(),
    /** Why a close closes (lib/cases/dispositions.ts); the reason is its note. Required to confirm or dismiss. */
    disposition: z.enum(DISPOSITIONS, dispositionRule).optional(),
  })
  .refine((v) => v.action === 'escalate' || v.disposition !== undefined, { message: dispositionRule, path: ['disposition'] })
  .refine((v) => v.action !== 'escalate' || v.disposition === undefined, { message: 'an escalation does not close the case: no disposition', path: ['disposition'] });

// Who may decide is decideCase's rule (lib/cases/leads-decide.ts), for this route and the CLI alike.
export const POST = validatedMutation(schema, null, ({ sqlite, input, principal, params }) => {
  const result = decideCase(sqlite, { caseId: params.id, ...input, user: principal.user });
  return { case: caseJson(result.case), decision_id: result.decisionId, disposition: result.disposition };
});
