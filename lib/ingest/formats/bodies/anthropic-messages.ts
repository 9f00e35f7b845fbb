/**
 * Anthropic Messages (POST /v1/messages): the request's `model`, `system` (a
 * string or text blocks), `messages` (user and assistant; a user message made
 * only of `tool_result` blocks is the client returning a tool's output, not a
 * user turn), `max_tokens` and `tools`; the response's `model`, `stop_reason`
 * (end_turn, stop_sequence, pause_turn, max_tokens,
 * model_context_window_exceeded, tool_use, refusal) and `usage`:
 * `input_tokens` counts only the tokens after the last cache breakpoint, so
 * `cache_read_input_tokens` and `cache_creation_input_tokens` are added to
 * it; `output_tokens` includes any extended thinking, which usage does not
 * count apart (no reasoning count is recorded).
 */
import { plusCount, numberOrZero, type Exchange } from '../exchange';
import { asArray, asCount, asObject, asText } from '../field-path';
import { readConversation, textOf } from '../message-text';

const FINISH: Record<string, Exchange['finishReason']> = {
  end_turn: 'stop', stop_sequence: 'stop', pause_turn: 'stop', max_tokens: 'length',
  model_context_window_exceeded: 'length', tool_use: 'tool_use', refusal: 'refusal',
};

export function readAnthropicMessages(request: Record<string, unknown>, response: Record<string, unknown> | undefined): Exchange {
  const conv = readConversation(request.messages, []);
  const usage = asObject(response?.usage);
  const cached = numberOrZero(asCount(usage?.cache_read_input_tokens)) + numberOrZero(asCount(usage?.cache_creation_input_tokens));
  return {
    model: asText(response?.model) ?? asText(request.model),
    systemPrompt: textOf(request.system),
    prompt: conv.prompt,
    turn: conv.turn || undefined,
    maxTokens: asCount(request.max_tokens),
    toolCount: asArray(request.tools)?.length,
    finishReason: FINISH[String(response?.stop_reason)],
    inputTokens: plusCount(asCount(usage?.input_tokens), cached),
    outputTokens: asCount(usage?.output_tokens),
    responseId: asText(response?.id),
  };
}
