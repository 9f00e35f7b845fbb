import { spawn } from 'node:child_process';
import path from 'node:path';
import { openStore } from '../../../db/client';
import { numberOption, parse, storePath, UsageError } from '../args';
import { ensureBuild, projectRoot } from '../project';

/** Serve the dashboard on `dbPath` until the process is stopped; resolves with its exit code. */
export function serveDashboard(dbPath: string, port: number): Promise<number> {
  openStore(dbPath).close(); // create and migrate before the server opens it
  ensureBuild();
  // bin/dashboard-server.mjs is `next start` plus the connection's peer address on each request (sign-in throttling).
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'dashboard-server.mjs'), '-p', String(port)], {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, DISTILLWATCH_DB: path.resolve(dbPath), NEXT_TELEMETRY_DISABLED: '1' },
  });
  const stop = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.stderr.write(`serve: dashboard on http://localhost:${port} (store ${path.resolve(dbPath)})\n`);
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
}

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { port: { type: 'string' } });
  const port = numberOption(values, 'port', 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError('--port must be an integer from 1 to 65535');
  return serveDashboard(storePath(values), port);
}
