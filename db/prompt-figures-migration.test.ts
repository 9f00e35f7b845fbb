/**
 * Migration 0009 carries each kept prompt's response figures on the prompt
 * itself (so that no page joins `events`, which may live in ClickHouse): a store
 * written before it gets the figures of its prompts' events.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openStore } from './client';

const here = path.dirname(new URL(import.meta.url).pathname);
const MIGRATION = '0009_prompt_response_figures';

it('fills the figures of the prompts kept before the migration from their events', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dw-ch-old-prompts-'));
  const migrations = path.join(dir, 'migrations');
  mkdirSync(path.join(migrations, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(path.join(here, 'migrations', 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === MIGRATION);
  expect(at, `${MIGRATION} is in the journal`).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  for (const e of journal.entries) copyFileSync(path.join(here, 'migrations', `${e.tag}.sql`), path.join(migrations, `${e.tag}.sql`));
  writeFileSync(path.join(migrations, 'meta', '_journal.json'), JSON.stringify(journal));
  const file = path.join(dir, 'store.db');
  const old = new Database(file);
  migrate(drizzle(old), { migrationsFolder: migrations });
  old.prepare(`INSERT INTO accounts (id, account_id, updated_at) VALUES (1, 'a1', 0)`).run();
  old.prepare(
    `INSERT INTO events (account, ts, rid, ip, model, input_tokens, output_tokens, max_tokens, reasoning_tokens, finish, turn, template, flags, capability, system, prompt_chars)
     VALUES (1, 1000, 7, 1, 1, 120, 3400, 4096, 900, 2, 1, 5, 1, 0, 0, 40), (1, 2000, 8, 1, 1, 10, 20, NULL, NULL, 1, NULL, 5, 0, 0, 0, 40)`,
  ).run();
  old.prepare(
    `INSERT INTO prompts (account, ts, rid, request_id, template, flags, capability, model, chars, text)
     VALUES (1, 1000, 7, 'r7', 5, 1, 0, 1, 40, 'think step by step'), (1, 2000, 8, 'r8', 5, 0, 0, 1, 40, 'hi'), (1, 3000, 9, 'r9', 5, 0, 0, 1, 2, 'no event')`,
  ).run();
  old.close();

  const store = openStore(file);
  try {
    const rows = store.sqlite
      .prepare(`SELECT request_id, input_tokens, output_tokens, reasoning_tokens, max_tokens, finish, turn FROM prompts ORDER BY ts`)
      .all();
    expect(rows).toEqual([
      { request_id: 'r7', input_tokens: 120, output_tokens: 3400, reasoning_tokens: 900, max_tokens: 4096, finish: 2, turn: 1 },
      { request_id: 'r8', input_tokens: 10, output_tokens: 20, reasoning_tokens: null, max_tokens: null, finish: 1, turn: null },
      { request_id: 'r9', input_tokens: null, output_tokens: null, reasoning_tokens: null, max_tokens: null, finish: null, turn: null },
    ]);
  } finally {
    store.close();
  }
});
