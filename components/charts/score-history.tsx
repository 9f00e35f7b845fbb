'use client';
import { line, scaleLinear, scalePoint } from 'd3';
import { ChartFrame, XAxis, YAxis } from './chart-frame';
import styles from './charts.module.css';

/** Score by as-of day, with the flagging threshold. */
export function ScoreHistory({
  points,
  threshold,
  testId,
}: {
  points: { asOf: string; score: number; flagged: boolean }[];
  threshold: number | null;
  testId?: string;
}) {
  return (
    <ChartFrame label="Score history" height={150} margin={{ top: 10, right: 12, bottom: 20, left: 36 }} testId={testId}>
      {({ width, height }) => {
        const x = scalePoint<string>()
          .domain(points.map((p) => p.asOf))
          .range([0, width])
          .padding(points.length === 1 ? 0.5 : 0.1);
        const y = scaleLinear().domain([0, 1]).range([height, 0]);
        const path = line<{ asOf: string; score: number }>()
          .x((p) => x(p.asOf) ?? 0)
          .y((p) => y(p.score))(points);
        const every = Math.max(1, Math.ceil(points.length / Math.max(2, Math.floor(width / 70))));
        return (
          <g>
            <YAxis ticks={[0, 0.25, 0.5, 0.75, 1]} y={y} width={width} format={(v) => v.toFixed(2)} />
            {threshold !== null && (
              <g>
                <line x1={0} x2={width} y1={y(threshold)} y2={y(threshold)} className={styles.threshold} />
                <text x={width} y={y(threshold) - 4} textAnchor="end" className={styles.thresholdLabel}>
                  threshold {threshold.toFixed(2)}
                </text>
              </g>
            )}
            {path && <path d={path} className={styles.line} />}
            {points.map((p) => (
              <circle key={p.asOf} cx={x(p.asOf)} cy={y(p.score)} r={3.5} className={p.flagged ? styles.pointFlagged : styles.point}>
                <title>{`${p.asOf}: ${p.score.toFixed(3)}${p.flagged ? ' (flagged)' : ''}`}</title>
              </circle>
            ))}
            <XAxis ticks={points.filter((_, i) => i % every === 0).map((p) => ({ x: x(p.asOf) ?? 0, label: p.asOf.slice(5) }))} height={height} width={width} />
          </g>
        );
      }}
    </ChartFrame>
  );
}
