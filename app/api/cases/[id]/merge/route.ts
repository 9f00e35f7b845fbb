import { z } from 'zod';
import { caseJson } from '@/lib/cases/case-json';
import { mergeCases } from '@/lib/cases/case-lineage';
import { REASON_MAX, REASON_MIN } from '@/lib/cases/decide-case';
import { validatedMutation } from '@/lib/http/mutation';

export const dynamic = 'force-dynamic';

const reasonRule = `a reason of ${REASON_MIN}–${REASON_MAX} characters is required`;
const schema = z.object({
  absorbedCaseId: z.string('absorbedCaseId (the case this one absorbs) is required').regex(/^case_\d{1,12}$/, 'absorbedCaseId: a case id, case_…'),
  reason: z.string(reasonRule).trim().min(REASON_MIN, reasonRule).max(REASON_MAX, reasonRule),
  expectedVersion: z.number('expectedVersion (this case version) is required').int().positive(),
  absorbedVersion: z.number('absorbedVersion (the absorbed case version) is required').int().positive(),
});

/** This ring's case absorbs another's, which closes as merged into it (lib/cases/case-lineage.ts). */
export const POST = validatedMutation(schema, null, ({ sqlite, input, principal, params }) => {
  const result = mergeCases(sqlite, { caseId: params.id, ...input, user: principal.user });
  return { case: caseJson(result.into), absorbed: caseJson(result.absorbed), accounts: result.accounts.length };
});
