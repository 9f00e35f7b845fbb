/**
 * For the adapters' tests: a fixture's path, and a file in a format run
 * through the real ingest into a fresh store, with its rejects and stored rows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Store } from '../../db/client';
import { ingestFiles, type IngestOptions, type IngestResult } from '../../lib/ingest/ingest';

export const fixture = (...parts: string[]) => path.join(__dirname, '..', '..', 'lib', 'ingest', 'formats', 'fixtures', ...parts);
export const mapOf = (...parts: string[]): unknown => JSON.parse(readFileSync(fixture(...parts), 'utf8'));

export interface StoredEvent {
  account_id: string;
  ts: number;
  model: string;
  input_tokens: number;
  output_tokens: number;
  reasoning_tokens: number | null;
  max_tokens: number | null;
  tool_count: number | null;
  turn: number | null;
  finish: number;
  ip: number;
  client: string | null;
  api_key: string | null;
}

/** Events as stored, with their dictionary strings, in time order. */
export function storedEvents(store: Store): StoredEvent[] {
  return store.sqlite
    .prepare(
      `SELECT a.account_id, e.ts, m.value AS model, e.input_tokens, e.output_tokens, e.reasoning_tokens, e.max_tokens,
              e.tool_count, e.turn, e.finish, e.ip, c.value AS client, k.value AS api_key
         FROM events e JOIN accounts a ON a.id = e.account
         JOIN dictionary m ON m.id = e.model
         LEFT JOIN dictionary c ON c.id = e.client
         LEFT JOIN dictionary k ON k.id = e.api_key
        ORDER BY e.ts, e.rid`,
    )
    .all() as StoredEvent[];
}

export function keptPrompt(store: Store, requestId: string): { text: string; system_prompt: string | null } | undefined {
  return store.sqlite.prepare(`SELECT text, system_prompt FROM prompts WHERE request_id = ?`).get(requestId) as { text: string; system_prompt: string | null } | undefined;
}

export interface RejectLine {
  file: string;
  line: number;
  reason: string;
}

export async function ingestFixture(store: Store, file: string, opts: IngestOptions): Promise<{ summary: IngestResult; rejects: RejectLine[] }> {
  const summary = await ingestFiles(store, [file], { workers: 0, showProgress: false, ...opts });
  const rejects = summary.rejects_file
    ? readFileSync(summary.rejects_file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as RejectLine)
    : [];
  return { summary, rejects };
}
