/** Gateway JSON lines with a field map: every body shape on its fixture, and the lines it must reject. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../db/client';
import { fixture, ingestFixture, keptPrompt, mapOf, storedEvents } from '../../../tools/testing/adapter-fixtures';
import { tempStore } from '../../../tools/testing/temp-store';
import { FINISH_REASONS } from '../../domain';
import { parseRecord } from '../records';
import { convertGateway, gatewayMapSchema } from './gateway';

let store: Store;
beforeEach(() => {
  store = tempStore('dw-gateway-');
});
afterEach(() => store.close());

const map = gatewayMapSchema.parse(mapOf('gateway', 'map.json'));
const finish = (code: number) => FINISH_REASONS[code];

describe('gateway adapter', () => {
  it('reads Chat Completions, Responses, Batch and Anthropic Messages bodies into contract events', async () => {
    const { summary, rejects } = await ingestFixture(store, fixture('gateway', 'exchanges.jsonl'), { format: 'gateway', map });
    expect(rejects).toEqual([]);
    expect(summary).toMatchObject({ events: 5, rejected: 0, duplicates: 0 });
    const [chat, resp, claude, batch, stringBodies] = storedEvents(store);
    // Chat: cached tokens are already part of prompt_tokens; reasoning part of completion_tokens.
    expect(chat).toMatchObject({
      account_id: 'acct_chat', model: 'gpt-4o-2024-08-06', input_tokens: 1200, output_tokens: 1024, reasoning_tokens: 300,
      max_tokens: 1024, tool_count: 2, turn: 2, api_key: 'key_acct_chat', client: 'OpenAI/Python 1.54.0\u0001t13d1516h2_8daaf6152771_e5627efa2ab1',
    });
    expect(finish(chat.finish)).toBe('length');
    expect(new Date(chat.ts).toISOString()).toBe('2026-10-03T00:00:00.000Z');
    expect(keptPrompt(store, 'gw-1')).toEqual({ text: 'Explain your reasoning step by step.', system_prompt: 'You are a careful tutor.' });
    // Responses: incomplete at max_output_tokens is a length stop.
    expect(resp).toMatchObject({ account_id: 'acct_resp', model: 'o3-2025-04-16', input_tokens: 40, output_tokens: 2048, reasoning_tokens: 1900, max_tokens: 2048, tool_count: 1, turn: 1 });
    expect(finish(resp.finish)).toBe('length');
    expect(keptPrompt(store, 'gw-2')).toEqual({ text: 'Write a parser for CSV.', system_prompt: 'Answer as a senior engineer.' });
    // Anthropic: cache reads and writes are added to input_tokens; a tool result is not a user turn.
    expect(claude).toMatchObject({ account_id: 'acct_claude', model: 'claude-sonnet-4-5-20250929', input_tokens: 3250, output_tokens: 80, reasoning_tokens: null, max_tokens: 4096, tool_count: 1, turn: 2 });
    expect(finish(claude.finish)).toBe('tool_use');
    expect(keptPrompt(store, 'gw-3')).toEqual({ text: 'Now open a.txt.', system_prompt: 'You are a coding agent.' });
    // Batch: unwrapped on both sides.
    expect(batch).toMatchObject({ account_id: 'acct_batch', model: 'gpt-4o-mini-2024-07-18', input_tokens: 12, output_tokens: 1, max_tokens: 256, turn: 1 });
    expect(finish(batch.finish)).toBe('stop');
    expect(keptPrompt(store, 'gw-4')?.text).toBe('Classify: great product!');
    // Bodies logged as JSON strings.
    expect(stringBodies).toMatchObject({ account_id: 'acct_chat', model: 'gpt-4o', input_tokens: 3, output_tokens: 9, turn: 1 });
  });

  it('rejects what it cannot read, naming the reason and where the field came from; the good lines land', async () => {
    const { summary, rejects } = await ingestFixture(store, fixture('gateway', 'bad.jsonl'), { format: 'gateway', map });
    expect(summary).toMatchObject({ events: 0, rejected: 6 });
    expect(rejects.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rejects[0].reason).toBe('reasoning tokens (50) exceed output tokens (10): reasoning is part of the output');
    expect(rejects[1].reason).toBe('missing field "ip" (from map field "client_ip")');
    expect(rejects[2].reason).toMatch(/^not JSON/);
    expect(rejects[3].reason).toMatch(/^the batch request failed: The server had an error \(no response body\)/);
    expect(rejects[4].reason).toMatch(/field "ts" is not an ISO-8601 timestamp.* \(from map field "started_at"\)/);
    expect(rejects[5].reason).toMatch(/missing field "input_tokens" \(from the response body's usage\)/);
  });

  it('takes the request id from the body when the map names none, and is idempotent on it', async () => {
    const line = { timestamp: '2026-10-03T10:00:00Z', account_id: 'a', client_ip: '192.0.2.1', request: { model: 'm', messages: [{ role: 'user', content: 'hi' }] }, response: { id: 'chatcmpl-x', choices: [{ finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 2 } } };
    const [converted] = convertGateway(gatewayMapSchema.parse({ time: 'timestamp', account: 'account_id', ip: 'client_ip', request_body: 'request', response_body: 'response' }), line);
    const parsed = parseRecord(converted);
    expect(parsed).toMatchObject({ ok: true, kind: 'event', record: { request_id: 'chatcmpl-x', account_id: 'a', model: 'm', prompt: 'hi', input_tokens: 1, output_tokens: 2, turn: 1, finish_reason: 'stop' } });
    const first = await ingestFixture(store, fixture('gateway', 'exchanges.jsonl'), { format: 'gateway', map });
    const again = await ingestFixture(store, fixture('gateway', 'exchanges.jsonl'), { format: 'gateway', map });
    expect(first.summary.events).toBe(5);
    expect(again.summary).toMatchObject({ events: 0, duplicates: 5 });
  });

  it('refuses a map that names no body or has an unknown field, before reading a line', async () => {
    await expect(ingestFixture(store, fixture('gateway', 'exchanges.jsonl'), { format: 'gateway', map: { time: 't', account: 'a', ip: 'i' } })).rejects.toThrow(/gateway field map is not valid: "request_body"/);
    await expect(ingestFixture(store, fixture('gateway', 'exchanges.jsonl'), { format: 'gateway', map: { ...map, colour: 'blue' } })).rejects.toThrow(/not valid/);
  });
});
