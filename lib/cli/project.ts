/** Where the project's own files are, wherever the CLI is run from. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function bin(name: string): string {
  return path.join(projectRoot, 'node_modules', '.bin', name);
}

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (/\.(tsx?|css|mjs|json)$/.test(entry.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** True when there is no production build, or sources changed since it was made. */
export function buildIsStale(): boolean {
  const id = path.join(projectRoot, '.next', 'BUILD_ID');
  if (!existsSync(id)) return true;
  const built = statSync(id).mtimeMs;
  const sources = ['app', 'components', 'lib', 'db', 'public'].map((d) => newestMtime(path.join(projectRoot, d)));
  const configs = ['next.config.ts', 'package.json'].map((f) => {
    const p = path.join(projectRoot, f);
    return existsSync(p) ? statSync(p).mtimeMs : 0;
  });
  return Math.max(...sources, ...configs) > built;
}

/** Build the dashboard if there is no current production build. */
export function ensureBuild(): void {
  if (!buildIsStale()) return;
  process.stderr.write('serve: building the dashboard (next build)…\n');
  const r = spawnSync(bin('next'), ['build'], { cwd: projectRoot, stdio: ['ignore', 2, 2], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error('next build failed (see the output above)');
}
