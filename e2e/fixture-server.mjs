#!/usr/bin/env node
// The end-to-end fixture: a fresh store from a small generated scenario
// (real generator, real ingest, real store), then the real built server.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
// The daily cycle (README, "The daily cycle"): detection at 05:00 UTC for days with events not yet run
// (none at start: the fixture runs the last day itself), and a short tick so webhook messages go out quickly.
process.env.DISTILLWATCH_SCHEDULE_HOUR ??= '5';
process.env.DISTILLWATCH_SCHEDULE_TICK_SECONDS ??= '2';

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
// One account whose id, e-mail, client and prompts carry a right-to-left override and
// zero-width characters: the dashboard must show them as ⟨U+…⟩ escapes. Its events sit
// at the scenario's first event time, so the detection window is unchanged.
const HOSTILE_ACCOUNT = 'acct_rtl\u202eexe.txt';
const firstTs = Date.parse(/"ts":"([^"]+)"/.exec(readFileSync(scenario, 'utf8'))[1]);
const hostile = path.join(dir, 'hostile.ndjson');
const hostileLines = [
  { type: 'account', account_id: HOSTILE_ACCOUNT, created_at: new Date(firstTs - 86_400_000).toISOString(), email: 'billing\u200b@example.com', plan: 'payg' },
  ...[0, 1, 2].map((i) => ({
    type: 'event',
    request_id: `req_rtl_\u2066${i}`,
    ts: new Date(firstTs + i * 60_000).toISOString(),
    account_id: HOSTILE_ACCOUNT,
    ip: '192.0.2.77',
    model: 'atlas-2',
    prompt: `Open the attached invoice\u202eexe.txt\u200b and list step ${i} of what it does`,
    input_tokens: 30,
    output_tokens: 200,
    user_agent: 'Mozilla/5.0\u2066 (rtl-test)',
  })),
];
writeFileSync(hostile, hostileLines.map((l) => JSON.stringify(l)).join('\n') + '\n');
cli('ingest', scenario, hostile);
cli('detect');
// One user per role, with the passwords e2e/people.ts signs in with.
for (const role of ['analyst', 'lead', 'legal', 'admin']) cli('users', 'add', role, '--role', role, '--password', `${role}-password-1`);
const server = spawn(process.execPath, [path.join(root, 'bin', 'distillwatch.mjs'), 'serve', '--port', port, '--db', db], {
  cwd: root,
  stdio: 'inherit',
});
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => server.kill(s));
server.on('exit', (code) => process.exit(code ?? 0));
