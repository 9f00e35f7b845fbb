/**
 * Hand-built input records for tests: small, readable, valid by default;
 * tests override fields to make the cases they need.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export function account(id: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'account',
    account_id: id,
    created_at: '2026-10-01T08:00:00Z',
    email: `${id}@example.com`,
    plan: 'payg',
    country: 'GB',
    payment_fp: `pm_${id}`,
    verified: true,
    ...extra,
  };
}

let counter = 0;
export function event(accountId: string, extra: Record<string, unknown> = {}) {
  counter++;
  const ts = new Date(Date.parse('2026-10-02T00:00:00Z') + counter * 61_000).toISOString();
  return {
    type: 'event',
    request_id: `req_${counter}`,
    ts,
    account_id: accountId,
    ip: '198.51.100.7',
    model: 'atlas-2',
    prompt: `What is the capital of country number ${counter}?`,
    input_tokens: 12,
    output_tokens: 40,
    ...extra,
  };
}

/** Write lines (objects are JSON-encoded, strings written as they are). */
export function writeNdjson(file: string, lines: (object | string)[], gzip = false): void {
  const text = lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
  writeFileSync(file, gzip ? gzipSync(text) : text);
}
