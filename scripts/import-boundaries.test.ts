/**
 * The import boundaries of eslint.config.mjs fire: each case lints a file
 * that does not exist (ESLint's lintText with a path) holding one import,
 * and checks what import/no-restricted-paths says of it.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../eslint.config.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'import/no-restricted-paths').map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    ['lib/cases/probe.ts', "import { detect } from '../detect/detect';", 'lib/cases may import only'],
    ['lib/features/probe.ts', "import { scoreAccounts } from '../detect/score-accounts';", 'lib/features may import only'],
    ['lib/domain/probe.ts', "import { openStore } from '../../db/client';", 'lib/domain may import only: nothing'],
    ['db/probe.ts', "import { ensureCase } from '../lib/cases/ensure-case';", 'db may import only'],
    ['lib/rings/probe.ts', "import { GET } from '../../app/api/me/route';", 'lib/ never imports'],
    ['lib/cli/probe.ts', "import { generateScenario } from '../../tools/scenario/generate';", 'lib/ never imports'],
    ['lib/cases/probe.test.ts', "import { GET } from '../../app/api/me/route';", 'lib/ never imports'],
    ['components/cases/probe.tsx', "import { openStore } from '@/db/client';", 'components may import only'],
    ['components/cases/probe.tsx', "import { requireUser } from '@/lib/http/request-user';", 'browser-safe files of lib/http'],
    ['components/alerts/probe.tsx', "import { serverStore } from '@/lib/store/server-store';", 'browser-safe files of lib/store'],
    ['app/api/probe/route.ts', "import { openStore } from '@/db/client';", 'app may import only'],
  ])('%s: %s is refused', async (file, source, message) => {
    const errors = await boundaryErrors(file, `${source}\n`);
    expect(errors.join('\n')).toContain(message);
  });

  it.each([
    ['lib/detect/probe.ts', "import { ensureCase } from '../cases/ensure-case';"],
    ['lib/graph/probe.ts', "import type { AccountFeatures } from '../features/account-features';"],
    ['lib/cases/probe.test.ts', "import { tempStore } from '../../tools/testing/temp-store';"],
    ['components/cases/probe.tsx', "import type { CaseListPage } from '@/lib/cases/page-queries';"],
    ['components/cases/probe.tsx', "import { apiPost } from '@/lib/http/api-client';"],
    ['tools/bench/probe.ts', "import { detect } from '../../lib/detect/detect';"],
  ])('%s: %s is allowed', async (file, source) => {
    expect(await boundaryErrors(file, `${source}\n`)).toEqual([]);
  });

  it('names every folder and loose file of lib/ in its table', () => {
    const entries = readdirSync(path.join(root, 'lib'), { withFileTypes: true })
      .filter((e) => e.isDirectory() || /\.tsx?$/.test(e.name))
      .map((e) => `lib/${e.name}`);
    expect(entries.filter((e) => !(e in LAYERS))).toEqual([]);
  });
});
