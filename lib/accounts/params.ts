/** Ids in a path (`/accounts/[id]`, `/api/accounts/[id]`, `/rings/[id]`), checked before they reach a query (400 otherwise). */
import { InputError } from '../errors';

/** Ring ids are ours: a short, plain alphabet. */
const PLAIN_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
/** The longest account id ingest accepts (lib/ingest/records.ts). */
const MAX_ACCOUNT_ID = 512;

function decoded(what: string, raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? '');
  } catch {
    throw new InputError(`${what}: not a valid path segment`);
  }
}

/** Whether an id is plain (ring ids always are): one that may stand as it is in a page's title. */
export const isPlainId = (id: string) => PLAIN_ID.test(id);

/** Decodes and checks a path segment naming something of ours; `what` names it in the error. */
export function pathId(what: string, raw: string | undefined): string {
  const value = decoded(what, raw);
  if (!PLAIN_ID.test(value)) throw new InputError(`${what}: expected 1–128 characters of letters, digits and . _ : @ -`);
  return value;
}

/**
 * An account id is whatever the provider's logs said (the input records allow any
 * string): one with a space, a right-to-left override or a zero-width
 * character must still open its page, where it is shown escaped
 * (lib/text/visible-text.ts). It is only ever a bound query parameter.
 */
export function accountIdParam(raw: string | undefined): string {
  const value = decoded('account id', raw);
  if (value.length === 0 || value.length > MAX_ACCOUNT_ID) throw new InputError(`account id: expected 1–${MAX_ACCOUNT_ID} characters`);
  return value;
}
