'use client';
import { max, scaleLinear } from 'd3';
import { ChartFrame } from './chart-frame';
import styles from './charts.module.css';

export interface HBar {
  label: string;
  value: number;
  /** Text after the bar (defaults to the value). */
  note?: string;
}

/** Labelled horizontal bars: capability mix, template concentration. */
export function HorizontalBars({
  label,
  bars,
  labelWidth = 92,
  barHeight = 18,
  domainMax,
  testId,
}: {
  label: string;
  bars: HBar[];
  labelWidth?: number;
  barHeight?: number;
  domainMax?: number;
  testId?: string;
}) {
  const height = bars.length * (barHeight + 6) + 4;
  return (
    <ChartFrame label={label} height={height} margin={{ top: 2, right: 64, bottom: 2, left: labelWidth }} initialWidth={360} testId={testId}>
      {({ width }) => {
        const x = scaleLinear()
          .domain([0, domainMax ?? Math.max(1e-9, max(bars, (b) => b.value) ?? 0)])
          .range([0, width]);
        return (
          <g>
            {bars.map((b, i) => (
              <g key={b.label} transform={`translate(0,${i * (barHeight + 6)})`}>
                <text x={-8} y={barHeight / 2} dy="0.32em" textAnchor="end" className={styles.hbarLabel}>
                  {b.label}
                </text>
                <rect x={0} y={0} width={width} height={barHeight} fill="#f1f3f6" rx={2} />
                <rect x={0} y={0} width={Math.max(b.value > 0 ? 2 : 0, x(b.value))} height={barHeight} className={styles.bar} rx={2} />
                <text x={width + 6} y={barHeight / 2} dy="0.32em" className={styles.hbarValue}>
                  {b.note ?? String(b.value)}
                </text>
              </g>
            ))}
          </g>
        );
      }}
    </ChartFrame>
  );
}
