#!/usr/bin/env node
// `npm test`: lint (ESLint, with the import boundaries between layers), unit
// and integration tests (Vitest), a production build, then the Playwright
// end-to-end suite against the built server in Debian's Chromium. Ends with
// one summary line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;
const bin = (n) => path.join(root, 'node_modules', '.bin', n);

let passed = 0;
let failed = 0;
const failures = [];

// 0. Lint: a back-arrow between layers fails the run (it goes on, to report everything).
if (run(bin('eslint'), ['.', '--max-warnings', '0']) !== 0) failures.push('lint');

// 1. Unit and integration tests.
const vitestJson = path.join(out, 'vitest.json');
const vitest = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
}
if (vitest !== 0) failures.push('vitest');

// 2. Production build, 3. end-to-end tests against it.
if (run(bin('next'), ['build']) !== 0) failures.push('next build');
else {
  const pwJson = path.join(out, 'playwright.json');
  const pw = run(bin('playwright'), ['test']);
  if (existsSync(pwJson)) {
    const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats ?? {};
    passed += s.expected ?? 0;
    failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
  }
  if (pw !== 0) failures.push('playwright');
}

if (failures.length > 0 && failed === 0) failed = failures.length;
console.log(`\ntests: ${passed} passed, ${failed} failed${failures.length ? ` (${failures.join(', ')})` : ''}`);
process.exit(failures.length > 0 ? 1 : 0);
