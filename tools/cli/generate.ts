import { z } from 'zod';
import { generateScenario } from '../scenario/generate';
import { PERTURBATIONS } from '../scenario/perturb';
import { knownNames } from '../scenario/roster';
import { formatCount, progress } from '../../lib/progress';
import { numberOption, parse, UsageError } from '../../lib/cli/args';

const USAGE =
  'usage: distillwatch generate --out FILE [--scale N] [--seed S] [--campaigns LIST|all|none] [--populations LIST|all|none] [--perturb LIST]';

/** A comma-separated list of names from `known`, or `all`; undefined when the option is absent. */
function nameList(known: readonly string[], what: string) {
  const names = z
    .string()
    .trim()
    .min(1, `--${what} needs a comma-separated list`)
    .transform((s) => s.split(',').map((n) => n.trim()).filter((n) => n.length > 0))
    .pipe(
      z
        .array(z.string())
        .min(1, `--${what} needs at least one name`)
        .superRefine((list, ctx) => {
          for (const n of list) if (!known.includes(n)) ctx.addIssue({ code: 'custom', message: `unknown name "${n}" in --${what}; known: ${known.join(', ')}` });
          if (list.includes('all') && list.length > 1) ctx.addIssue({ code: 'custom', message: `--${what} all stands alone` });
        }),
    )
    .transform((list) => (list.includes('all') ? ('all' as const) : list));
  return names.optional();
}

const optionsSchema = z.object({
  campaigns: nameList(knownNames('campaigns'), 'campaigns'),
  populations: nameList(knownNames('populations'), 'populations'),
  perturb: z
    .string()
    .transform((s) => s.split(',').map((n) => n.trim()).filter((n) => n.length > 0))
    .pipe(z.array(z.enum(PERTURBATIONS, { message: `--perturb takes ${PERTURBATIONS.join(', ')}` })).min(1, '--perturb needs at least one perturbation'))
    .optional(),
});

export async function generateCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    out: { type: 'string' },
    scale: { type: 'string' },
    seed: { type: 'string' },
    campaigns: { type: 'string' },
    populations: { type: 'string' },
    perturb: { type: 'string' },
  });
  if (typeof values.out !== 'string') throw new UsageError(USAGE);
  const scale = numberOption(values, 'scale', 1);
  if (scale <= 0 || scale > 100) throw new UsageError('--scale must be in (0, 100]');
  const seed = typeof values.seed === 'string' ? values.seed : 1;
  const parsed = optionsSchema.safeParse({ campaigns: values.campaigns, populations: values.populations, perturb: values.perturb });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  const { campaigns, populations, perturb } = parsed.data;
  const bar = progress('generate');
  const result = await generateScenario({
    out: values.out,
    scale,
    seed,
    campaigns,
    populations,
    perturb,
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
