import { z } from 'zod';
import { caseJson } from '@/lib/cases/case-json';
import { splitCase } from '@/lib/cases/case-lineage';
import { REASON_MAX, REASON_MIN } from '@/lib/cases/decide-case';
import { MAX_MEMBERS_PER_DECISION } from '@/lib/cases/member-decisions';
import { validatedMutation } from '@/lib/http/mutation';

export const dynamic = 'force-dynamic';

const reasonRule = `a reason of ${REASON_MIN}–${REASON_MAX} characters is required`;
const schema = z.object({
  accountIds: z.array(z.string().min(1).max(512)).min(1, 'name at least one member to split off').max(MAX_MEMBERS_PER_DECISION),
  reason: z.string(reasonRule).trim().min(REASON_MIN, reasonRule).max(REASON_MAX, reasonRule),
  expectedVersion: z.number('expectedVersion (the case version the split is made on) is required').int().positive(),
});

/** Splits members of a ring's case off into a new case (lib/cases/case-lineage.ts); who may is whoever may decide the case. */
export const POST = validatedMutation(schema, null, ({ sqlite, input, principal, params }) => {
  const result = splitCase(sqlite, { caseId: params.id, ...input, user: principal.user });
  return { case: caseJson(result.from), new_case: caseJson(result.to), accounts: result.accounts };
});
