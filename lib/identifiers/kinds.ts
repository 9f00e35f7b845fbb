/**
 * What an analyst can pivot on: every linkage identifier kind, plus an account's
 * e-mail address (kept on the account's record, not as a linkage identifier).
 * Browser-safe: the links to identifier pages are built here for every page.
 */
import { IDENTIFIER_KINDS, type IdentifierKind } from '../domain';

export const PIVOT_KINDS = [...IDENTIFIER_KINDS, 'email'] as const;
export type PivotKind = IdentifierKind | 'email';

export function isPivotKind(kind: string): kind is PivotKind {
  return (PIVOT_KINDS as readonly string[]).includes(kind);
}

/** The identifier page of one value (the value is one encoded path segment, `/` included). */
export function identifierHref(kind: string, value: string): string {
  return `/identifiers/${encodeURIComponent(kind)}/${encodeURIComponent(value)}`;
}

/** What each kind is called on the page. */
const KIND_NAMES: Record<string, string> = {
  payment_fp: 'card',
  ip: 'IP address',
  subnet: 'subnet',
  client: 'client',
  email_domain: 'e-mail domain',
  email_pattern: 'e-mail pattern',
  signup_ip: 'sign-up IP',
  cohort: 'sign-up window',
  schedule: 'schedule',
  template: 'prompt template',
  skeleton: 'prompt skeleton',
  email: 'e-mail address',
  account: 'account',
  ring: 'ring',
  case: 'case',
};
export const kindName = (kind: string) => KIND_NAMES[kind] ?? kind;
