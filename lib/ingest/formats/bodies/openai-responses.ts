/**
 * OpenAI Responses (POST /v1/responses): the request's `model`,
 * `instructions` (the system prompt), `input` (a string, or items: messages
 * with a role and content parts, function call outputs, …),
 * `max_output_tokens` and `tools`; the response's `model`, `status` and
 * `incomplete_details.reason` (max_output_tokens, content_filter), its
 * `output` items (a `function_call` means the model called a tool, a
 * `refusal` content part that it refused) and `usage`: `input_tokens`
 * (`input_tokens_details.cached_tokens` a part of it) and `output_tokens`
 * (`output_tokens_details.reasoning_tokens` a part of it).
 */
import type { Exchange } from '../exchange';
import { asArray, asCount, asObject, asText, valueAt } from '../field-path';
import { readConversation, textOf } from '../message-text';

function finishOf(response: Record<string, unknown> | undefined): Exchange['finishReason'] {
  if (!response) return undefined;
  if (response.status === 'incomplete') {
    const why = valueAt(response, 'incomplete_details.reason');
    return why === 'max_output_tokens' ? 'length' : why === 'content_filter' ? 'refusal' : undefined;
  }
  const output = asArray(response.output) ?? [];
  if (output.some((o) => asObject(o)?.type === 'function_call')) return 'tool_use';
  const refused = output.some((o) => (asArray(asObject(o)?.content) ?? []).some((p) => asObject(p)?.type === 'refusal'));
  if (refused) return 'refusal';
  return response.status === 'completed' ? 'stop' : undefined;
}

export function readOpenAiResponses(request: Record<string, unknown>, response: Record<string, unknown> | undefined): Exchange {
  const input = request.input;
  const conv = typeof input === 'string' ? { prompt: input, turn: 1, systemPrompt: undefined } : readConversation(input);
  const instructions = textOf(request.instructions);
  const system = [instructions, conv.systemPrompt].filter((s): s is string => !!s).join('\n\n') || undefined;
  const usage = asObject(response?.usage);
  return {
    model: asText(response?.model) ?? asText(request.model),
    systemPrompt: system,
    prompt: conv.prompt,
    turn: conv.turn || undefined,
    maxTokens: asCount(request.max_output_tokens),
    toolCount: asArray(request.tools)?.length,
    finishReason: finishOf(response),
    inputTokens: asCount(usage?.input_tokens),
    outputTokens: asCount(usage?.output_tokens),
    reasoningTokens: asCount(valueAt(usage, 'output_tokens_details.reasoning_tokens')),
    responseId: asText(response?.id),
  };
}
