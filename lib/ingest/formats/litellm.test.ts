/** LiteLLM spend-log rows, as JSON lines and as CSV: the same rows give the same events. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../db/client';
import { fixture, ingestFixture, keptPrompt, storedEvents } from '../../../tools/testing/adapter-fixtures';
import { tempStore } from '../../../tools/testing/temp-store';
import { FINISH_REASONS } from '../../domain';

let store: Store;
beforeEach(() => {
  store = tempStore('dw-litellm-');
});
afterEach(() => store.close());

describe('LiteLLM adapter', () => {
  for (const file of ['spend-logs.jsonl', 'spend-logs.csv']) {
    it(`reads ${file}: account, times without a zone as UTC, tokens, messages, user agent`, async () => {
      const { summary, rejects } = await ingestFixture(store, fixture('litellm', file), { format: 'litellm' });
      expect(rejects).toEqual([]);
      expect(summary).toMatchObject({ events: 3, rejected: 0 });
      const [one, two, three] = storedEvents(store);
      expect(new Date(one.ts).toISOString()).toBe('2026-10-03T09:15:02.123Z');
      expect(one).toMatchObject({
        account_id: 'acct_ll_1', model: 'gpt-4o', input_tokens: 1500, output_tokens: 300, reasoning_tokens: 120, max_tokens: 300, tool_count: 1, turn: 1,
        api_key: '88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b', client: 'OpenAI/Python 1.54.0\u0001',
      });
      expect(FINISH_REASONS[one.finish]).toBe('length');
      expect(keptPrompt(store, 'chatcmpl-ll-1')).toEqual({ text: 'Grade this essay:\nIt was a dark night.', system_prompt: 'You grade essays.' });
      // No user: the team is the account. No messages logged: an empty prompt, the exchange still counts.
      expect(new Date(two.ts).toISOString()).toBe('2026-10-03T09:16:00.000Z');
      expect(two).toMatchObject({ account_id: 'team_ops', input_tokens: 10, output_tokens: 20, turn: null, client: null });
      expect(three).toMatchObject({ account_id: 'acct_ll_1', turn: 2, client: 'litellm-sdk/1.50\u0001' });
    });
  }

  it('rejects rows it cannot read, in JSON lines and in CSV, with their line numbers', async () => {
    const json = await ingestFixture(store, fixture('litellm', 'bad.jsonl'), { format: 'litellm' });
    expect(json.summary).toMatchObject({ events: 0, rejected: 3 });
    expect(json.rejects.map((r) => [r.line, r.reason])).toEqual([
      [1, 'missing field "ip" (from requester_ip_address)'],
      [2, expect.stringMatching(/^field "output_tokens" .* \(from completion_tokens\)/)],
      [3, 'reasoning tokens (40) exceed output tokens (10): reasoning is part of the output'],
    ]);
    const csv = await ingestFixture(store, fixture('litellm', 'bad.csv'), { format: 'auto' });
    expect(csv.summary).toMatchObject({ events: 1, rejected: 2 });
    // The header is line 1.
    expect(csv.rejects.map((r) => [r.line, r.reason])).toEqual([
      [2, 'missing field "ip" (from requester_ip_address)'],
      [3, 'not a CSV record: 4 fields where the header has 20'],
    ]);
  });
});
