import { openStore } from '../../../db/client';
import { evaluate, readLabels } from '../../detect/evaluate';
import { buildReport } from '../../detect/report';
import type { ClickHouseEvents } from '../../events/clickhouse-events';
import { openEvents } from '../../events/open-events';
import { eventsFlag, EVENTS_OPTION, parse, storePath, UsageError } from '../args';
import { defaultAsOf, prepareWindow } from '../../detect/detect';
import { leaveOneFamilyOut, type Generalisation } from '../../detect/generalisation';
import { MODEL } from '../../detect/model';
import { windowFor } from '../../features/window';
import { progress } from '../../progress';
import type { Label } from '../../detect/evaluate';

/**
 * `eval --leave-one-family-out`: for each family in the labels, fit without it
 * and measure on it (lib/detect/generalisation.ts). Reads the store's window;
 * needs no detection run.
 */
async function leaveOneOut(values: Record<string, unknown>, labels: Map<string, Label>): Promise<number> {
  const store = openStore(storePath(values as { db?: string }));
  let events: ClickHouseEvents | null = null;
  try {
    events = await openEvents(store.sqlite, eventsFlag(values));
    const asOf = typeof values['as-of'] === 'string' ? values['as-of'] : defaultAsOf(store.sqlite);
    const bar = progress('eval');
    const window = windowFor(asOf);
    // With ClickHouse, the window's features are computed there first (lib/events).
    const pushed = events ? await events.scanWindow(window) : undefined;
    const prepared = prepareWindow(store.sqlite, window, (n) => bar.update(() => `scanned ${n.toLocaleString('en-US')} events`), undefined, pushed);
    const g = leaveOneFamilyOut(prepared, labels, MODEL, { onFold: (f, i, n) => bar.update(() => `fold ${i + 1}/${n}: without ${f}`) });
    bar.done(`${g.folds.length} folds`);
    if (values.json) process.stdout.write(JSON.stringify({ as_of: asOf, ...g }, null, 2) + '\n');
    else process.stdout.write(humanGeneralisation(asOf, g));
    return 0;
  } finally {
    await events?.close();
    store.close();
  }
}

function humanGeneralisation(asOf: string, g: Generalisation): string {
  const f = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(3));
  const lines = [
    `leave-one-family-out ${asOf}: each family fitted without, measured on (false positives on the held-back legitimate half)`,
    'extraction family            accounts  recall  recall@0.5%FPR  in ≤3 flagged pure rings  FPR',
    ...g.folds.filter((x) => x.kind === 'extraction').map((x) =>
      `  ${x.family.padEnd(26)} ${String(x.accounts).padStart(8)}  ${f(x.recall)}   ${f(x.recall_at_0_5pct_fpr)}           ${f(x.in_top3_flagged_rings)}                     ${f(x.false_positive_rate)}`,
    ),
    'legitimate family            accounts  flagged share  FPR (others)',
    ...g.folds.filter((x) => x.kind === 'legitimate').map((x) =>
      `  ${x.family.padEnd(26)} ${String(x.accounts).padStart(8)}  ${f(x.flagged_share)}          ${f(x.false_positive_rate)}`,
    ),
    'worst case:',
    ...Object.entries(g.worst).map(([k, v]) => `  ${k.padEnd(24)} ${v ? `${v.value} (${v.family})` : '—'}`),
  ];
  return lines.join('\n') + '\n';
}

const USAGE = 'usage: distillwatch eval --labels FILE [--as-of YYYY-MM-DD] [--leave-one-family-out] [--json]';

export async function evalCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { labels: { type: 'string' }, 'as-of': { type: 'string' }, 'leave-one-family-out': { type: 'boolean' }, ...EVENTS_OPTION });
  if (typeof values.labels !== 'string') throw new UsageError(USAGE);
  const labels = readLabels(values.labels);
  if (values['leave-one-family-out']) return leaveOneOut(values, labels);
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
