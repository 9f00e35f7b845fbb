import { writeFileSync } from 'node:fs';
import { openStore } from '../../../db/client';
import { buildReport } from '../../detect/report';
import { formatCount } from '../../progress';
import { parse, storePath, UsageError } from '../args';

export async function reportCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { 'as-of': { type: 'string' } });
  const out = values.json;
  // `--json FILE`: parseArgs reads --json as a flag, so the file is the positional.
  const { positionals } = parse(argv.filter((a) => a !== '--json'), { 'as-of': { type: 'string' } });
  if (!out || positionals.length !== 1) throw new UsageError('usage: distillwatch report --json FILE [--as-of YYYY-MM-DD]');
  const store = openStore(storePath(values));
  try {
    const report = buildReport(store.sqlite, typeof values['as-of'] === 'string' ? values['as-of'] : undefined);
    const file = positionals[0];
    try {
      writeFileSync(file, JSON.stringify(report, null, 1) + '\n');
    } catch (err) {
      throw new Error(`cannot write ${file}: ${(err as Error).message}`);
    }
    process.stderr.write(`report ${report.as_of}: ${formatCount(report.accounts.length)} accounts, ${formatCount(report.rings.length)} rings → ${file}\n`);
    return 0;
  } finally {
    store.close();
  }
}
