/**
 * For the ingest-formats bench: the contract events of a generated scenario
 * rewritten, one for one, in each foreign format the adapters read — gateway
 * JSON lines (Chat Completions bodies, the default map), OpenTelemetry spans
 * (OTLP/JSON, 20 spans a line as a collector batches them), LiteLLM spend
 * logs as JSON lines and as CSV — so each format's throughput compares with
 * the contract's on the same exchanges.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';

export const BENCH_FORMATS = ['gateway', 'otel', 'litellm-jsonl', 'litellm-csv'] as const;
export type BenchFormat = (typeof BENCH_FORMATS)[number];

interface ContractEvent {
  type: 'event';
  request_id: string;
  ts: string;
  account_id: string;
  ip: string;
  model: string;
  prompt: string;
  input_tokens: number;
  output_tokens: number;
  api_key_id?: string;
  user_agent?: string;
  tls_fp?: string;
  conversation_id?: string;
  turn?: number;
  system_prompt?: string;
  max_tokens?: number;
  finish_reason?: string;
  tool_count?: number;
  reasoning_tokens?: number;
}

const CHAT_FINISH: Record<string, string> = { stop: 'stop', length: 'length', tool_use: 'tool_calls', refusal: 'content_filter' };

function messages(e: ContractEvent) {
  const m: { role: string; content: string }[] = [];
  if (e.system_prompt) m.push({ role: 'system', content: e.system_prompt });
  for (let t = 1; t < (e.turn ?? 1); t++) m.push({ role: 'user', content: '…' }, { role: 'assistant', content: '…' });
  m.push({ role: 'user', content: e.prompt });
  return m;
}

const tools = (n: number | undefined) => Array.from({ length: n ?? 0 }, (_, i) => ({ type: 'function', function: { name: `tool_${i}` } }));

function chatResponse(e: ContractEvent) {
  return {
    id: `chatcmpl-${e.request_id}`,
    model: e.model,
    choices: [{ index: 0, finish_reason: CHAT_FINISH[e.finish_reason ?? 'stop'] ?? 'stop' }],
    usage: {
      prompt_tokens: e.input_tokens,
      completion_tokens: e.output_tokens,
      ...(e.reasoning_tokens != null ? { completion_tokens_details: { reasoning_tokens: e.reasoning_tokens } } : {}),
    },
  };
}

function gatewayLine(e: ContractEvent) {
  return {
    request_id: e.request_id, timestamp: e.ts, account_id: e.account_id, api_key_id: e.api_key_id, client_ip: e.ip,
    user_agent: e.user_agent, tls_fingerprint: e.tls_fp,
    request: { model: e.model, max_tokens: e.max_tokens, messages: messages(e), ...(e.tool_count ? { tools: tools(e.tool_count) } : {}) },
    response: chatResponse(e),
  };
}

const str = (key: string, v: string | undefined) => (v === undefined ? [] : [{ key, value: { stringValue: v } }]);
const int = (key: string, v: number | undefined) => (v == null ? [] : [{ key, value: { intValue: String(v) } }]);

function otelSpan(e: ContractEvent, i: number) {
  const start = BigInt(Date.parse(e.ts)) * 1_000_000n;
  const system = e.system_prompt ? [{ type: 'text', content: e.system_prompt }] : undefined;
  const input = messages(e).filter((m) => m.role !== 'system').map((m) => ({ role: m.role, parts: [{ type: 'text', content: m.content }] }));
  return {
    traceId: i.toString(16).padStart(32, '0'), spanId: i.toString(16).padStart(16, '0'), name: `chat ${e.model}`, kind: 3,
    startTimeUnixNano: String(start), endTimeUnixNano: String(start + 1_000_000_000n),
    attributes: [
      ...str('gen_ai.operation.name', 'chat'), ...str('gen_ai.request.model', e.model), ...str('gen_ai.response.id', e.request_id),
      { key: 'gen_ai.response.finish_reasons', value: { arrayValue: { values: [{ stringValue: e.finish_reason ?? 'stop' }] } } },
      ...int('gen_ai.usage.input_tokens', e.input_tokens), ...int('gen_ai.usage.output_tokens', e.output_tokens),
      ...int('gen_ai.usage.reasoning.output_tokens', e.reasoning_tokens), ...int('gen_ai.request.max_tokens', e.max_tokens),
      ...str('gen_ai.conversation.id', e.conversation_id), ...str('gen_ai.input.messages', JSON.stringify(input)),
      ...str('gen_ai.system_instructions', system && JSON.stringify(system)),
      ...str('client.address', e.ip), ...str('user_agent.original', e.user_agent), ...str('user.id', e.account_id),
    ],
  };
}

const LITELLM_COLUMNS = ['request_id', 'call_type', 'api_key', 'prompt_tokens', 'completion_tokens', 'startTime', 'model', 'user', 'team_id', 'organization_id', 'end_user', 'requester_ip_address', 'session_id', 'metadata', 'messages', 'response'] as const;

function litellmRow(e: ContractEvent): Record<(typeof LITELLM_COLUMNS)[number], unknown> {
  return {
    request_id: e.request_id, call_type: 'acompletion', api_key: e.api_key_id ?? '', prompt_tokens: e.input_tokens, completion_tokens: e.output_tokens,
    startTime: e.ts.replace('Z', ''), model: e.model, user: e.account_id, team_id: '', organization_id: '', end_user: '',
    requester_ip_address: e.ip, session_id: e.conversation_id ?? '',
    metadata: { user_agent: e.user_agent, proxy_server_request: { body: { max_tokens: e.max_tokens, ...(e.tool_count ? { tools: tools(e.tool_count) } : {}) } } },
    messages: messages(e), response: chatResponse(e),
  };
}

const csvCell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

function writer(file: string): { out: WriteStream; write: (s: string) => Promise<void> | void } {
  const out = createWriteStream(file);
  return { out, write: (s) => (out.write(s) ? undefined : new Promise<void>((r) => out.once('drain', () => r()))) };
}

/** Writes the scenario's events in every bench format; returns the files and the number of events. */
export async function transcodeScenario(contractFile: string, outBase: string): Promise<{ files: Record<BenchFormat, string>; events: number }> {
  const files = Object.fromEntries(BENCH_FORMATS.map((f) => [f, `${outBase}.${f === 'litellm-csv' ? 'csv' : `${f}.jsonl`}`])) as Record<BenchFormat, string>;
  const w = Object.fromEntries(BENCH_FORMATS.map((f) => [f, writer(files[f])])) as Record<BenchFormat, ReturnType<typeof writer>>;
  await w['litellm-csv'].write(LITELLM_COLUMNS.join(',') + '\n');
  let events = 0;
  let spans: ReturnType<typeof otelSpan>[] = [];
  const flushSpans = async () => {
    if (spans.length === 0) return;
    await w.otel.write(JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'gateway' } }] }, scopeSpans: [{ scope: { name: 'bench' }, spans }] }] }) + '\n');
    spans = [];
  };
  for await (const line of createInterface({ input: createReadStream(contractFile), crlfDelay: Infinity })) {
    if (!line.includes('"type":"event"')) continue;
    const e = JSON.parse(line) as ContractEvent;
    await w.gateway.write(JSON.stringify(gatewayLine(e)) + '\n');
    spans.push(otelSpan(e, events));
    if (spans.length === 20) await flushSpans();
    const row = litellmRow(e);
    await w['litellm-jsonl'].write(JSON.stringify(row) + '\n');
    await w['litellm-csv'].write(LITELLM_COLUMNS.map((c) => csvCell(row[c])).join(',') + '\n');
    events++;
  }
  await flushSpans();
  await Promise.all(Object.values(w).map((x) => new Promise<void>((r) => x.out.end(() => r()))));
  return { files, events };
}
