'use client';
import { max, scaleBand, scaleLinear } from 'd3';
import { ChartFrame, XAxis, YAxis } from './chart-frame';
import styles from './charts.module.css';
import { compact } from './format';

/** One bar per day: requests, tokens… (d3 scales, drawn as SVG). */
export function DailyBars({
  label,
  data,
  unit,
  tone = 'bar',
  height = 150,
  testId,
}: {
  label: string;
  data: { day: string; value: number }[];
  unit: string;
  tone?: 'bar' | 'barAlt';
  height?: number;
  testId?: string;
}) {
  return (
    <ChartFrame label={label} height={height} margin={{ top: 8, right: 8, bottom: 20, left: 44 }} testId={testId}>
      {({ width, height: h }) => {
        const x = scaleBand<string>()
          .domain(data.map((d) => d.day))
          .range([0, width])
          .padding(0.18);
        const y = scaleLinear()
          .domain([0, Math.max(1, max(data, (d) => d.value) ?? 0)])
          .nice()
          .range([h, 0]);
        const every = Math.max(1, Math.ceil(data.length / Math.max(2, Math.floor(width / 70))));
        const ticks = data
          .map((d, i) => ({ i, d }))
          .filter(({ i }) => i % every === 0)
          .map(({ d }) => ({ x: (x(d.day) ?? 0) + x.bandwidth() / 2, label: d.day.slice(5) }));
        return (
          <g>
            <YAxis ticks={y.ticks(4)} y={y} width={width} format={compact} />
            {data.map((d) => (
              <rect key={d.day} x={x(d.day)} y={y(d.value)} width={x.bandwidth()} height={Math.max(0, h - y(d.value))} className={styles[tone]}>
                <title>{`${d.day}: ${d.value.toLocaleString('en-US')} ${unit}`}</title>
              </rect>
            ))}
            <XAxis ticks={ticks} height={h} width={width} />
          </g>
        );
      }}
    </ChartFrame>
  );
}
