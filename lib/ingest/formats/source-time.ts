/**
 * Times as log exporters write them, read into epoch ms: ISO-8601 with a zone;
 * ISO-8601 without one, or with a space for the `T` (database exports), read as
 * UTC; epoch numbers or digit strings in seconds, ms, µs or ns (by magnitude,
 * unless the map names the unit).
 */
export type TimeUnit = 's' | 'ms' | 'us' | 'ns';

const ISO_RE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?$/;
const PER_MS: Record<TimeUnit, number> = { s: 1e-3, ms: 1, us: 1e3, ns: 1e6 };

function epochUnit(n: number): TimeUnit {
  // 2001-09-09 in each unit: 1e9 s, 1e12 ms, 1e15 µs, 1e18 ns.
  if (n >= 1e17) return 'ns';
  if (n >= 1e14) return 'us';
  if (n >= 1e11) return 'ms';
  return 's';
}

/** Epoch ms, or NaN when `v` is not a time. */
export function sourceTime(v: unknown, unit?: TimeUnit): number {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? Math.round(v / PER_MS[unit ?? epochUnit(v)]) : NaN;
  if (typeof v !== 'string') return NaN;
  const s = v.trim();
  if (/^\d+(\.\d+)?$/.test(s)) {
    // Nanoseconds overflow a double's integer precision: divide as a BigInt.
    if (/^\d+$/.test(s) && s.length > 15) {
      const u = unit ?? epochUnit(Number(s));
      return PER_MS[u] >= 1 ? Number(BigInt(s) / BigInt(PER_MS[u])) : NaN;
    }
    return sourceTime(Number(s), unit);
  }
  const m = ISO_RE.exec(s);
  if (!m) return NaN;
  return Date.parse(`${m[1]}T${m[2]}${m[3] ?? 'Z'}`);
}

export function isoTime(ms: number): string | undefined {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}
