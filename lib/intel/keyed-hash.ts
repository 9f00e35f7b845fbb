/**
 * Keyed hashes of personal values shared with partner labs: HMAC-SHA256
 * under DISTILLWATCH_SHARING_KEY (agreed between the labs out of band) of
 * `<kind>:<normalised value>`, hex. A partner holding the same key can test
 * its own values for equality; nobody without it can recover or test them.
 */
import { createHmac } from 'node:crypto';
import { InputError } from '../errors';

export const HASHED_KINDS = ['email', 'email_domain', 'payment_fp'] as const;
export type HashedKind = (typeof HASHED_KINDS)[number];

export const SHARING_KEY_VAR = 'DISTILLWATCH_SHARING_KEY';
const MIN_KEY_CHARS = 16;

/** The sharing key, or a one-line refusal. */
export function sharingKey(env: Record<string, string | undefined> = process.env): string {
  const key = env[SHARING_KEY_VAR];
  if (!key) throw new InputError(`${SHARING_KEY_VAR} is not set: partner labs must agree on a sharing key before exchanging indicators`);
  if (key.length < MIN_KEY_CHARS) throw new InputError(`${SHARING_KEY_VAR} must be at least ${MIN_KEY_CHARS} characters`);
  return key;
}

export function normalise(kind: HashedKind, value: string): string {
  const v = value.trim();
  return kind === 'payment_fp' ? v : v.toLowerCase();
}

export function keyedHash(key: string, kind: HashedKind, value: string): string {
  return createHmac('sha256', key).update(`${kind}:${normalise(kind, value)}`, 'utf8').digest('hex');
}

/** A short public fingerprint of the key, so an importer can tell "different key" from "no match". */
export function keyId(key: string): string {
  return createHmac('sha256', key).update('distillwatch sharing key id', 'utf8').digest('hex').slice(0, 16);
}
