/**
 * A request body and a response body as a gateway logged them, in any of the
 * three APIs, possibly wrapped as lines of an OpenAI Batch job (the input
 * line `{custom_id, method, url, body}`, the output line
 * `{id, custom_id, response: {status_code, request_id, body}, error}`).
 * Which API is told by the map, else by the bodies' shape.
 */
import { z } from 'zod';
import type { Converted, Exchange } from '../exchange';
import { asObject, asText } from '../field-path';
import { readAnthropicMessages } from './anthropic-messages';
import { readOpenAiChat } from './openai-chat';
import { readOpenAiResponses } from './openai-responses';

export const BODY_FORMATS = ['auto', 'openai-chat', 'openai-responses', 'anthropic-messages'] as const;
export const bodyFormatSchema = z.enum(BODY_FORMATS);
export type BodyFormat = z.infer<typeof bodyFormatSchema>;

function whichApi(req: Record<string, unknown>, res: Record<string, unknown> | undefined, url: string | undefined): Exclude<BodyFormat, 'auto'> {
  if (url?.includes('/responses') || res?.object === 'response' || req.input !== undefined || req.instructions !== undefined) return 'openai-responses';
  if (url?.includes('/messages') || res?.type === 'message' || res?.stop_reason !== undefined || typeof req.system === 'string' || Array.isArray(req.system) || req.anthropic_version !== undefined) {
    return 'anthropic-messages';
  }
  return 'openai-chat';
}

export interface BodyReading {
  exchange: Exchange;
  /** The batch output line's `response.request_id`, when the response was one. */
  providerRequestId?: string;
}

/** Reads the exchange out of the two bodies, or says why it cannot. */
export function readBodies(requestBody: unknown, responseBody: unknown, format: BodyFormat): BodyReading | Extract<Converted, { reject: string }> {
  let req = asObject(requestBody);
  let res = asObject(responseBody);
  if (!req) return { reject: requestBody === undefined ? 'no request body' : 'the request body is not a JSON object' };
  if (responseBody !== undefined && responseBody !== null && !res) return { reject: 'the response body is not a JSON object' };
  let url: string | undefined;
  let providerRequestId: string | undefined;
  // A Batch input line wraps the request.
  if (req.custom_id !== undefined && asObject(req.body)) {
    url = asText(req.url);
    req = asObject(req.body)!;
  }
  // A Batch output line wraps the response, or says why there is none.
  if (res && res.custom_id !== undefined && ('response' in res || 'error' in res)) {
    const inner = asObject(res.response);
    if (!inner || !asObject(inner.body)) {
      const err = asObject(res.error);
      return { reject: `the batch request failed${err?.message ? `: ${String(err.message).slice(0, 200)}` : ''} (no response body)` };
    }
    providerRequestId = asText(inner.request_id);
    res = asObject(inner.body);
  }
  const api = format === 'auto' ? whichApi(req, res, url) : format;
  const exchange =
    api === 'openai-responses' ? readOpenAiResponses(req, res) : api === 'anthropic-messages' ? readAnthropicMessages(req, res) : readOpenAiChat(req, res);
  return { exchange, providerRequestId };
}
