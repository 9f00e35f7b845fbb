/**
 * `distillwatch eval`: scores a detection report against ground-truth labels
 * (the `account_id,label,campaign_id,population` file `generate` writes): precision, recall and false-positive rate at the operating
 * threshold, recall at a 0.5% false-positive rate, per campaign (with how its
 * accounts fall into rings, and those rings' purity) and per legitimate
 * population, beside a volume-only baseline measured on the same accounts.
 */
import { readFileSync } from 'node:fs';
import type { DetectionReport } from './report';

export interface Label {
  label: 'extraction' | 'legitimate';
  campaign: string | null;
  population: string | null;
  /**
   * The family a campaign or crowd belongs to (optional `family` column): one
   * family may be generated as several instances or strengths.
   */
  family: string | null;
}

/** The unit of generalisation: the family, else the campaign or population. */
export const familyOf = (l: Label): string => l.family ?? l.campaign ?? l.population ?? l.label;

export function readLabels(file: string): Map<string, Label> {
  const text = readFileSync(file, 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0]?.split(',').map((h) => h.trim());
  if (!header || header[0] !== 'account_id' || header[1] !== 'label') throw new Error(`${file}: expected a header "account_id,label,campaign_id"`);
  const popCol = header.indexOf('population');
  const familyCol = header.indexOf('family');
  const out = new Map<string, Label>();
  lines.slice(1).forEach((line, i) => {
    const cells = line.split(',');
    const label = cells[1]?.trim();
    if (label !== 'extraction' && label !== 'legitimate') throw new Error(`${file}: line ${i + 2}: label must be extraction or legitimate`);
    out.set(cells[0].trim(), {
      label,
      campaign: cells[2]?.trim() || null,
      population: popCol >= 0 ? cells[popCol]?.trim() || null : null,
      family: familyCol >= 0 ? cells[familyCol]?.trim() || null : null,
    });
  });
  return out;
}

const FPR_BUDGET = 0.005;

interface Scored {
  score: number;
  label: Label;
}

export function recallAtFpr(items: Scored[], budget = FPR_BUDGET): { recall: number; threshold: number } {
  const legit = items.filter((i) => i.label.label === 'legitimate').map((i) => i.score).sort((a, b) => b - a);
  const bad = items.filter((i) => i.label.label === 'extraction');
  const allowed = Math.floor(budget * legit.length);
  // Flag only scores above the (allowed+1)-th highest legitimate score: ties are not detections.
  const t = legit.length > allowed ? legit[allowed] : -Infinity;
  const caught = bad.filter((b) => b.score > t).length;
  return { recall: bad.length ? caught / bad.length : 1, threshold: t };
}

function confusion<T extends Scored>(items: T[], flagged: (i: T) => boolean) {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (const i of items) {
    const f = flagged(i);
    if (i.label.label === 'extraction') {
      if (f) tp++;
      else fn++;
    } else if (f) fp++;
    else tn++;
  }
  const r4 = (x: number) => Math.round(x * 10000) / 10000;
  return {
    tp, fp, fn, tn,
    precision: r4(tp + fp ? tp / (tp + fp) : 1),
    recall: r4(tp + fn ? tp / (tp + fn) : 1),
    false_positive_rate: r4(fp + tn ? fp / (fp + tn) : 0),
  };
}

export function evaluate(report: DetectionReport, labels: Map<string, Label>, volume: Map<string, number>) {
  const items: (Scored & { id: string; flagged: boolean; ring: string | null })[] = [];
  let unlabelled = 0;
  for (const a of report.accounts) {
    const label = labels.get(a.account_id);
    if (!label) {
      unlabelled++;
      continue;
    }
    items.push({ id: a.account_id, score: a.score, label, flagged: a.flagged, ring: a.ring_id });
  }
  const atThreshold = confusion(items, (i) => i.flagged);
  const r4 = (x: number) => Math.round(x * 10000) / 10000;
  const atFpr = recallAtFpr(items);

  const ringMembers = new Map(report.rings.map((r) => [r.ring_id, r.accounts]));
  const ringPurity = new Map<string, number>();
  for (const [id, members] of ringMembers) {
    const bad = members.filter((m) => labels.get(m)?.label === 'extraction').length;
    ringPurity.set(id, Math.max(bad, members.length - bad) / members.length);
  }

  const campaigns: Record<string, unknown> = {};
  for (const c of new Set(items.map((i) => i.label.campaign).filter((c): c is string => !!c))) {
    const members = items.filter((i) => i.label.campaign === c);
    const byRing = new Map<string, number>();
    for (const m of members) if (m.ring) byRing.set(m.ring, (byRing.get(m.ring) ?? 0) + 1);
    const top = [...byRing.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
    const inTop = top.reduce((s, [, n]) => s + n, 0);
    campaigns[c] = {
      accounts: members.length,
      flagged: members.filter((m) => m.flagged).length,
      recall: r4(members.filter((m) => m.flagged).length / members.length),
      in_top3_rings: r4(inTop / members.length),
      top_rings: top.map(([ring, n]) => ({ ring_id: ring, members: n, size: ringMembers.get(ring)?.length ?? 0, purity: r4(ringPurity.get(ring) ?? 0) })),
    };
  }
  const populations: Record<string, unknown> = {};
  for (const p of new Set(items.filter((i) => i.label.label === 'legitimate').map((i) => i.label.population ?? 'legitimate'))) {
    const members = items.filter((i) => i.label.label === 'legitimate' && (i.label.population ?? 'legitimate') === p);
    const flagged = members.filter((m) => m.flagged).length;
    populations[p] = { accounts: members.length, flagged, flagged_share: r4(flagged / members.length) };
  }

  // Volume-only baseline: the same accounts ranked by how many exchanges they sent.
  const byVolume = items.map((i) => ({ ...i, score: volume.get(i.id) ?? 0 }));
  const flaggedCount = items.filter((i) => i.flagged).length;
  const volumeCut = [...byVolume].sort((a, b) => b.score - a.score)[Math.max(0, flaggedCount - 1)]?.score ?? Infinity;
  const sizes = [...ringMembers.values()].map((m) => m.length);
  const weightedPurity = report.rings.reduce((s, r) => s + (ringPurity.get(r.ring_id) ?? 0) * r.accounts.length, 0) / Math.max(1, sizes.reduce((a, b) => a + b, 0));

  return {
    as_of: report.as_of,
    threshold: report.threshold,
    accounts: items.length,
    unlabelled,
    extraction_accounts: items.filter((i) => i.label.label === 'extraction').length,
    legitimate_accounts: items.filter((i) => i.label.label === 'legitimate').length,
    at_threshold: atThreshold,
    recall_at_0_5pct_fpr: r4(atFpr.recall),
    score_at_0_5pct_fpr: r4(atFpr.threshold),
    campaigns,
    populations,
    rings: { count: report.rings.length, member_weighted_purity: r4(weightedPurity) },
    baseline_volume_only: {
      recall_at_0_5pct_fpr: r4(recallAtFpr(byVolume).recall),
      at_same_flag_count: confusion(byVolume, (i) => i.score >= volumeCut),
    },
  };
}
export type Evaluation = ReturnType<typeof evaluate>;
