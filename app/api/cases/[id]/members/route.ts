import { z } from 'zod';
import { caseJson } from '@/lib/cases/case-json';
import { loadCase } from '@/lib/cases/case-row';
import { REASON_MAX, REASON_MIN } from '@/lib/cases/decide-case';
import { decideMembers, excludedMembers, MAX_MEMBERS_PER_DECISION } from '@/lib/cases/member-decisions';
import { MEMBER_ACTIONS } from '@/lib/domain';
import { validatedMutation } from '@/lib/http/mutation';
import { validatedQuery } from '@/lib/http/query';

export const dynamic = 'force-dynamic';

const reasonRule = `a reason of ${REASON_MIN}–${REASON_MAX} characters is required`;
const schema = z.object({
  action: z.enum(MEMBER_ACTIONS),
  accountIds: z.array(z.string().min(1).max(512)).min(1, 'name at least one member').max(MAX_MEMBERS_PER_DECISION),
  reason: z.string(reasonRule).trim().min(REASON_MIN, reasonRule).max(REASON_MAX, reasonRule),
  expectedVersion: z.number('expectedVersion (the case version the change is made on) is required').int().positive(),
});

/** The members the case excludes, with who excluded each and why. */
export const GET = validatedQuery(z.object({}), ({ sqlite, params }) => {
  loadCase(sqlite, params.id);
  return { excluded: excludedMembers(sqlite, params.id) };
});

/** Excludes members of a ring's case as false positives, or reinstates them; who may is decideMembers' rule (as deciding the case). */
export const POST = validatedMutation(schema, null, ({ sqlite, input, principal, params }) => {
  const result = decideMembers(sqlite, { caseId: params.id, ...input, user: principal.user });
  return { case: caseJson(result.case), changed: result.changed, excluded: excludedMembers(sqlite, params.id) };
});
