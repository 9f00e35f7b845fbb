import { getIdentifierPage } from '@/lib/identifiers/identifier-page';
import { identifierPageQuerySchema, identifierParams } from '@/lib/identifiers/params';
import { validatedQuery } from '@/lib/http/query';

export const dynamic = 'force-dynamic';

/** One identifier: the accounts that use it (a page at a time), their rings and cases. */
export const GET = validatedQuery(identifierPageQuerySchema, ({ sqlite, params, input }) => {
  const { kind, value } = identifierParams(params.kind, params.value);
  return getIdentifierPage(sqlite, kind, value, input.page, input.page_size);
});
