/** An identifier in a path or a query string (`/identifiers/[kind]/[value]`, `/api/search?q=`), checked before it reaches a query (400 otherwise). */
import { z } from 'zod';
import { InputError } from '../errors';
import { PIVOT_KINDS, type PivotKind } from './kinds';

/** The longest identifier value we look up (ingest caps account fields at 512). */
export const MAX_IDENTIFIER_VALUE = 512;

export const identifierPathSchema = z.object({
  kind: z.enum(PIVOT_KINDS),
  value: z.string().min(1).max(MAX_IDENTIFIER_VALUE),
});

export const identifierPageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  page_size: z.coerce.number().int().min(10).max(200).default(50),
});

export const searchQuerySchema = z.object({
  q: z.string().trim().min(1, 'q: type something to search for').max(200),
});

function decoded(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? '');
  } catch {
    throw new InputError('identifier: not a valid path segment');
  }
}

/** The kind and value of an identifier page's path segments. */
export function identifierParams(rawKind: string | undefined, rawValue: string | undefined): { kind: PivotKind; value: string } {
  const parsed = identifierPathSchema.safeParse({ kind: decoded(rawKind), value: decoded(rawValue) });
  if (!parsed.success) throw new InputError(`identifier: expected a kind of ${PIVOT_KINDS.join(', ')} and a value of 1–${MAX_IDENTIFIER_VALUE} characters`);
  return parsed.data;
}
