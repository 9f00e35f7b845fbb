/** OpenTelemetry GenAI spans in OTLP/JSON: what a span becomes, what is passed over, what is rejected. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../db/client';
import { fixture, ingestFixture, keptPrompt, storedEvents } from '../../../tools/testing/adapter-fixtures';
import { tempStore } from '../../../tools/testing/temp-store';
import { FINISH_REASONS } from '../../domain';
import { convertOtel } from './otel';

let store: Store;
beforeEach(() => {
  store = tempStore('dw-otel-');
});
afterEach(() => store.close());

describe('OpenTelemetry adapter', () => {
  it('turns each model-call span into an event; HTTP and embeddings spans are not exchanges', async () => {
    const { summary, rejects } = await ingestFixture(store, fixture('otel', 'spans.jsonl'), { format: 'otel' });
    expect(rejects).toEqual([]);
    expect(summary).toMatchObject({ events: 2, rejected: 0 });
    const [a, b] = storedEvents(store);
    expect(a).toMatchObject({
      account_id: 'acct_otel_a', model: 'gpt-4o-2024-08-06', input_tokens: 97, output_tokens: 52, reasoning_tokens: 20,
      max_tokens: 200, tool_count: 1, turn: 2, client: 'my-app/2.1 openai-python/1.54.0\u0001',
    });
    expect(FINISH_REASONS[a.finish]).toBe('stop');
    expect(new Date(a.ts).toISOString()).toBe('2026-10-03T00:00:00.000Z');
    expect(keptPrompt(store, 'chatcmpl-otel-1')).toEqual({ text: 'And tomorrow, step by step?', system_prompt: 'You are a helpful bot' });
    // Structured attributes, enduser.id, an IPv6 client; cache reads larger than the input were not counted in it: added.
    expect(b).toMatchObject({ account_id: 'acct_otel_b', model: 'claude-sonnet-4-5', input_tokens: 2030, output_tokens: 400, turn: 1 });
    expect(FINISH_REASONS[b.finish]).toBe('length');
    expect(keptPrompt(store, 'otel:7c8efff798038103d269b633813fc60c:ccc19b7ec3c1b174')?.text).toBe('Rate this essay 1-10 with a rubric.');
  });

  it('rejects each bad span by its id and keeps the good spans of the same line; a line that is not a trace export is named', async () => {
    const { summary, rejects } = await ingestFixture(store, fixture('otel', 'bad.jsonl'), { format: 'otel' });
    expect(summary).toMatchObject({ events: 1, rejected: 3 });
    expect(rejects.map((r) => [r.line, r.reason])).toEqual([
      [1, 'span d01: missing field "ip" (from client.address)'],
      [1, 'span d02: reasoning tokens (11) exceed output tokens (10): reasoning is part of the output'],
      [2, 'not an OTLP/JSON trace export (no "resourceSpans" array)'],
    ]);
  });

  it('reads int64 values written as strings and prefers the response model', () => {
    const [e] = convertOtel({
      resourceSpans: [{ resource: { attributes: [{ key: 'user.id', value: { stringValue: 'r' } }] }, scopeSpans: [{ spans: [{
        traceId: 't', spanId: 's', startTimeUnixNano: '1790985600123456789',
        attributes: [
          { key: 'gen_ai.request.model', value: { stringValue: 'alias' } },
          { key: 'gen_ai.response.model', value: { stringValue: 'alias-2026-01-01' } },
          { key: 'gen_ai.usage.input_tokens', value: { intValue: '7' } },
          { key: 'gen_ai.usage.output_tokens', value: { intValue: 9 } },
          { key: 'client.address', value: { stringValue: '192.0.2.9' } },
        ],
      }] }] }],
    });
    expect(e).toMatchObject({ request_id: 'otel:t:s', ts: '2026-10-03T00:00:00.123Z', account_id: 'r', model: 'alias-2026-01-01', input_tokens: 7, output_tokens: 9, prompt: '' });
  });
});
