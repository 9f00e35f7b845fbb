import { z } from 'zod';
import { caseJson } from '@/lib/cases/case-json';
import { REASON_MAX, REASON_MIN } from '@/lib/cases/decide-case';
import { changeDisposition, dispositionsOf } from '@/lib/cases/dispositions';
import { loadCase } from '@/lib/cases/case-row';
import { DISPOSITIONS } from '@/lib/domain';
import { validatedMutation } from '@/lib/http/mutation';
import { validatedQuery } from '@/lib/http/query';

export const dynamic = 'force-dynamic';

const noteRule = `a note of ${REASON_MIN}–${REASON_MAX} characters is required`;
const schema = z.object({
  disposition: z.enum(DISPOSITIONS, `disposition: one of ${DISPOSITIONS.join(', ')}`),
  note: z.string(noteRule).trim().min(REASON_MIN, noteRule).max(REASON_MAX, noteRule),
  expectedVersion: z.number('expectedVersion (the case version the change is made on) is required').int().positive(),
});

/** The case's dispositions, oldest first: the last is the current one. */
export const GET = validatedQuery(z.object({}), ({ sqlite, params }) => {
  loadCase(sqlite, params.id);
  return { dispositions: dispositionsOf(sqlite, params.id).map((d) => ({ ...d, at: new Date(d.at).toISOString() })) };
});

/** A change of mind about why a closed case was closed: a new row, the earlier ones kept. */
export const POST = validatedMutation(schema, null, ({ sqlite, input, principal, params }) => {
  const result = changeDisposition(sqlite, { caseId: params.id, ...input, user: principal.user });
  return { case: caseJson(result.case), disposition: result.disposition.disposition };
});
