/**
 * One decider in a race (lib/cases/concurrency.test.ts): opens its own
 * connection, waits for the agreed start time, decides with the version it
 * saw, and prints whether it won. Run with `node --import tsx`.
 */
import { openStore } from '../../db/client';
import { decideCase } from '../../lib/cases/decide-case';
import { ConflictError } from '../../lib/errors';

const [db, caseId, name, action, expected, startAt] = process.argv.slice(2);
const store = openStore(db);
while (Date.now() < Number(startAt)) await new Promise((r) => setTimeout(r, 2));
try {
  decideCase(store.sqlite, {
    caseId,
    action: action as 'confirm' | 'dismiss' | 'escalate',
    reason: `decided by ${name}`,
    user: { name, role: 'lead' },
    expectedVersion: Number(expected),
  });
  process.stdout.write(JSON.stringify({ name, outcome: 'won' }));
} catch (err) {
  process.stdout.write(JSON.stringify({ name, outcome: err instanceof ConflictError ? 'conflict' : 'error', message: (err as Error).message }));
} finally {
  store.close();
}
