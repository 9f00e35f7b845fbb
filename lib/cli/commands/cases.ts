import { openStore } from '../../../db/client';
import { listCases } from '../../cases/queries';
import { CASE_STATUSES, type CaseStatus } from '../../domain';
import { parse, storePath, UsageError } from '../args';

export async function casesCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { status: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError('usage: distillwatch cases [--status open|confirmed|dismissed|escalated] [--json]');
  const status = values.status;
  if (status !== undefined && !(CASE_STATUSES as readonly string[]).includes(status as string)) {
    throw new UsageError(`--status must be one of ${CASE_STATUSES.join(', ')}`);
  }
  const store = openStore(storePath(values));
  try {
    const { cases } = listCases(store.sqlite, { status: status as CaseStatus | undefined });
    if (values.json) {
      // Exactly the case object's fields (lib/cases/case-json.ts), nothing more.
      const out = cases.map((c) => ({ case_id: c.id, status: c.status, subject: { kind: c.subjectKind, id: c.subjectId }, accounts: c.accounts }));
      process.stdout.write(JSON.stringify({ cases: out }) + '\n');
    } else {
      for (const c of cases) {
        const who = c.assignee ? `  (${c.assignee})` : '';
        process.stdout.write(`${c.id}  ${c.status.padEnd(9)}  ${c.subjectKind.padEnd(7)} ${c.subjectId}  ${c.accounts} account${c.accounts === 1 ? '' : 's'}  score ${c.score.toFixed(2)}${who}\n`);
      }
      if (cases.length === 0) process.stdout.write('no cases\n');
    }
    return 0;
  } finally {
    store.close();
  }
}
