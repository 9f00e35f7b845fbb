#!/usr/bin/env node
// Installs what is missing before `npm run demo` / `npm test` / `npm run bench`:
// the npm dependencies (npm ci, from the committed lock file) and, with
// --browser, Debian's Chromium for the end-to-end tests. Plain Node, no
// dependencies, so it runs on a fresh clone. Never downloads a browser build.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (m) => process.stderr.write(`setup: ${m}\n`);

function depsCurrent() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(installed)) return false;
  if (!existsSync(path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))) return false;
  return statSync(installed).mtimeMs >= statSync(path.join(root, 'package-lock.json')).mtimeMs;
}

function installDeps() {
  if (depsCurrent()) return;
  say('installing npm dependencies (npm ci; compiling better-sqlite3 takes a minute or two)…');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
  if (r.status !== 0) {
    say('npm ci failed');
    process.exit(r.status ?? 1);
  }
}

export function chromiumPath() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

function installChromium() {
  if (existsSync(chromiumPath())) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    say(`Chromium not found at ${chromiumPath()}: run "sudo apt-get install -y chromium" or set CHROMIUM_PATH`);
    process.exit(1);
  }
  say('installing Chromium from Debian packages (apt-get install chromium)…');
  try {
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null', {
      stdio: ['ignore', 2, 2],
      shell: '/bin/bash',
    });
  } catch {
    say('apt-get install chromium failed');
    process.exit(1);
  }
}

installDeps();
if (process.argv.includes('--browser')) installChromium();
