import { generateScenario } from '../scenario/generate';
import { formatCount, progress } from '../../lib/progress';
import { numberOption, parse, UsageError } from '../../lib/cli/args';

export async function generateCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { out: { type: 'string' }, scale: { type: 'string' }, seed: { type: 'string' } });
  if (typeof values.out !== 'string') throw new UsageError('usage: distillwatch generate --out FILE [--scale N] [--seed S]');
  const scale = numberOption(values, 'scale', 1);
  if (scale <= 0 || scale > 100) throw new UsageError('--scale must be in (0, 100]');
  const seed = typeof values.seed === 'string' ? values.seed : 1;
  const bar = progress('generate');
  const result = await generateScenario({
    out: values.out,
    scale,
    seed,
    onProgress: (n, total) => bar.update(() => `${formatCount(n)} / ~${formatCount(total)} events`),
  });
  bar.done();
  const summary = { out: result.out, labels: result.labelsFile, accounts: result.accounts, events: result.events };
  if (values.json) process.stdout.write(JSON.stringify({ ...summary, campaigns: result.campaigns, populations: result.populations }) + '\n');
  else
    process.stdout.write(
      `wrote ${formatCount(result.events)} events of ${formatCount(result.accounts)} accounts to ${result.out}\nlabels: ${result.labelsFile}\n`,
    );
  return 0;
}
