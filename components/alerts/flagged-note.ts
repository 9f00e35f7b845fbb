/**
 * Why the overview can show hundreds of accounts at or above the threshold
 * beside a handful of alerts: an alert is news (a new flag, a score jump,
 * a ring's growth), and a ring's members are covered by the ring's one case.
 * Null when no account is flagged.
 */
export function flaggedNote({ flagged, raised, threshold }: { flagged: number; raised: number; threshold: number | null }): string | null {
  if (flagged === 0 || threshold === null) return null;
  const n = (x: number) => x.toLocaleString('en-US');
  return (
    `${n(flagged)} ${flagged === 1 ? 'account scores' : 'accounts score'} at or above ${threshold.toFixed(2)}, ` +
    `${n(raised)} ${raised === 1 ? 'alert was' : 'alerts were'} raised today: alerts are raised for new flags, score jumps and ring growth, ` +
    'so a subject already flagged raises no new alert; and an account inside a flagged ring is covered by its ring’s case.'
  );
}
