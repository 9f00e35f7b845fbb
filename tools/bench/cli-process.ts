/** The `distillwatch` CLI in a child process, timed, with its peak memory. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../lib/cli/project';

export interface CliRun {
  seconds: number;
  maxRssMiB: number;
  /** Peak of the main thread's JS heap (sampled every 50 ms). */
  maxHeapMiB: number;
  /** CPU seconds of the process, all its threads. */
  cpuSeconds: number;
  stdout: string;
}

/** Run `distillwatch ARGS…`; its stderr (progress) is passed through. Rejects with its last stderr line on a non-zero exit. */
export function runCli(args: string[]): Promise<CliRun> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'distillwatch.mjs'), ...args], {
      cwd: projectRoot,
      env: { ...process.env, DISTILLWATCH_REPORT_RSS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      process.stderr.write(d);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`distillwatch ${args[0]} failed: ${stderr.trim().split('\n').pop()}`));
      const kb = Number(/max_rss_kb=(\d+)/.exec(stderr)?.[1] ?? 0);
      const cpu = Number(/cpu_us=(\d+)/.exec(stderr)?.[1] ?? 0);
      const heap = Number(/max_heap_kb=(\d+)/.exec(stderr)?.[1] ?? 0);
      resolve({ seconds: (performance.now() - t) / 1000, maxRssMiB: Math.round(kb / 1024), maxHeapMiB: Math.round(heap / 1024), cpuSeconds: cpu / 1e6, stdout });
    });
  });
}
