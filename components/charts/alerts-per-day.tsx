'use client';
import { max, scaleBand, scaleLinear } from 'd3';
import { ChartFrame, XAxis, YAxis } from './chart-frame';
import styles from './charts.module.css';
import { compact } from './format';

const RING = '#2357c6';
const ACCOUNT = '#8fa9df';

/** Alerts raised per day, ring alerts stacked under account alerts. */
export function AlertsPerDay({ data, testId }: { data: { day: string; ring: number; account: number }[]; testId?: string }) {
  return (
    <div>
      <ChartFrame label="Alerts per day" height={170} margin={{ top: 8, right: 8, bottom: 20, left: 40 }} testId={testId}>
        {({ width, height }) => {
          const x = scaleBand<string>()
            .domain(data.map((d) => d.day))
            .range([0, width])
            .padding(0.2);
          const y = scaleLinear()
            .domain([0, Math.max(1, max(data, (d) => d.ring + d.account) ?? 0)])
            .nice()
            .range([height, 0]);
          const every = Math.max(1, Math.ceil(data.length / Math.max(2, Math.floor(width / 64))));
          return (
            <g>
              <YAxis ticks={y.ticks(4).filter(Number.isInteger)} y={y} width={width} format={compact} />
              {data.map((d) => {
                // Bars stay slim when there are only a few days.
                const w = Math.min(x.bandwidth(), 44);
                const left = (x(d.day) ?? 0) + (x.bandwidth() - w) / 2;
                return (
                <g key={d.day}>
                  <rect x={left} y={y(d.ring)} width={w} height={height - y(d.ring)} fill={RING} />
                  <rect x={left} y={y(d.ring + d.account)} width={w} height={y(d.ring) - y(d.ring + d.account)} fill={ACCOUNT} />
                  <rect x={x(d.day)} y={0} width={x.bandwidth()} height={height} fill="transparent">
                    <title>{`${d.day}: ${d.ring} ring alerts, ${d.account} account alerts`}</title>
                  </rect>
                </g>
                );
              })}
              <XAxis ticks={data.filter((_, i) => i % every === 0).map((d) => ({ x: (x(d.day) ?? 0) + x.bandwidth() / 2, label: d.day.slice(5) }))} height={height} width={width} />
            </g>
          );
        }}
      </ChartFrame>
      <div className={styles.legend}>
        <span>
          <span className={styles.swatch} style={{ background: RING }} />
          rings
        </span>
        <span>
          <span className={styles.swatch} style={{ background: ACCOUNT }} />
          single accounts
        </span>
      </div>
    </div>
  );
}
