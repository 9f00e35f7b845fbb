'use client';
import { max, scaleLinear } from 'd3';
import { ChartFrame, XAxis, YAxis } from './chart-frame';
import styles from './charts.module.css';
import { compact } from './format';

/** How the latest scores spread over [0, 1], bins at or above the threshold in red. Counts on a square-root axis so the flagged tail shows. */
export function ScoreDistribution({ bins, threshold, testId }: { bins: { from: number; to: number; count: number }[]; threshold: number | null; testId?: string }) {
  return (
    <ChartFrame label="Score distribution" height={170} margin={{ top: 8, right: 8, bottom: 20, left: 40 }} testId={testId}>
      {({ width, height }) => {
        const x = scaleLinear().domain([0, 1]).range([0, width]);
        const top = Math.max(1, max(bins, (b) => b.count) ?? 0);
        const y = scaleLinear().domain([0, Math.sqrt(top)]).range([height, 0]);
        const ys = (n: number) => y(Math.sqrt(n));
        const ticks = [0, Math.round(top / 16), Math.round(top / 4), top].filter((v, i, a) => a.indexOf(v) === i);
        return (
          <g>
            <YAxis ticks={ticks} y={ys} width={width} format={compact} />
            {bins.map((b) => (
              <rect
                key={b.from}
                x={x(b.from) + 1}
                y={ys(b.count)}
                width={Math.max(0, x(b.to) - x(b.from) - 2)}
                height={height - ys(b.count)}
                className={threshold !== null && b.from >= threshold - 1e-9 ? styles.barDanger : styles.bar}
              >
                <title>{`${b.from.toFixed(2)}–${b.to.toFixed(2)}: ${b.count.toLocaleString('en-US')} accounts`}</title>
              </rect>
            ))}
            {threshold !== null && <line x1={x(threshold)} x2={x(threshold)} y1={0} y2={height} className={styles.threshold} />}
            <XAxis ticks={[0, 0.2, 0.4, 0.6, 0.8, 1].map((v) => ({ x: x(v), label: v.toFixed(1) }))} height={height} width={width} />
          </g>
        );
      }}
    </ChartFrame>
  );
}
