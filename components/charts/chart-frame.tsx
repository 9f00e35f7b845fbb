'use client';
import type { ReactNode } from 'react';
import styles from './charts.module.css';
import { useWidth } from './use-width';

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * A labelled SVG chart that fills its container's width. `render` draws into
 * the inner area (width and height without the margins).
 */
export function ChartFrame({
  label,
  height,
  margin,
  initialWidth = 560,
  testId,
  children,
}: {
  label: string;
  height: number;
  margin: Margin;
  initialWidth?: number;
  testId?: string;
  children: (inner: { width: number; height: number }) => ReactNode;
}) {
  const { ref, width } = useWidth<HTMLDivElement>(initialWidth);
  const inner = { width: Math.max(10, width - margin.left - margin.right), height: height - margin.top - margin.bottom };
  return (
    <div ref={ref} className={styles.frame} data-testid={testId}>
      <svg width={width} height={height} role="img" aria-label={label} className={styles.svg}>
        <g transform={`translate(${margin.left},${margin.top})`}>{children(inner)}</g>
      </svg>
    </div>
  );
}

/** Tick labels along the left edge, with faint grid lines across. */
export function YAxis({ ticks, y, width, format }: { ticks: number[]; y: (v: number) => number; width: number; format: (v: number) => string }) {
  return (
    <g className={styles.axis}>
      {ticks.map((t) => (
        <g key={t} transform={`translate(0,${y(t)})`}>
          <line x1={0} x2={width} className={styles.grid} />
          <text x={-6} dy="0.32em" textAnchor="end">
            {format(t)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** Tick labels along the bottom edge. */
export function XAxis({ ticks, height, width }: { ticks: { x: number; label: string }[]; height: number; width: number }) {
  return (
    <g className={styles.axis} transform={`translate(0,${height})`}>
      <line x1={0} x2={width} className={styles.baseline} />
      {ticks.map((t, i) => (
        <text key={`${t.label}-${i}`} x={t.x} y={14} textAnchor="middle">
          {t.label}
        </text>
      ))}
    </g>
  );
}
