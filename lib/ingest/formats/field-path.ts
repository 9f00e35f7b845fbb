/**
 * Where a field map points in a record: `"client.ip"` (dots between keys) or
 * `["request", "headers", "x.forwarded"]` (for keys that hold a dot).
 * Gateways often log nested JSON as a string (a body, a metadata column of a
 * CSV export): a string that starts with `{` or `[` met on the way down is
 * parsed and walked into.
 */
import { z } from 'zod';

export const fieldPathSchema = z.union([z.string().min(1).max(512), z.array(z.string().min(1).max(256)).min(1).max(16)]);
export type FieldPath = z.infer<typeof fieldPathSchema>;

export function pathKeys(path: FieldPath): string[] {
  return typeof path === 'string' ? path.split('.') : [...path];
}

export function describePath(path: FieldPath): string {
  return typeof path === 'string' ? path : path.join(' → ');
}

/** A JSON-encoded object or array held as a string, decoded; anything else as it is. */
export function decodedJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trimStart();
  if (t[0] !== '{' && t[0] !== '[') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** The value at `path` in `record`, or undefined. */
export function valueAt(record: unknown, path: FieldPath): unknown {
  let v: unknown = record;
  for (const key of pathKeys(path)) {
    v = decodedJson(v);
    if (v === null || typeof v !== 'object') return undefined;
    v = Array.isArray(v) ? (/^\d+$/.test(key) ? v[Number(key)] : undefined) : (v as Record<string, unknown>)[key];
  }
  return v;
}

/** A plain object, or undefined. */
export function asObject(v: unknown): Record<string, unknown> | undefined {
  const d = decodedJson(v);
  return d !== null && typeof d === 'object' && !Array.isArray(d) ? (d as Record<string, unknown>) : undefined;
}

export function asArray(v: unknown): unknown[] | undefined {
  const d = decodedJson(v);
  return Array.isArray(d) ? d : undefined;
}

/** A non-empty string (numbers written as text), or undefined. */
export function asText(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/**
 * A count: a number, or a string of digits (CSV cells, OTLP's int64 as a
 * string). Anything else is returned as it is, for the contract's validation
 * to name (a count must be a non-negative integer).
 */
export function asCount(v: unknown): unknown {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string' && /^\s*\d+\s*$/.test(v)) return Number(v);
  return v;
}
