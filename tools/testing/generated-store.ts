/**
 * A store built the way a user builds one: a generated scenario, ingested
 * and scored through the real executable. Slower than hand-built rows (a few
 * seconds), for tests that need real rings, alerts, rollups and prompts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore, type Store } from '../../db/client';

const cli = path.resolve(__dirname, '..', '..', 'bin', 'distillwatch.mjs');

export function runCli(args: string[], opts: { cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: opts.cwd });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function generatedStore(opts: { scale: number; seed: string; prefix?: string }): Store & { dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), opts.prefix ?? 'dw-gen-'));
  const db = path.join(dir, 'store.db');
  const scenario = path.join(dir, 'scenario.ndjson');
  for (const args of [
    ['generate', '--out', scenario, '--scale', String(opts.scale), '--seed', opts.seed],
    ['ingest', scenario, '--db', db],
    ['detect', '--db', db],
  ]) {
    const r = runCli(args);
    if (r.status !== 0) throw new Error(`distillwatch ${args[0]} failed: ${r.stderr}`);
  }
  return { ...openStore(db), dir };
}
