import { z } from 'zod';
import { membersSharing } from '@/lib/cases/members-sharing';
import { IDENTIFIER_KINDS } from '@/lib/domain';
import { validatedQuery } from '@/lib/http/query';

export const dynamic = 'force-dynamic';

const query = z.object({
  kind: z.enum(IDENTIFIER_KINDS, { error: `kind is one of ${IDENTIFIER_KINDS.join(', ')}` }),
  value: z.string('value (the identifier) is required').min(1, 'value (the identifier) is required').max(512, 'an identifier is at most 512 characters'),
});

/** The members of a ring's case that use one identifier (to pick a sub-ring to split off). */
export const GET = validatedQuery(query, ({ sqlite, params, input }) => membersSharing(sqlite, params.id, input.kind, input.value));
