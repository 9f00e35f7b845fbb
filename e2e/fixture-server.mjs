#!/usr/bin/env node
// The end-to-end fixture: a fresh store from a small generated scenario
// (real generator, real ingest, real store), then the real built server.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'e2e', '.output');
const port = process.argv[process.argv.indexOf('--port') + 1] ?? '3123';
const db = path.join(dir, 'e2e.db');
const scenario = path.join(dir, 'scenario.ndjson');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

// The partner-sharing key (DISTILLWATCH_SHARING_KEY): the Intel page's import and export need one.
process.env.DISTILLWATCH_SHARING_KEY ??= 'e2e-sharing-key-0123456789';

const cli = (...args) => {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'distillwatch.mjs'), ...args, '--db', db], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (r.status !== 0) {
    process.stderr.write(`fixture: distillwatch ${args[0]} failed\n`);
    process.exit(1);
  }
};
cli('generate', '--out', scenario, '--scale', '0.03', '--seed', 'e2e');
cli('ingest', scenario);
cli('detect');
// One user per role, with the passwords e2e/people.ts signs in with.
for (const role of ['analyst', 'lead', 'legal', 'admin']) cli('users', 'add', role, '--role', role, '--password', `${role}-password-1`);
const server = spawn(process.execPath, [path.join(root, 'bin', 'distillwatch.mjs'), 'serve', '--port', port, '--db', db], {
  cwd: root,
  stdio: 'inherit',
});
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => server.kill(s));
server.on('exit', (code) => process.exit(code ?? 0));
