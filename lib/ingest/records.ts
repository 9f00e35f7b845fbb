/**
 * The input records (NDJSON, `type` account or event), validated with zod. Unknown fields are
 * stripped (ignored), never an error. `null` in an optional field is read as
 * "not given": log exporters emit it for empty columns (consumers use `??`).
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { looksLikeValidEvent } from './fast-event-check';

// ISO-8601 with a time and a zone (Z or ±hh:mm); stored as epoch ms (UTC).
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

// The zod shapes check presence and types only. Formats (timestamps, IP
// addresses) are checked after, by hand: zod refinements and transforms cost
// ~3 µs a line, which is more than JSON.parse itself (measured).
const id = z.string().min(1).max(512);
const count = z.number().int().nonnegative();
const optString = (max: number) => z.string().max(max).nullish();
const optCount = count.nullish();

const accountShape = z.object({
  type: z.literal('account'),
  account_id: id,
  created_at: z.string(),
  email: z.string().min(1).max(512),
  org_id: optString(512),
  plan: optString(64),
  country: optString(8),
  signup_ip: optString(64),
  payment_fp: optString(512),
  verified: z.boolean().nullish(),
});

const eventShape = z.object({
  type: z.literal('event'),
  request_id: id,
  ts: z.string(),
  account_id: id,
  ip: z.string(),
  model: id,
  prompt: z.string(),
  input_tokens: count,
  output_tokens: count,
  api_key_id: optString(512),
  asn: optCount,
  user_agent: optString(2048),
  tls_fp: optString(1024),
  conversation_id: optString(512),
  turn: optCount,
  system_prompt: z.string().nullish(),
  max_tokens: optCount,
  finish_reason: optString(64),
  tool_count: optCount,
  reasoning_tokens: optCount,
});

/** For the fast path's test: the authoritative event shape. */
export const eventShapeForTests = eventShape;

type Shape<T> = Omit<T, 'created_at' | 'ts'>;
/** A valid account record; `created_at` in epoch ms. Null optional fields read as absent. */
export type AccountRecord = Shape<z.infer<typeof accountShape>> & { created_at: number };
/** A valid event record; `ts` in epoch ms. */
export type EventRecord = Shape<z.infer<typeof eventShape>> & { ts: number };

/** Epoch ms of an ISO-8601 timestamp, or NaN. */
export function parseTimestamp(s: string): number {
  return ISO_RE.test(s) ? Date.parse(s) : NaN;
}

export type ParsedRecord =
  | { ok: true; kind: 'account'; record: AccountRecord }
  | { ok: true; kind: 'event'; record: EventRecord }
  | { ok: false; reason: string };

/** Parse one NDJSON line into a validated record, or say why not. */
export function parseLine(line: string): ParsedRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { ok: false, reason: `not JSON: ${(err as Error).message}` };
  }
  return parseRecord(value);
}

export function parseRecord(value: unknown): ParsedRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'not a JSON object' };
  }
  const type = (value as { type?: unknown }).type;
  if (type === 'event') {
    let data: z.infer<typeof eventShape>;
    if (looksLikeValidEvent(value as Record<string, unknown>)) {
      // The parsed object itself: unknown fields stay on it but nothing reads them.
      data = value as z.infer<typeof eventShape>;
    } else {
      const r = eventShape.safeParse(value);
      if (!r.success) return { ok: false, reason: describe(r.error) };
      data = r.data;
    }
    const ts = parseTimestamp(data.ts);
    if (Number.isNaN(ts)) return { ok: false, reason: 'field "ts" is not an ISO-8601 timestamp with a time zone' };
    if (isIP(data.ip) === 0) return { ok: false, reason: 'field "ip" is not an IPv4 or IPv6 address' };
    // `data` is a fresh object from JSON.parse or zod: set the time in place (no copy).
    const record = data as unknown as EventRecord;
    record.ts = ts;
    return { ok: true, kind: 'event', record };
  }
  if (type === 'account') {
    const r = accountShape.safeParse(value);
    if (!r.success) return { ok: false, reason: describe(r.error) };
    const created = parseTimestamp(r.data.created_at);
    if (Number.isNaN(created)) return { ok: false, reason: 'field "created_at" is not an ISO-8601 timestamp with a time zone' };
    if (r.data.signup_ip != null && isIP(r.data.signup_ip) === 0) {
      return { ok: false, reason: 'field "signup_ip" is not an IPv4 or IPv6 address' };
    }
    return { ok: true, kind: 'account', record: { ...r.data, created_at: created } };
  }
  if (type === undefined) return { ok: false, reason: 'missing field "type"' };
  return { ok: false, reason: `unknown record type ${JSON.stringify(type).slice(0, 60)}` };
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => {
      const field = i.path.join('.');
      // zod does not report the input itself: "received undefined" is how a missing field reads.
      if (i.code === 'invalid_type' && / received undefined$/.test(i.message)) {
        return `missing field "${field}"`;
      }
      return `field "${field}" ${i.message}`;
    })
    .join('; ');
}
