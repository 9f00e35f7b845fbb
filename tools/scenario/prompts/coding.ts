/**
 * Coding-agent sessions: a task, then a long back-and-forth of tool results,
 * test output and nudges. Real agents sometimes ask for step-by-step thinking
 * too, which is why that phrasing alone cannot mean extraction.
 */
import { Rng } from '../random';

const REPOS = ['api', 'web', 'billing-service', 'infra', 'mobile', 'data-pipeline', 'cli', 'monorepo', 'auth', 'search'];
const DIRS = ['src', 'lib', 'pkg', 'app', 'internal', 'services', 'components', 'tests'];
const FILES = ['handler', 'client', 'schema', 'utils', 'router', 'store', 'parser', 'worker', 'config', 'index', 'models', 'cache'];
const EXTS = ['ts', 'py', 'go', 'rs', 'tsx', 'java', 'rb'];
const TASKS = [
  'the test {t} fails with {e}; find the cause and fix it',
  'add {f} to {p}',
  'refactor {p} so that the retry logic lives in one place',
  'why is {p} slow? profile it and suggest a fix',
  'write unit tests for {p}, cover the edge cases',
  'update the dependency {d} to the latest major version and fix the breakages',
  'implement the TODO in {p}',
  'the CI job {t} is red since yesterday, look at the logs and fix it',
  'rename {x} to {y} everywhere and keep the public API backwards compatible',
  'explain how {p} works, I am new to this codebase',
];
const ERRORS = ['AssertionError: expected 3 to equal 4', 'TypeError: Cannot read properties of undefined', 'panic: runtime error: index out of range', 'KeyError: \'user_id\'', 'timeout after 5000ms', 'deadlock detected', 'ECONNREFUSED 127.0.0.1:5432'];
const FEATURES = ['pagination', 'rate limiting', 'a --dry-run flag', 'structured logging', 'input validation', 'a health check endpoint', 'retry with backoff', 'CSV export', 'dark mode'];
const DEPS = ['react', 'django', 'express', 'tokio', 'pydantic', 'next', 'sqlalchemy', 'webpack', 'grpc'];
const IDENTS = ['userId', 'fetchAll', 'OrderStore', 'parse_config', 'RetryPolicy', 'handleEvent', 'tmpDir', 'BATCH_SIZE'];

function path(r: Rng): string {
  return `${r.pick(DIRS)}/${r.pick(FILES)}.${r.pick(EXTS)}`;
}

export function codingTask(r: Rng): string {
  const t = r.pick(TASKS)
    .replace('{t}', `${r.pick(FILES)}_${r.pick(['test', 'spec', 'integration'])}`)
    .replace('{e}', r.pick(ERRORS))
    .replace('{f}', r.pick(FEATURES))
    .replace('{p}', path(r))
    .replace('{d}', r.pick(DEPS))
    .replace('{x}', r.pick(IDENTS))
    .replace('{y}', r.pick(IDENTS));
  const repo = r.chance(0.5) ? `In the ${r.pick(REPOS)} repo, ` : '';
  const cot = r.chance(0.08) ? ' Think step by step before changing anything.' : '';
  return repo + t + cot;
}

const LOG_LINES = [
  'PASS  {p} ({n} ms)', 'FAIL  {p}', '  ● {e}', 'npm ERR! code ELIFECYCLE', 'error[E0502]: cannot borrow `self` as mutable',
  '    at Object.<anonymous> ({p}:{n}:12)', 'Ran {n} tests in 4.2s', 'warning: unused variable', '+ {x} = await load()', '- {x} = load()',
  'diff --git a/{p} b/{p}', 'Traceback (most recent call last):', '  File "{p}", line {n}, in <module>', 'OK', 'exit code 1',
];

/** What the agent sends back after acting: tool output, or the developer's next nudge. */
export function codingFollowUp(r: Rng): string {
  if (r.chance(0.35)) {
    return r.pick([
      'ok now run the tests', 'looks good, commit it', 'no, revert that and try a smaller change', 'also update the docs',
      'can you explain why that fixes it?', 'the linter complains, fix it', 'good. next: the same issue in the other handler',
      'stop, that file is generated, edit the template instead', 'continue', 'try again, it still fails',
    ]);
  }
  const n = r.intIn(3, 30);
  let s = r.pick(['Tool result:\n', 'Command output:\n', '$ npm test\n', '$ pytest -x\n', '$ go test ./...\n', '$ cargo build\n', '']);
  for (let i = 0; i < n; i++) {
    s += r.pick(LOG_LINES).replace(/\{p\}/g, path(r)).replace('{n}', String(r.intIn(1, 900))).replace('{e}', r.pick(ERRORS)).replace(/\{x\}/g, r.pick(IDENTS)) + '\n';
  }
  return s.trimEnd();
}
