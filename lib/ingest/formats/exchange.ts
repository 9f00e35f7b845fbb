/**
 * What every adapter reads out of a foreign record, before it becomes a
 * contract event (CONTRACT.md §1): who sent it (the envelope) and what was
 * exchanged (from the request and response bodies or span attributes). The
 * contract's validation (records.ts) then judges the result exactly as it
 * judges an NDJSON line, so the reject rules are the contract's.
 *
 * Token rules, the same for every format:
 * - cached input tokens count as input: a source that reports them beside its
 *   input count (Anthropic's `cache_read_input_tokens`) has them added; one
 *   that reports them as a part of it (OpenAI's `cached_tokens`) does not;
 * - reasoning tokens are part of the output: more reasoning than output
 *   tokens is a contradiction, and the record is rejected saying so.
 */
import type { FinishReason } from '../../domain';

export interface Exchange {
  model?: string;
  systemPrompt?: string;
  /** The text of the last user message: the turn being answered. */
  prompt?: string;
  /** The number of user messages sent. */
  turn?: number;
  maxTokens?: unknown;
  toolCount?: number;
  finishReason?: Exclude<FinishReason, ''>;
  /** Input tokens, cached ones included. */
  inputTokens?: unknown;
  /** Output tokens, reasoning included. */
  outputTokens?: unknown;
  reasoningTokens?: unknown;
  /** The provider's id of the response (chatcmpl-…, msg_…, resp_…). */
  responseId?: string;
}

export interface Envelope {
  requestId?: string;
  ts?: string;
  accountId?: string;
  ip?: string;
  apiKeyId?: string;
  userAgent?: string;
  tlsFp?: string;
  asn?: unknown;
  conversationId?: string;
}

/** A record an adapter turns away before the contract's validation, with the reason. */
export interface AdapterReject {
  reject: string;
}

export type Converted = Record<string, unknown> | AdapterReject;

export const isReject = (c: Converted): c is AdapterReject => typeof (c as AdapterReject).reject === 'string';

/** `a + b` when both are counts; `a` otherwise (the contract's validation names a bad `a`). */
export function plusCount(a: unknown, b: unknown): unknown {
  return typeof a === 'number' && Number.isSafeInteger(a) && typeof b === 'number' && Number.isSafeInteger(b) && b > 0 ? a + b : a;
}

/**
 * Cached input tokens reported by a source whose convention says they are
 * part of its input count (OpenTelemetry, LiteLLM): added only when they
 * cannot be part of it (more cached than input), as instrumentations that
 * copy Anthropic's usage as it is do.
 */
export function inputWithCached(input: unknown, cached: number): unknown {
  return typeof input === 'number' && cached > input ? input + cached : input;
}

/** A count, or 0 when absent or not a number. */
export const numberOrZero = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** The contract event for an envelope and an exchange, or the token rule it breaks. */
export function contractEvent(env: Envelope, ex: Exchange): Converted {
  const r = ex.reasoningTokens;
  const out = ex.outputTokens;
  if (typeof r === 'number' && typeof out === 'number' && r > out) {
    return { reject: `reasoning tokens (${r}) exceed output tokens (${out}): reasoning is part of the output` };
  }
  const event: Record<string, unknown> = {
    type: 'event',
    request_id: env.requestId ?? ex.responseId,
    ts: env.ts,
    account_id: env.accountId,
    ip: env.ip,
    model: ex.model,
    prompt: ex.prompt ?? '',
    input_tokens: ex.inputTokens,
    output_tokens: ex.outputTokens,
  };
  const optional: [string, unknown][] = [
    ['api_key_id', env.apiKeyId], ['asn', env.asn], ['user_agent', env.userAgent], ['tls_fp', env.tlsFp],
    ['conversation_id', env.conversationId], ['turn', ex.turn], ['system_prompt', ex.systemPrompt],
    ['max_tokens', ex.maxTokens], ['finish_reason', ex.finishReason], ['tool_count', ex.toolCount],
    ['reasoning_tokens', ex.reasoningTokens],
  ];
  for (const [k, v] of optional) if (v !== undefined && v !== null && v !== '') event[k] = v;
  return event;
}
