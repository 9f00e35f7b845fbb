import { openStore } from '../../../db/client';
import { evaluate, readLabels } from '../../detect/evaluate';
import { buildReport } from '../../detect/report';
import { parse, storePath, UsageError } from '../args';

export async function evalCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { labels: { type: 'string' }, 'as-of': { type: 'string' } });
  if (typeof values.labels !== 'string') throw new UsageError('usage: distillwatch eval --labels FILE [--as-of YYYY-MM-DD] [--json]');
  const labels = readLabels(values.labels);
  const store = openStore(storePath(values));
  try {
    const report = buildReport(store.sqlite, typeof values['as-of'] === 'string' ? values['as-of'] : undefined);
    const volume = new Map(
      (store.sqlite.prepare(`SELECT a.account_id, s.events FROM scores s JOIN accounts a ON a.id = s.account WHERE s.as_of = ?`).all(report.as_of) as {
        account_id: string;
        events: number;
      }[]).map((r) => [r.account_id, r.events]),
    );
    const e = evaluate(report, labels, volume);
    if (values.json) process.stdout.write(JSON.stringify(e, null, 2) + '\n');
    else process.stdout.write(humanEval(e));
    return 0;
  } finally {
    store.close();
  }
}

function humanEval(e: ReturnType<typeof evaluate>): string {
  const t = e.at_threshold;
  const lines = [
    `eval ${e.as_of}: ${e.accounts} labelled accounts (${e.extraction_accounts} extraction, ${e.legitimate_accounts} legitimate)`,
    `at threshold ${e.threshold}: precision ${t.precision}, recall ${t.recall}, false-positive rate ${t.false_positive_rate} (tp ${t.tp}, fp ${t.fp}, fn ${t.fn})`,
    `recall at 0.5% false-positive rate: ${e.recall_at_0_5pct_fpr}   (volume-only baseline: ${e.baseline_volume_only.recall_at_0_5pct_fpr})`,
    'campaigns:',
    ...Object.entries(e.campaigns).map(([c, v]) => {
      const x = v as { accounts: number; recall: number; in_top3_rings: number; top_rings: { purity: number }[] };
      return `  ${c.padEnd(18)} ${String(x.accounts).padStart(6)} accounts  recall ${x.recall}  in ≤3 rings ${x.in_top3_rings}  purity ${x.top_rings.map((r) => r.purity).join('/') || '—'}`;
    }),
    'legitimate populations:',
    ...Object.entries(e.populations).map(([p, v]) => {
      const x = v as { accounts: number; flagged: number; flagged_share: number };
      return `  ${p.padEnd(18)} ${String(x.accounts).padStart(6)} accounts  flagged ${x.flagged} (${(x.flagged_share * 100).toFixed(2)}%)`;
    }),
    `rings: ${e.rings.count}, member-weighted purity ${e.rings.member_weighted_purity}`,
  ];
  return lines.join('\n') + '\n';
}
