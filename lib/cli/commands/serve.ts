import { spawn } from 'node:child_process';
import { isIP } from 'node:net';
import path from 'node:path';
import { openStore } from '../../../db/client';
import { numberOption, parse, storePath, UsageError } from '../args';
import { ensureBuild, projectRoot } from '../project';

/** This machine only. Anything else is a decision to serve others, behind a TLS proxy (README, "Serving"). */
export const DEFAULT_HOST = '127.0.0.1';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** `--host` and `--port`, checked: a host name or an IP address, a port from 1 to 65535. */
export function listenOptions(values: Record<string, unknown>): { host: string; port: number } {
  const port = numberOption(values, 'port', 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError('--port must be an integer from 1 to 65535');
  const host = values.host === undefined ? DEFAULT_HOST : String(values.host);
  const hostName = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
  if (!isIP(host) && !hostName.test(host)) throw new UsageError(`--host must be an IP address or a host name, got ${JSON.stringify(host)}`);
  return { host, port };
}

/** Where a browser on this machine reaches a server listening on `host`. */
export function localUrl(host: string, port: number): string {
  if (LOOPBACK.has(host) || host === '0.0.0.0' || host === '::') return `http://localhost:${port}`;
  return `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}

/** Serve the dashboard on `dbPath` until the process is stopped; resolves with its exit code. */
export function serveDashboard(dbPath: string, port: number, host = DEFAULT_HOST): Promise<number> {
  openStore(dbPath).close(); // create and migrate before the server opens it
  ensureBuild();
  // bin/dashboard-server.mjs is `next start` plus the connection's peer address on each request (sign-in throttling).
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'dashboard-server.mjs'), '-p', String(port), '-H', host], {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, DISTILLWATCH_DB: path.resolve(dbPath), NEXT_TELEMETRY_DISABLED: '1' },
  });
  const stop = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.stderr.write(`serve: dashboard on ${localUrl(host, port)} (listening on ${host}; store ${path.resolve(dbPath)})\n`);
  if (!LOOPBACK.has(host)) {
    process.stderr.write(
      'serve: warning: listening beyond this machine over plain HTTP; reach it through a TLS-terminating reverse proxy (README, "Serving")\n',
    );
  }
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
}

export async function serveCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { port: { type: 'string' }, host: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError('usage: distillwatch serve [--port N] [--host ADDR] [--db PATH]');
  const { host, port } = listenOptions(values);
  return serveDashboard(storePath(values), port, host);
}
