import { z } from 'zod';
import { caseJson } from '@/lib/cases/case-json';
import { listCases } from '@/lib/cases/queries';
import { CASE_STATUSES, SUBJECT_KINDS } from '@/lib/domain';
import { validatedQuery } from '@/lib/http/query';

export const dynamic = 'force-dynamic';

const schema = z.object({
  status: z.enum(CASE_STATUSES).optional(),
  kind: z.enum(SUBJECT_KINDS).optional(),
  assignee: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});

export const GET = validatedQuery(schema, ({ sqlite, input }) => {
  const { status, kind, assignee, page, page_size } = input;
  const result = listCases(sqlite, { status, subjectKind: kind, assignee }, { page, pageSize: page_size });
  return { cases: result.cases.map(caseJson), total: result.total, page, page_size };
});
