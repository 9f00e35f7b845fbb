/**
 * Gateway JSON lines: one exchange per line, in whatever shape the gateway
 * logs it, with a field map naming where the envelope is (request id, time,
 * account, API key, client IP, user agent, TLS fingerprint) and where the
 * request and response bodies are. The bodies are read by bodies/read-bodies.ts.
 */
import { z } from 'zod';
import { bodyFormatSchema, readBodies } from './bodies/read-bodies';
import { contractEvent, type Converted } from './exchange';
import { asCount, asText, describePath, fieldPathSchema, valueAt, type FieldPath } from './field-path';
import { isoTime, sourceTime } from './source-time';

export const gatewayMapSchema = z
  .object({
    format: z.literal('gateway').optional(),
    /** Absent, or absent on a line: the provider's response id (chatcmpl-…, msg_…, resp_…) or the batch line's request id. */
    request_id: fieldPathSchema.optional(),
    time: fieldPathSchema,
    time_unit: z.enum(['s', 'ms', 'us', 'ns']).optional(),
    account: fieldPathSchema,
    api_key: fieldPathSchema.optional(),
    ip: fieldPathSchema,
    user_agent: fieldPathSchema.optional(),
    tls_fp: fieldPathSchema.optional(),
    asn: fieldPathSchema.optional(),
    conversation_id: fieldPathSchema.optional(),
    request_body: fieldPathSchema,
    response_body: fieldPathSchema,
    body_format: bodyFormatSchema.default('auto'),
  })
  .strict();
export type GatewayMap = z.infer<typeof gatewayMapSchema>;

/** The map used when none is given. */
export const DEFAULT_GATEWAY_MAP: GatewayMap = {
  request_id: 'request_id',
  time: 'timestamp',
  account: 'account_id',
  api_key: 'api_key_id',
  ip: 'client_ip',
  user_agent: 'user_agent',
  tls_fp: 'tls_fingerprint',
  request_body: 'request',
  response_body: 'response',
  body_format: 'auto',
};

export function gatewaySources(map: GatewayMap): Record<string, string> {
  const at = (p: FieldPath | undefined) => (p === undefined ? undefined : `map field ${JSON.stringify(describePath(p))}`);
  return {
    request_id: at(map.request_id) ?? 'the response body\'s id',
    ts: at(map.time)!,
    account_id: at(map.account)!,
    ip: at(map.ip)!,
    api_key_id: at(map.api_key) ?? '',
    user_agent: at(map.user_agent) ?? '',
    tls_fp: at(map.tls_fp) ?? '',
    model: 'the response or request body',
    input_tokens: 'the response body\'s usage',
    output_tokens: 'the response body\'s usage',
  };
}

export function convertGateway(map: GatewayMap, line: unknown): Converted[] {
  const get = (p: FieldPath | undefined) => (p === undefined ? undefined : valueAt(line, p));
  const bodies = readBodies(get(map.request_body), get(map.response_body), map.body_format);
  if ('reject' in bodies) return [{ reject: `${bodies.reject} (map fields ${JSON.stringify(describePath(map.request_body))} and ${JSON.stringify(describePath(map.response_body))})` }];
  const rawTime = get(map.time);
  const ms = sourceTime(rawTime, map.time_unit);
  return [
    contractEvent(
      {
        requestId: asText(get(map.request_id)) ?? bodies.providerRequestId,
        // An unreadable time is passed on as it is, for the contract's validation to name.
        ts: isoTime(ms) ?? (rawTime === undefined ? undefined : String(rawTime)),
        accountId: asText(get(map.account)),
        ip: asText(get(map.ip)),
        apiKeyId: asText(get(map.api_key)),
        userAgent: asText(get(map.user_agent)),
        tlsFp: asText(get(map.tls_fp)),
        asn: asCount(get(map.asn)),
        conversationId: asText(get(map.conversation_id)),
      },
      bodies.exchange,
    ),
  ];
}
