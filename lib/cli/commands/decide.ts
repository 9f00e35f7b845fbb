import { openStore } from '../../../db/client';
import { recordDenial } from '../../auth/record-denial';
import { findUser } from '../../auth/users';
import { loadCase } from '../../cases/case-row';
import { decideCase } from '../../cases/decide-case';
import { DECISION_ACTIONS, type DecisionAction } from '../../domain';
import { ForbiddenError } from '../../errors';
import { parse, storePath, UsageError } from '../args';

const USAGE = 'usage: distillwatch decide CASE_ID confirm|dismiss|escalate --reason TEXT --user NAME [--expected-version N]';

/**
 * The same decideCase as the dashboard: same rules, same audit trail, same
 * refusals. The decision names the case version it is made on: the one given
 * with --expected-version (a script that read the case first), else the
 * version the case has as this command reads it.
 */
export async function decideCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { reason: { type: 'string' }, user: { type: 'string' }, 'expected-version': { type: 'string' } });
  const [caseId, action] = positionals;
  if (positionals.length !== 2 || !(DECISION_ACTIONS as readonly string[]).includes(action)) throw new UsageError(USAGE);
  if (typeof values.reason !== 'string') throw new UsageError('--reason TEXT is required');
  if (typeof values.user !== 'string') throw new UsageError('--user NAME is required');
  const given = values['expected-version'];
  if (given !== undefined && !/^[1-9]\d*$/.test(String(given))) throw new UsageError('--expected-version must be a positive integer');
  const store = openStore(storePath(values));
  try {
    const user = findUser(store.sqlite, values.user);
    if (!user || user.disabled) throw new Error(`no active user named ${values.user} (create one with distillwatch users add)`);
    try {
      const { case: decided } = decideCase(store.sqlite, {
        caseId,
        action: action as DecisionAction,
        reason: values.reason,
        user: { name: user.name, role: user.role },
        expectedVersion: given !== undefined ? Number(given) : loadCase(store.sqlite, caseId).version,
      });
      if (values.json) process.stdout.write(JSON.stringify({ case_id: decided.id, status: decided.status, by: user.name }) + '\n');
      else process.stdout.write(`${decided.id}: ${decided.status} by ${user.name}\n`);
      return 0;
    } catch (err) {
      if (err instanceof ForbiddenError) recordDenial(store.sqlite, { ...err.denied, via: 'cli decide' });
      throw err;
    }
  } finally {
    store.close();
  }
}
