/**
 * LiteLLM spend-log rows (the proxy's `LiteLLM_SpendLogs` table), as JSON
 * lines (the `/spend/logs` API, a JSON export) or CSV (a database export):
 * `request_id`, `startTime` (UTC, written with or without a zone),
 * `api_key` (LiteLLM stores its hash), `user`, `team_id`,
 * `organization_id`, `end_user`, `model`, `prompt_tokens`,
 * `completion_tokens`, `requester_ip_address`, `session_id`, `messages` and
 * `response` (JSON, empty unless the proxy runs with
 * `store_prompts_in_spend_logs`), and `metadata` (JSON) for the user agent.
 *
 * The account is the first of `user`, `team_id`, `organization_id`,
 * `end_user` that is set, unless the map names another column. `messages`
 * are read as Chat Completions messages; `response` as a Chat Completions
 * response (LiteLLM answers in that shape whatever the provider): its
 * finish reason, and its usage details for reasoning and cached tokens
 * (cached tokens are a part of `prompt_tokens` there; added when larger).
 * `max_tokens` and the tools come from the logged proxy request, when there is one.
 */
import { z } from 'zod';
import { contractEvent, inputWithCached, numberOrZero, type Converted } from './exchange';
import { asArray, asCount, asObject, asText, decodedJson, fieldPathSchema, valueAt } from './field-path';
import { readOpenAiChat } from './bodies/openai-chat';
import { readConversation } from './message-text';
import { isoTime, sourceTime } from './source-time';

export const litellmMapSchema = z
  .object({
    format: z.literal('litellm').optional(),
    /** The column that names the account (default: user, team_id, organization_id, end_user — the first set). */
    account: fieldPathSchema.optional(),
  })
  .strict();
export type LitellmMap = z.infer<typeof litellmMapSchema>;

const ACCOUNT_COLUMNS = ['user', 'team_id', 'organization_id', 'end_user'];

export const LITELLM_SOURCES: Record<string, string> = {
  request_id: 'request_id',
  ts: 'startTime',
  account_id: 'user, team_id, organization_id or end_user',
  ip: 'requester_ip_address',
  model: 'model',
  input_tokens: 'prompt_tokens',
  output_tokens: 'completion_tokens',
  api_key_id: 'api_key',
};

/** The proxy request LiteLLM logged (a column of its own in newer versions, else in the metadata), parsed. */
function proxyRequest(row: Record<string, unknown>, metadata: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  return asObject(row.proxy_server_request) ?? asObject(metadata?.proxy_server_request);
}

function userAgentOf(row: Record<string, unknown>, metadata: Record<string, unknown> | undefined): string | undefined {
  const request = proxyRequest(row, metadata);
  return (
    asText(metadata?.user_agent) ??
    asText(valueAt(metadata, ['headers', 'user-agent'])) ??
    asText(valueAt(metadata, ['requester_metadata', 'user_agent'])) ??
    asText(valueAt(request, ['headers', 'user-agent']))
  );
}

export function convertLitellm(map: LitellmMap, value: unknown): Converted[] {
  const row = asObject(value);
  if (!row) return [{ reject: 'not a JSON object' }];
  const metadata = asObject(row.metadata);
  const request = proxyRequest(row, metadata);
  const requestBody = asObject(request?.body) ?? {};
  const messages = decodedJson(row.messages);
  const conv = Array.isArray(messages) ? readConversation(messages) : { prompt: asText(messages), turn: asText(messages) ? 1 : 0, systemPrompt: undefined };
  const response = asObject(row.response);
  const fromResponse = response && Object.keys(response).length > 0 ? readOpenAiChat({ ...requestBody, messages: [] }, response) : undefined;
  const usage = asObject(response?.usage);
  const cached = numberOrZero(asCount(valueAt(usage, 'prompt_tokens_details.cached_tokens')));
  const account = map.account ? asText(valueAt(row, map.account)) : ACCOUNT_COLUMNS.map((c) => asText(row[c])).find((v) => v !== undefined);
  const ms = sourceTime(row.startTime, 'ms');
  return [
    contractEvent(
      {
        requestId: asText(row.request_id),
        ts: isoTime(ms) ?? asText(row.startTime),
        accountId: account,
        ip: asText(row.requester_ip_address) ?? asText(metadata?.requester_ip_address),
        apiKeyId: asText(row.api_key),
        userAgent: userAgentOf(row, metadata),
        conversationId: asText(row.session_id),
      },
      {
        model: asText(row.model) ?? fromResponse?.model,
        systemPrompt: conv.systemPrompt,
        prompt: conv.prompt,
        turn: conv.turn || undefined,
        maxTokens: asCount(requestBody.max_completion_tokens ?? requestBody.max_tokens),
        toolCount: asArray(requestBody.tools)?.length,
        finishReason: fromResponse?.finishReason,
        inputTokens: inputWithCached(asCount(row.prompt_tokens), cached),
        outputTokens: asCount(row.completion_tokens),
        reasoningTokens: asCount(valueAt(usage, 'completion_tokens_details.reasoning_tokens')),
      },
    ),
  ];
}
