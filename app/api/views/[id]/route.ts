import { z } from 'zod';
import { deleteView } from '@/lib/alerts/saved-views';
import { InputError } from '@/lib/errors';
import { validatedMutation } from '@/lib/http/mutation';

export const dynamic = 'force-dynamic';

/** Deletes a saved view: only its owner may. */
export const DELETE = validatedMutation(z.object({}), 'read', ({ sqlite, params, principal }) => {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id < 1) throw new InputError('a view id is a positive integer');
  deleteView(sqlite, id, principal.user);
  return { deleted: id };
});
