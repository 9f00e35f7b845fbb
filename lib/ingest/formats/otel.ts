/**
 * OpenTelemetry GenAI spans in OTLP/JSON, as the collector's file exporter
 * writes them: one `ExportTraceServiceRequest` per line,
 * `resourceSpans[].scopeSpans[].spans[]`, attributes as
 * `{key, value: {stringValue | intValue | doubleValue | boolValue | arrayValue | kvlistValue}}`
 * (int64 values are JSON strings). Each span of a model call is one exchange;
 * resource attributes apply to every span under them, the span's own win.
 *
 * Read (GenAI semantic conventions): `gen_ai.response.id` (else the trace and
 * span ids), `gen_ai.response.model` or `gen_ai.request.model`,
 * `gen_ai.usage.input_tokens` / `output_tokens`,
 * `gen_ai.usage.cache_read.input_tokens` and `cache_creation.input_tokens`
 * (by convention a part of the input; added when larger than it),
 * `gen_ai.usage.reasoning.output_tokens`, `gen_ai.response.finish_reasons`,
 * `gen_ai.conversation.id`, `gen_ai.request.max_tokens`,
 * `gen_ai.tool.definitions`, `gen_ai.input.messages` and
 * `gen_ai.system_instructions` when content capture recorded them,
 * `client.address`, `user_agent.original`, `user.id` (else `enduser.id`).
 * Spans with no `gen_ai.*` attribute (HTTP, database …) and spans of other
 * operations (embeddings, tool execution, agent wrappers, whose model calls
 * are spans of their own) are not exchanges and are passed over.
 */
import { contractEvent, inputWithCached, numberOrZero, type Converted, type Exchange } from './exchange';
import { asArray, asCount, asObject, asText, decodedJson } from './field-path';
import { readConversation, textOf } from './message-text';
import { isoTime, sourceTime } from './source-time';

const MODEL_CALLS = new Set(['chat', 'text_completion', 'generate_content']);

const FINISH: Record<string, Exchange['finishReason']> = {
  stop: 'stop', end_turn: 'stop', stop_sequence: 'stop', length: 'length', max_tokens: 'length',
  tool_calls: 'tool_use', tool_call: 'tool_use', tool_use: 'tool_use', function_call: 'tool_use',
  content_filter: 'refusal', refusal: 'refusal',
};

export const OTEL_SOURCES: Record<string, string> = {
  request_id: 'gen_ai.response.id',
  ts: 'startTimeUnixNano',
  account_id: 'user.id or enduser.id',
  ip: 'client.address',
  model: 'gen_ai.response.model or gen_ai.request.model',
  input_tokens: 'gen_ai.usage.input_tokens',
  output_tokens: 'gen_ai.usage.output_tokens',
  user_agent: 'user_agent.original',
};

/** An OTLP AnyValue as a plain value. */
function anyValue(v: unknown): unknown {
  const o = asObject(v);
  if (!o) return undefined;
  if ('stringValue' in o) return o.stringValue;
  if ('intValue' in o) return asCount(o.intValue) ?? o.intValue;
  if ('doubleValue' in o) return o.doubleValue;
  if ('boolValue' in o) return o.boolValue;
  if ('arrayValue' in o) return (asArray(asObject(o.arrayValue)?.values) ?? []).map(anyValue);
  if ('kvlistValue' in o) return attributes(asObject(o.kvlistValue)?.values, {});
  if ('bytesValue' in o) return o.bytesValue;
  return undefined;
}

function attributes(list: unknown, into: Record<string, unknown>): Record<string, unknown> {
  for (const kv of asArray(list) ?? []) {
    const a = asObject(kv);
    if (a && typeof a.key === 'string') into[a.key] = anyValue(a.value);
  }
  return into;
}

function spanExchange(attrs: Record<string, unknown>): Exchange {
  const text = (k: string) => asText(attrs[k]);
  const count = (k: string) => asCount(attrs[k]);
  const cached = numberOrZero(count('gen_ai.usage.cache_read.input_tokens')) + numberOrZero(count('gen_ai.usage.cache_creation.input_tokens'));
  const conv = readConversation(attrs['gen_ai.input.messages']);
  const instructions = textOf(attrs['gen_ai.system_instructions']);
  const system = [instructions, conv.systemPrompt].filter((s): s is string => !!s).join('\n\n') || undefined;
  const reasons = decodedJson(attrs['gen_ai.response.finish_reasons']);
  const first = Array.isArray(reasons) ? reasons[0] : reasons;
  return {
    model: text('gen_ai.response.model') ?? text('gen_ai.request.model'),
    systemPrompt: system,
    prompt: conv.prompt,
    turn: conv.turn || undefined,
    maxTokens: count('gen_ai.request.max_tokens'),
    toolCount: asArray(attrs['gen_ai.tool.definitions'])?.length,
    finishReason: FINISH[String(first)],
    inputTokens: inputWithCached(count('gen_ai.usage.input_tokens'), cached),
    outputTokens: count('gen_ai.usage.output_tokens'),
    reasoningTokens: count('gen_ai.usage.reasoning.output_tokens'),
    responseId: text('gen_ai.response.id'),
  };
}

function isModelCall(attrs: Record<string, unknown>): boolean {
  const op = attrs['gen_ai.operation.name'];
  if (op !== undefined) return MODEL_CALLS.has(String(op));
  // Instrumentations older than gen_ai.operation.name: a span that names a model.
  return attrs['gen_ai.request.model'] !== undefined || attrs['gen_ai.response.model'] !== undefined;
}

/** The exchanges of one OTLP/JSON line; each reject names its span. */
export function convertOtel(line: unknown): Converted[] {
  const root = asObject(line);
  if (!root || !Array.isArray(root.resourceSpans)) return [{ reject: 'not an OTLP/JSON trace export (no "resourceSpans" array)' }];
  const out: Converted[] = [];
  for (const rs of root.resourceSpans) {
    const resource = attributes(asObject(asObject(rs)?.resource)?.attributes, {});
    const scopes = asArray(asObject(rs)?.scopeSpans) ?? asArray(asObject(rs)?.instrumentationLibrarySpans) ?? [];
    for (const ss of scopes) {
      for (const s of asArray(asObject(ss)?.spans) ?? []) {
        const span = asObject(s);
        if (!span) continue;
        const attrs = attributes(span.attributes, { ...resource });
        if (!isModelCall(attrs)) continue;
        const spanName = `span ${String(span.spanId ?? '?')}`;
        const ms = sourceTime(span.startTimeUnixNano, 'ns');
        const converted = contractEvent(
          {
            requestId: asText(attrs['gen_ai.response.id']) ?? (span.traceId && span.spanId ? `otel:${String(span.traceId)}:${String(span.spanId)}` : undefined),
            ts: isoTime(ms) ?? asText(span.startTimeUnixNano),
            accountId: asText(attrs['user.id']) ?? asText(attrs['enduser.id']),
            ip: asText(attrs['client.address']),
            userAgent: asText(attrs['user_agent.original']),
            conversationId: asText(attrs['gen_ai.conversation.id']),
          },
          spanExchange(attrs),
        );
        out.push('reject' in converted ? { reject: `${spanName}: ${converted.reject}` } : Object.assign(converted, { [SPAN_LABEL]: spanName }));
      }
    }
  }
  return out;
}

/** Carried on a converted span so that a reject by the contract's validation names its span (not a contract field: stripped). */
export const SPAN_LABEL = '__span';
