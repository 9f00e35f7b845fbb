/** The fast path may only accept what zod accepts (records.ts stays the authority). */
import { describe, expect, it } from 'vitest';
import { event } from '../../tools/testing/records';
import { looksLikeValidEvent } from './fast-event-check';
import { eventShapeForTests } from './records';

const MUTATIONS: unknown[] = [undefined, null, '', 'x'.repeat(600), 'x'.repeat(3000), -1, 1.5, 0, 7, true, {}, [], 'text', Number.NaN, 1e300];

describe('fast event check', () => {
  it('accepts the ordinary event', () => {
    expect(looksLikeValidEvent(event('a1', { user_agent: 'sdk/1.0', turn: 2, finish_reason: 'stop' }))).toBe(true);
  });

  it('never accepts a value zod rejects (every field × many mutations)', () => {
    const base = event('a1', { api_key_id: 'k', asn: 1, user_agent: 'u', tls_fp: 't', conversation_id: 'c', turn: 1, system_prompt: 's', max_tokens: 9, finish_reason: 'stop', tool_count: 0, reasoning_tokens: 3 });
    let checked = 0;
    for (const field of Object.keys(base)) {
      for (const m of MUTATIONS) {
        const o: Record<string, unknown> = { ...base, [field]: m };
        if (m === undefined) delete o[field];
        if (looksLikeValidEvent(o)) {
          expect(eventShapeForTests.safeParse(o).success, `${field} = ${JSON.stringify(m)?.slice(0, 20)}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
