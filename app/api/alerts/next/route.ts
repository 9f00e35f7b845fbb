import { z } from 'zod';
import { nextUnassigned, subjectPath } from '@/lib/alerts/queries';
import { assignCase } from '@/lib/cases/assign-case';
import { caseJson } from '@/lib/cases/case-json';
import { validatedMutation } from '@/lib/http/mutation';

export const dynamic = 'force-dynamic';

// "Next unassigned": the oldest open case nobody works, assigned to whoever asked,
// in one write transaction so that two analysts never receive the same case.
export const POST = validatedMutation(z.object({}).strict(), 'work_cases', ({ sqlite, principal }) => {
  const next = nextUnassigned(sqlite);
  if (!next) return { case: null, path: null };
  const row = assignCase(sqlite, { caseId: next.caseId, assignee: principal.user.name, user: principal.user, expectedVersion: next.caseVersion });
  return { case: caseJson(row), path: subjectPath(next.subjectKind, next.subjectId) };
});
