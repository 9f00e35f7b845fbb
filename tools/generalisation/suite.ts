/**
 * `npm run eval:generalisation`: how detection holds up on traffic it was not
 * fitted on. Generates the scenario with every extraction family and every
 * legitimate crowd (`generate --campaigns all --populations all`), once as it
 * is and once under each perturbation an adversary who read the README would
 * try, ingests and detects each with the shipped model, and writes:
 *
 * - leave-one-family-out on the unperturbed scenario (each family fitted
 *   without, measured on: lib/detect/generalisation.ts);
 * - per perturbation, recall per extraction family at the threshold and at a
 *   0.5% false-positive rate, the share in at most three flagged pure rings,
 *   and the largest share of any legitimate crowd flagged;
 *
 * to bench/results/generalisation.json and .md — worst cases first, never
 * the mean. Options: --scale S (default 1), --seed S, --keep, --only LIST.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from '../bench/cli-process';
import { projectRoot } from '../../lib/cli/project';

const PERTURBATIONS = ['none', 'no-reasoning-phrases', 'paraphrase', 'split', 'system-prompt', 'resold-chat'] as const;

interface CampaignEval {
  accounts: number;
  recall: number;
  in_top3_rings: number;
  top_rings: { purity: number; members: number }[];
}
interface Eval {
  recall_at_0_5pct_fpr: number;
  at_threshold: { precision: number; recall: number; false_positive_rate: number };
  campaigns: Record<string, CampaignEval>;
  populations: Record<string, { accounts: number; flagged: number; flagged_share: number }>;
  score_at_0_5pct_fpr: number;
}

interface VariantResult {
  perturbation: string;
  events: number;
  accounts: number;
  precision: number;
  false_positive_rate: number;
  families: { family: string; accounts: number; recall: number; in_flagged_pure_rings: number }[];
  worst_family: { family: string; recall: number } | null;
  worst_crowd: { population: string; flagged_share: number } | null;
  recall_at_0_5pct_fpr: number;
}

async function variant(tmp: string, perturbation: string, seed: string, scale: string, keep: boolean, loo: boolean) {
  const file = path.join(tmp, `${perturbation}.ndjson`);
  const db = path.join(tmp, `${perturbation}.db`);
  for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
  const gen = ['generate', '--out', file, '--seed', seed, '--scale', scale, '--campaigns', 'all', '--populations', 'all'];
  if (perturbation !== 'none') gen.push('--perturb', perturbation);
  await runCli(gen);
  const ingest = JSON.parse((await runCli(['ingest', file, '--db', db, '--json'])).stdout) as { events: number };
  await runCli(['detect', '--db', db, '--json']);
  const e = JSON.parse((await runCli(['eval', '--db', db, '--labels', `${file}.labels.csv`, '--json'])).stdout) as Eval & { accounts: number };
  const looResult = loo ? JSON.parse((await runCli(['eval', '--db', db, '--labels', `${file}.labels.csv`, '--leave-one-family-out', '--json'])).stdout) : null;
  if (!keep) for (const f of [file, `${file}.labels.csv`, db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  return { result: summarise(perturbation, ingest.events, e), loo: looResult };
}

function summarise(perturbation: string, events: number, e: Eval & { accounts: number }): VariantResult {
  const families = Object.entries(e.campaigns).map(([family, c]) => ({
    family,
    accounts: c.accounts,
    recall: c.recall,
    in_flagged_pure_rings: c.in_top3_rings,
  }));
  const worstFamily = families.reduce<VariantResult['worst_family']>((w, f) => (!w || f.recall < w.recall ? { family: f.family, recall: f.recall } : w), null);
  const worstCrowd = Object.entries(e.populations).reduce<VariantResult['worst_crowd']>(
    (w, [population, p]) => (!w || p.flagged_share > w.flagged_share ? { population, flagged_share: p.flagged_share } : w),
    null,
  );
  return {
    perturbation, events, accounts: e.accounts, precision: e.at_threshold.precision, false_positive_rate: e.at_threshold.false_positive_rate,
    families, worst_family: worstFamily, worst_crowd: worstCrowd, recall_at_0_5pct_fpr: e.recall_at_0_5pct_fpr,
  };
}

function markdown(date: string, seed: string, scale: string, variants: VariantResult[], loo: { folds: Record<string, unknown>[]; worst: Record<string, unknown> } | null): string {
  const lines = [`# Generalisation (${date}; generate --campaigns all --populations all, seed ${seed}, scale ${scale})`, ''];
  if (loo) {
    lines.push('## Leave one family out (unperturbed)', '', '| family | kind | accounts | recall | recall @ 0.5% FPR | in ≤ 3 flagged pure rings | flagged share | FPR (held-back half) |', '|---|---|---|---|---|---|---|---|');
    for (const f of loo.folds as { family: string; kind: string; accounts: number; recall?: number; recall_at_0_5pct_fpr?: number; in_top3_flagged_rings?: number; flagged_share?: number; false_positive_rate: number }[]) {
      const v = (x?: number) => (x === undefined ? '' : String(x));
      lines.push(`| ${f.family} | ${f.kind} | ${f.accounts} | ${v(f.recall)} | ${v(f.recall_at_0_5pct_fpr)} | ${v(f.in_top3_flagged_rings)} | ${v(f.flagged_share)} | ${f.false_positive_rate} |`);
    }
    lines.push('', `Worst: ${JSON.stringify(loo.worst)}`, '');
  }
  lines.push('## Perturbations (shipped model)', '', '| perturbation | worst family (recall) | recall @ 0.5% FPR, all families | worst crowd (flagged share) | precision | FPR |', '|---|---|---|---|---|---|');
  for (const v of variants) {
    lines.push(`| ${v.perturbation} | ${v.worst_family ? `${v.worst_family.family} ${v.worst_family.recall}` : '—'} | ${v.recall_at_0_5pct_fpr} | ${v.worst_crowd ? `${v.worst_crowd.population} ${v.worst_crowd.flagged_share}` : '—'} | ${v.precision} | ${v.false_positive_rate} |`);
  }
  lines.push('', '### Recall per family and perturbation', '', `| family | ${variants.map((v) => v.perturbation).join(' | ')} |`, `|---|${variants.map(() => '---').join('|')}|`);
  const names = [...new Set(variants.flatMap((v) => v.families.map((f) => f.family)))].sort();
  for (const n of names) lines.push(`| ${n} | ${variants.map((v) => v.families.find((f) => f.family === n)?.recall ?? '—').join(' | ')} |`);
  return lines.join('\n') + '\n';
}

async function main() {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: '1' }, seed: { type: 'string', default: 'generalisation' }, keep: { type: 'boolean' }, only: { type: 'string' } },
  });
  const only = values.only ? values.only.split(',') : [...PERTURBATIONS];
  const tmp = path.join(projectRoot, 'bench', 'tmp', 'generalisation');
  mkdirSync(tmp, { recursive: true });
  const variants: VariantResult[] = [];
  let loo = null;
  for (const p of only) {
    process.stderr.write(`generalisation: ${p}…\n`);
    const r = await variant(tmp, p, values.seed!, values.scale!, values.keep ?? false, p === 'none');
    variants.push(r.result);
    if (r.loo) loo = r.loo;
  }
  const date = new Date().toISOString().slice(0, 10);
  const out = path.join(projectRoot, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'generalisation.json'), JSON.stringify({ date, seed: values.seed, scale: values.scale, variants, leave_one_family_out: loo }, null, 2) + '\n');
  writeFileSync(path.join(out, 'generalisation.md'), markdown(date, values.seed!, values.scale!, variants, loo));
  process.stderr.write(`generalisation: wrote bench/results/generalisation.{json,md}\n`);
}

await main();
