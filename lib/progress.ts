/**
 * Progress on stderr for long work: silent for the first couple of seconds,
 * then one line a second (rewritten in place on a terminal).
 */
export interface Progress {
  update(message: () => string): void;
  done(message?: string): void;
}

export function progress(label: string, opts: { quietMs?: number; everyMs?: number } = {}): Progress {
  const start = Date.now();
  const quietMs = opts.quietMs ?? 2000;
  const everyMs = opts.everyMs ?? 1000;
  const tty = process.stderr.isTTY === true;
  let last = 0;
  let shown = false;
  return {
    update(message) {
      const now = Date.now();
      if (now - start < quietMs || now - last < everyMs) return;
      last = now;
      shown = true;
      const line = `${label}: ${message()}`;
      process.stderr.write(tty ? `\r\x1b[K${line}` : `${line}\n`);
    },
    done(message) {
      if (shown && tty) process.stderr.write('\n');
      if (message && (shown || Date.now() - start >= quietMs)) process.stderr.write(`${label}: ${message}\n`);
    },
  };
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
