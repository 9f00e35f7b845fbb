/**
 * An audit entry's details as the PDF's table prints them: "key: value" pairs
 * in words, not raw JSON — keys with spaces, lists joined, nested objects as
 * their own pairs, hashes shortened (audit.json keeps every byte).
 */

const MAX_LIST = 6;
const MAX_TEXT = 240;

function value(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') {
    if (/^[0-9a-f]{40,}$/.test(v)) return `${v.slice(0, 16)}\u2026`;
    return v.length > MAX_TEXT ? `${v.slice(0, MAX_TEXT - 1)}\u2026` : v;
  }
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return v.toLocaleString('en-US');
  if (Array.isArray(v)) {
    const shown = v.slice(0, MAX_LIST).map(value).join(', ');
    return v.length > MAX_LIST ? `${shown} and ${(v.length - MAX_LIST).toLocaleString('en-US')} more` : shown || 'none';
  }
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${k.replace(/_/g, ' ')} ${value(x)}`)
    .join(', ');
}

export function readableDetails(details: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    return value(details);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return value(parsed);
  return Object.entries(parsed as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${value(v)}`)
    .join('; ');
}
