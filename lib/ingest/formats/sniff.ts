/**
 * `--format auto`: the format and layout of a file, told from its first
 * record (the first 64 KiB of its decoded bytes). When nothing else fits, the
 * answer is the contract: its validation then names what is wrong with each
 * line, exactly as `--format contract` would.
 */
import { parseCsvRecord } from './csv';
import { CSV_FORMATS, type ConcreteFormat, type Layout } from './format-spec';

export const SNIFF_BYTES = 64 * 1024;

export interface Sniffed {
  format: ConcreteFormat;
  layout: Layout;
}

const has = (keys: Set<string>, ...names: string[]) => names.every((n) => keys.has(n));

function byKeys(keys: Set<string>, contractType: boolean, mapFormat: ConcreteFormat | undefined): ConcreteFormat {
  if (contractType) return 'contract';
  if (keys.has('resourceSpans')) return 'otel';
  if (mapFormat) return mapFormat;
  if (has(keys, 'request_id', 'startTime')) return 'litellm';
  if (has(keys, 'account_id', 'created_at', 'email')) return 'accounts';
  return 'contract';
}

/** Top-level keys of a JSON object text, exactly when it parses; else every `"key":` in the text (a record longer than the sample). */
function keysOf(text: string): { keys: Set<string>; contractType: boolean } {
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return { keys: new Set(Object.keys(v)), contractType: v.type === 'event' || v.type === 'account' };
    }
  } catch {
    // A sample cut short: look at the keys it names.
  }
  const keys = new Set<string>();
  for (const m of text.matchAll(/"([A-Za-z_][\w.]*)"\s*:/g)) keys.add(m[1]);
  return { keys, contractType: /^\s*\{\s*"type"\s*:\s*"(event|account)"/.test(text) || /"type"\s*:\s*"(event|account)"/.test(text.slice(0, 2048)) };
}

/** The layout of a file in a known format. */
export function layoutOf(head: string, format: ConcreteFormat): Layout {
  const t = head.replace(/^\uFEFF/, '').trimStart();
  if (format === 'contract') return 'lines';
  if (t.startsWith('[')) return 'json-array';
  if (t.startsWith('{') || !CSV_FORMATS.has(format)) return 'lines';
  return 'csv';
}

export function sniff(head: string, mapFormat?: ConcreteFormat): Sniffed {
  const t = head.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('[')) {
    const first = t.slice(1).trimStart();
    const { keys, contractType } = keysOf(first.slice(0, first.indexOf('\n') < 0 ? first.length : Math.max(first.indexOf('\n'), 4096)));
    const format = byKeys(keys, contractType, mapFormat);
    return { format, layout: format === 'contract' ? 'lines' : 'json-array' };
  }
  const nl = t.indexOf('\n');
  const line = nl < 0 ? t : t.slice(0, nl);
  if (t.startsWith('{')) {
    const { keys, contractType } = keysOf(line);
    return { format: byKeys(keys, contractType, mapFormat), layout: 'lines' };
  }
  // Not JSON: a CSV header naming a format's columns, or the contract (whose validation rejects the line).
  const header = parseCsvRecord(line);
  if (Array.isArray(header)) {
    const cols = new Set(header.map((h) => h.trim()));
    if (mapFormat && CSV_FORMATS.has(mapFormat)) return { format: mapFormat, layout: 'csv' };
    if (has(cols, 'request_id', 'startTime')) return { format: 'litellm', layout: 'csv' };
    if (has(cols, 'account_id', 'created_at', 'email')) return { format: 'accounts', layout: 'csv' };
  }
  return { format: 'contract', layout: 'lines' };
}
