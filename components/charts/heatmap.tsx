'use client';
import { interpolateRgb, max, scaleSqrt } from 'd3';
import { ChartFrame } from './chart-frame';
import styles from './charts.module.css';

export interface HeatmapRow {
  label: string;
  values: number[];
  /** Drawn with a separate colour scale (for a totals row above the members). */
  emphasis?: boolean;
}

const EMPTY = '#f1f3f6';
const ramp = interpolateRgb('#dbe5f8', '#163a8a');
const rampTotal = interpolateRgb('#f6e3c7', '#8a4b00');

/**
 * A grid of counts: rows by columns, darker for more. Used for an account's
 * activity by hour of day across days, and for a ring's members hour by hour,
 * where synchronised schedules show as vertical stripes.
 */
export function Heatmap({
  label,
  rows,
  columns,
  columnTicks,
  groupEvery,
  cellHeight = 12,
  rowLabelWidth = 44,
  describe,
  testId,
}: {
  label: string;
  rows: HeatmapRow[];
  columns: number;
  /** Labels under some columns. */
  columnTicks: { column: number; label: string }[];
  /** Draw a separator every N columns (day boundaries). */
  groupEvery?: number;
  cellHeight?: number;
  rowLabelWidth?: number;
  /** Tooltip text for one cell. */
  describe: (row: number, column: number, value: number) => string;
  testId?: string;
}) {
  const height = rows.length * cellHeight + 24;
  const peak = max(rows.filter((r) => !r.emphasis).flatMap((r) => r.values)) ?? 0;
  const peakTotal = max(rows.filter((r) => r.emphasis).flatMap((r) => r.values)) ?? 0;
  const scale = scaleSqrt().domain([0, Math.max(1, peak)]).range([0.08, 1]);
  const scaleTotal = scaleSqrt().domain([0, Math.max(1, peakTotal)]).range([0.08, 1]);
  return (
    <ChartFrame label={label} height={height} margin={{ top: 2, right: 4, bottom: 22, left: rowLabelWidth }} testId={testId}>
      {({ width }) => {
        const cw = width / columns;
        const gap = cw > 4 ? 1 : 0;
        return (
          <g>
            {rows.map((row, r) => (
              <g key={`${row.label}-${r}`} transform={`translate(0,${r * cellHeight})`}>
                <text x={-6} y={cellHeight / 2} dy="0.32em" textAnchor="end" className={styles.cellLabel}>
                  {row.label}
                </text>
                {row.values.map((v, c) => (
                  <rect
                    key={c}
                    x={c * cw}
                    y={0}
                    width={Math.max(0.5, cw - gap)}
                    height={cellHeight - 1}
                    fill={v === 0 ? EMPTY : row.emphasis ? rampTotal(scaleTotal(v)) : ramp(scale(v))}
                  >
                    <title>{describe(r, c, v)}</title>
                  </rect>
                ))}
              </g>
            ))}
            {groupEvery &&
              Array.from({ length: Math.floor(columns / groupEvery) - 1 }, (_, i) => (
                <line
                  key={i}
                  x1={(i + 1) * groupEvery * cw - gap / 2}
                  x2={(i + 1) * groupEvery * cw - gap / 2}
                  y1={-2}
                  y2={rows.length * cellHeight}
                  stroke="#ffffff"
                  strokeWidth={2}
                />
              ))}
            <g className={styles.axis} transform={`translate(0,${rows.length * cellHeight + 13})`}>
              {columnTicks.map((t) => (
                <text key={t.column} x={t.column * cw + cw / 2} textAnchor="middle">
                  {t.label}
                </text>
              ))}
            </g>
          </g>
        );
      }}
    </ChartFrame>
  );
}

/** A small key for the heatmap's colours. */
export function HeatmapKey({ low = 'fewer', high = 'more' }: { low?: string; high?: string }) {
  return (
    <div className={styles.legend}>
      <span>{low}</span>
      <span className={styles.rampBar} style={{ background: `linear-gradient(90deg, ${EMPTY}, ${ramp(0.08)}, ${ramp(1)})` }} />
      <span>{high}</span>
    </div>
  );
}
