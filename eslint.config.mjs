// ESLint: Next.js's recommended rules (core web vitals, TypeScript) and the
// import boundaries between the repository's layers. `npm run lint` runs it;
// `npm test` (and so CI) runs it before anything else.
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

/**
 * What each module of the product may import (besides itself and packages).
 * Read from the bottom up: a module lists only modules above it in this
 * table, so imports run one way and there is no cycle between modules. The
 * data flows the same way: ingest fills the store (db); window features feed
 * detection and the linkage graph; detection raises alerts on cases; the
 * query modules (accounts, alerts, rings, export, intel) read the store for
 * the app and the CLI; components render what the app hands them.
 */
export const LAYERS = {
  'lib/domain': [],
  'lib/errors.ts': [],
  'lib/progress.ts': [],
  'lib/text': [],
  db: ['lib/domain'],
  'lib/features': ['lib/domain'],
  'lib/ingest': ['db', 'lib/domain', 'lib/errors.ts', 'lib/progress.ts'],
  'lib/audit': ['db', 'lib/domain', 'lib/errors.ts'],
  'lib/auth': ['db', 'lib/audit', 'lib/domain', 'lib/errors.ts'],
  'lib/webhooks': ['db', 'lib/audit', 'lib/auth', 'lib/text', 'lib/domain', 'lib/errors.ts'],
  'lib/cases': ['db', 'lib/audit', 'lib/auth', 'lib/webhooks', 'lib/domain', 'lib/errors.ts'],
  'lib/accounts': ['db', 'lib/cases', 'lib/domain', 'lib/errors.ts', 'lib/text'],
  // Saved views (lib/alerts/saved-views.ts) are checked and audited like case changes.
  'lib/alerts': ['db', 'lib/cases', 'lib/audit', 'lib/auth', 'lib/domain', 'lib/errors.ts'],
  'lib/rings': ['db', 'lib/accounts', 'lib/domain', 'lib/errors.ts'],
  'lib/identifiers': ['db', 'lib/domain', 'lib/errors.ts'],
  'lib/graph': ['lib/features', 'lib/ingest', 'lib/domain'],
  // The event store's engines: ingest's sink and detection's window source (ClickHouse; SQLite is the default).
  'lib/events': ['db', 'lib/features', 'lib/ingest', 'lib/domain', 'lib/errors.ts'],
  'lib/detect': ['db', 'lib/features', 'lib/graph', 'lib/rings', 'lib/cases', 'lib/ingest', 'lib/webhooks', 'lib/domain', 'lib/errors.ts', 'lib/progress.ts'],
  'lib/retention': ['db', 'lib/cases', 'lib/audit', 'lib/features', 'lib/domain', 'lib/errors.ts'],
  'lib/schedule': ['db', 'lib/detect', 'lib/features', 'lib/webhooks', 'lib/retention', 'lib/audit', 'lib/domain', 'lib/errors.ts', 'lib/progress.ts'],
  'lib/export': ['db', 'lib/rings', 'lib/cases', 'lib/audit', 'lib/auth', 'lib/domain', 'lib/errors.ts', 'lib/text', 'package.json'],
  'lib/intel': ['db', 'lib/cases', 'lib/audit', 'lib/auth', 'lib/ingest', 'lib/domain', 'lib/errors.ts', 'lib/progress.ts'],
  'lib/store': ['db', 'lib/domain'],
  'lib/http': ['db', 'lib/store', 'lib/alerts', 'lib/auth', 'lib/domain', 'lib/errors.ts'],
  'lib/cli': ['db', 'lib/*', 'package.json'],
  // Entry points and tooling above the product.
  'proxy.ts': ['lib/http', 'lib/auth'],
  // Starts the daily cycle in the server process (Next.js's register() hook), with the event store the CLI would open,
  // and the warmer of the largest rings' graph answers on the server's store.
  'instrumentation.ts': ['lib/schedule', 'lib/events', 'lib/rings', 'lib/store'],
  app: ['lib/*', 'components'],
  components: ['lib/domain', 'lib/text', 'lib/identifiers', 'lib/accounts', 'lib/alerts', 'lib/audit', 'lib/cases', 'lib/intel', 'lib/rings', 'lib/store', 'lib/http', 'lib/schedule', 'lib/webhooks'],
  tools: ['db', 'lib/*', 'tools', 'package.json'],
};

/** Files that serve the browser or the edge inside modules that are otherwise server code. */
const BROWSER_SAFE = {
  'lib/http': ['api-client.ts', 'query-client.ts', 'csrf-header.ts'],
  'lib/store': ['stats.ts'],
};

/** Everything a module could name: the table's modules and the folders outside it. */
const OUTSIDE = ['e2e', 'scripts', 'bin'];
const MODULES = [...Object.keys(LAYERS), ...OUTSIDE, 'package.json'];
const LIB_MODULES = MODULES.filter((m) => m.startsWith('lib/'));

const expand = (names) => names.flatMap((n) => (n === 'lib/*' ? LIB_MODULES : [n]));
const dot = (p) => `./${p}`;

/**
 * import/no-restricted-paths zones from LAYERS: each module may import from
 * nothing but the modules it lists. `tests: true` for test files, which may
 * also import fixtures (tools/testing, tools/scenario) and set state up
 * through any lib/ module; a test in lib/ still never imports app/ or components/.
 */
export function boundaryZones({ tests = false } = {}) {
  const zones = [];
  for (const [module, allowed] of Object.entries(LAYERS)) {
    const ok = new Set([module, ...expand(allowed)]);
    if (tests && module !== 'components') for (const m of [...LIB_MODULES, 'db', 'tools']) ok.add(m);
    const from = MODULES.filter((m) => !ok.has(m));
    if (from.length > 0)
      zones.push({ target: dot(module), from: from.map(dot), message: `${module} may import only: ${allowed.join(', ') || 'nothing'} (eslint.config.mjs, LAYERS)` });
  }
  for (const [server, files] of Object.entries(BROWSER_SAFE))
    zones.push({ target: './components', from: dot(server), except: files.map(dot), message: `components import only the browser-safe files of ${server}: ${files.join(', ')}` });
  // A lib/ folder not yet in the table still never reaches up.
  const above = ['app', 'components', ...(tests ? [] : ['tools']), ...OUTSIDE];
  zones.push({ target: './lib', from: above.map(dot), message: `lib/ never imports ${above.join(', ')}` });
  return zones;
}

/**
 * React and Next.js rules apply where React code lives. Elsewhere they only
 * cost time: the React Compiler's checks alone took 60% of a lint run over
 * lib/ and tools/, which hold no component.
 */
const REACT_RULE = /^(react|react-hooks|jsx-a11y|@next\/next)\//;
const reactRulesOff = Object.fromEntries(
  nextVitals.flatMap((c) => Object.keys(c.rules ?? {})).filter((r) => REACT_RULE.test(r)).map((r) => [r, 'off']),
);

const config = [
  ...nextVitals,
  ...nextTypescript,
  { files: ['lib/**', 'db/**', 'tools/**', 'scripts/**', 'e2e/**', 'bin/**', '*.ts', '*.mjs'], ignores: ['proxy.ts'], rules: reactRulesOff },
  {
    ignores: ['node_modules/**', '.next/**', 'bench/**', 'data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
  {
    rules: {
      'import/no-restricted-paths': ['error', { zones: boundaryZones() }],
      // A leading underscore marks a value kept on purpose (a positional parameter, a destructured rest).
      '@typescript-eslint/no-unused-vars': [
        'warn',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'import/no-restricted-paths': ['error', { zones: boundaryZones({ tests: true }) }] },
  },
];

export default config;
