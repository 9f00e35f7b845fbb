import 'server-only';
/**
 * For server components about one thing (an account, a ring): a path that
 * names nothing, or is not a valid id, shows the 404 page — what the API
 * answers with 404 and 400 (lib/http/answer-error.ts).
 */
import { notFound } from 'next/navigation';
import { InputError, NotFoundError } from '../errors';

/** Runs the page's lookups; a NotFoundError or an InputError becomes the 404 page, anything else stays an error. */
export function orNotFound<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (err instanceof NotFoundError || err instanceof InputError) notFound();
    throw err;
  }
}
