/**
 * The real dashboard server for a benchmark: `distillwatch serve` (the
 * production build, built first when missing or stale) on a free port, and
 * a signed-in session on it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { SESSION_COOKIE } from '../../lib/auth/cookie';
import { ensureBuild, projectRoot } from '../../lib/cli/project';

export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Serve `db` until `stop()`; resolves once /api/health answers. */
export async function startServer(db: string, readyTimeoutMs = 120_000): Promise<RunningServer> {
  ensureBuild();
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'distillwatch.mjs'), 'serve', '--port', String(port), '--db', db], {
    cwd: projectRoot,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    await stopChild(child);
  };

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the dashboard server exited (${child.exitCode}): ${stderr.trim().split('\n').pop()}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the dashboard server did not answer on ${url} within ${readyTimeoutMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, stop };
}

/** Sign in through the JSON sign-in route; returns the session token. */
export async function signInSession(url: string, name: string, password: string): Promise<string> {
  const r = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    // A script names this site as its Origin: sign-in refuses requests that say neither where they come from nor Sec-Fetch-Site.
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ name, password }),
  });
  if (!r.ok) throw new Error(`sign-in as ${name} failed: ${r.status} ${await r.text()}`);
  const token = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(r.headers.get('set-cookie') ?? '')?.[1];
  if (!token) throw new Error('sign-in answered without a session cookie');
  return token;
}
