/**
 * Canonical JSON: object keys sorted at every depth, no whitespace. The audit
 * hash is computed over this form, so the same content always hashes the same
 * however its object was built.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  // toJSON (Dates) first, as JSON.stringify would.
  if (typeof (source as { toJSON?: unknown }).toJSON === 'function') return (source as { toJSON(): unknown }).toJSON();
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source).sort()) out[key] = sortKeys(source[key]);
  return out;
}
