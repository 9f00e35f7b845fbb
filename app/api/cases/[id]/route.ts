import { z } from 'zod';
import { caseDetailJson } from '@/lib/cases/case-json';
import { getCase } from '@/lib/cases/queries';
import { NotFoundError } from '@/lib/errors';
import { validatedQuery } from '@/lib/http/query';

export const dynamic = 'force-dynamic';

export const GET = validatedQuery(z.object({}), ({ sqlite, params }) => {
  const detail = getCase(sqlite, params.id);
  if (!detail) throw new NotFoundError(`no case ${params.id}`);
  return caseDetailJson(detail);
});
