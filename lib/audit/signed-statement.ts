/**
 * Statements signed with the audit key (Ed25519): the store's head after each
 * write, and the head a case file was exported at. The signature covers the
 * canonical JSON (lib/audit/canonical-json.ts) of every field but `sig`,
 * including `kind` (so one kind of statement cannot pass for another) and
 * `key`, the id of the key that signed.
 */
import { sign, verify, type KeyObject } from 'node:crypto';
import type { AuditKey } from './anchor-key';
import { keyIdOf } from './anchor-key';
import { canonicalJson } from './canonical-json';

export type Signed<T extends object> = T & { key: string; sig: string };

export function signStatement<T extends object>(key: AuditKey, body: T): Signed<T> {
  const unsigned = { ...body, key: key.keyId };
  const sig = sign(null, Buffer.from(canonicalJson(unsigned), 'utf8'), key.privateKey).toString('base64');
  return { ...unsigned, sig };
}

export type SignatureCheck = 'valid' | 'unknown key' | 'bad signature';

/** Checks a statement against the keys it may be signed with. */
export function checkSignature(statement: { key?: unknown; sig?: unknown }, keys: readonly KeyObject[]): SignatureCheck {
  if (typeof statement.key !== 'string' || typeof statement.sig !== 'string') return 'bad signature';
  const key = keys.find((k) => keyIdOf(k) === statement.key);
  if (!key) return 'unknown key';
  const { sig, ...unsigned } = statement;
  try {
    return verify(null, Buffer.from(canonicalJson(unsigned), 'utf8'), key, Buffer.from(sig as string, 'base64')) ? 'valid' : 'bad signature';
  } catch {
    return 'bad signature';
  }
}
