/**
 * OpenAI Chat Completions (POST /v1/chat/completions): the request's
 * `model`, `messages` (roles system, developer, user, assistant, tool),
 * `max_completion_tokens` or the older `max_tokens`, `tools` (or the older
 * `functions`); the response's `model`, `choices[0].finish_reason`
 * (stop, length, tool_calls, function_call, content_filter) and `usage`:
 * `prompt_tokens` (cached tokens, `prompt_tokens_details.cached_tokens`, are
 * a part of it), `completion_tokens` (reasoning tokens,
 * `completion_tokens_details.reasoning_tokens`, are a part of it).
 */
import type { Exchange } from '../exchange';
import { asArray, asCount, asObject, asText, valueAt } from '../field-path';
import { readConversation } from '../message-text';

const FINISH: Record<string, Exchange['finishReason']> = {
  stop: 'stop', length: 'length', tool_calls: 'tool_use', function_call: 'tool_use', content_filter: 'refusal',
};

export function readOpenAiChat(request: Record<string, unknown>, response: Record<string, unknown> | undefined): Exchange {
  const conv = readConversation(request.messages);
  const tools = asArray(request.tools) ?? asArray(request.functions);
  const choice = asObject(asArray(response?.choices)?.[0]);
  const usage = asObject(response?.usage);
  return {
    model: asText(response?.model) ?? asText(request.model),
    systemPrompt: conv.systemPrompt,
    prompt: conv.prompt,
    turn: conv.turn || undefined,
    maxTokens: asCount(request.max_completion_tokens ?? request.max_tokens),
    toolCount: tools?.length,
    finishReason: FINISH[String(choice?.finish_reason)],
    inputTokens: asCount(usage?.prompt_tokens),
    outputTokens: asCount(usage?.completion_tokens),
    reasoningTokens: asCount(valueAt(usage, 'completion_tokens_details.reasoning_tokens')),
    responseId: asText(response?.id),
  };
}
