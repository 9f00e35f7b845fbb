/** The account id in a path (`/accounts/[id]`, `/api/accounts/[id]`), checked before it reaches a query (400 otherwise). */
import { InputError } from '../errors';

const ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/** Decodes and checks a path segment naming something; `what` names it in the error. */
export function pathId(what: string, raw: string | undefined): string {
  let value = raw ?? '';
  try {
    value = decodeURIComponent(value);
  } catch {
    throw new InputError(`${what}: not a valid path segment`);
  }
  if (!ID.test(value)) throw new InputError(`${what}: expected 1–128 characters of letters, digits and . _ : @ -`);
  return value;
}

export const accountIdParam = (raw: string | undefined) => pathId('account id', raw);
