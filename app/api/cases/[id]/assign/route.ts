import { z } from 'zod';
import { assignCase } from '@/lib/cases/assign-case';
import { caseJson } from '@/lib/cases/case-json';
import { userNameSchema } from '@/lib/auth/users';
import { validatedMutation } from '@/lib/http/mutation';

export const dynamic = 'force-dynamic';

const schema = z.object({
  assignee: userNameSchema.nullable(),
  expectedVersion: z.number().int().positive().optional(),
});

export const POST = validatedMutation(schema, 'work_cases', ({ sqlite, input, principal, params }) => {
  const row = assignCase(sqlite, { caseId: params.id, ...input, user: principal.user });
  return { case: caseJson(row) };
});
