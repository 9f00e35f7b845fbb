/**
 * Sends each new signed head to `DISTILLWATCH_AUDIT_WEBHOOK` (an HTTPS URL
 * of a service outside this machine that keeps what it receives), so that
 * even someone holding both the store and its key cannot take back a head
 * that already left. Best effort: one request at a time per URL, only the
 * newest head waiting behind it, 5 s timeout, failures reported on stderr.
 * A decision never waits for it.
 */
export const AUDIT_WEBHOOK_ENV = 'DISTILLWATCH_AUDIT_WEBHOOK';
const TIMEOUT_MS = 5000;

interface Channel {
  busy: boolean;
  next: string | null;
  /** Settles when nothing is in flight (tests and the CLI wait on it). */
  idle: Promise<void>;
  settle: () => void;
}

const channels = new Map<string, Channel>();

function channel(url: string): Channel {
  let c = channels.get(url);
  if (!c) {
    c = { busy: false, next: null, idle: Promise.resolve(), settle: () => {} };
    channels.set(url, c);
  }
  return c;
}

async function drain(url: string, c: Channel): Promise<void> {
  while (c.next !== null) {
    const body = c.next;
    c.next = null;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) process.stderr.write(`distillwatch: audit webhook answered ${response.status}\n`);
      await response.body?.cancel();
    } catch (err) {
      process.stderr.write(`distillwatch: audit webhook failed: ${(err as Error).message}\n`);
    }
  }
  c.busy = false;
  c.settle();
}

/** Queues `payload` (JSON) for the webhook, replacing any head still waiting. */
export function postToWebhook(url: string, payload: unknown): void {
  const c = channel(url);
  c.next = JSON.stringify(payload);
  if (c.busy) return;
  c.busy = true;
  c.idle = new Promise((resolve) => (c.settle = resolve));
  void drain(url, c);
}

/** Resolves once every queued head has been sent (or failed). */
export async function webhookSettled(): Promise<void> {
  await Promise.all([...channels.values()].map((c) => c.idle));
}
