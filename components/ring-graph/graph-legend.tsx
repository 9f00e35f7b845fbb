import { KIND_STYLE, kindStyle, scoreColor, SHAPE_PATH, STATUS_COLOR } from './graph-style';
import styles from './ring-graph.module.css';

export function KindSwatch({ kind, size = 12 }: { kind: string; size?: number }) {
  const k = kindStyle(kind);
  return (
    <svg width={size} height={size} viewBox="0 0 20 20" aria-hidden>
      <path d={SHAPE_PATH[k.shape] ?? SHAPE_PATH.ellipse} fill={k.color} />
    </svg>
  );
}

/** What the shapes, colours and sizes mean. */
export function GraphLegend({ colourBy }: { colourBy: 'score' | 'decision' }) {
  return (
    <section className="panel" aria-labelledby="legend-title">
      <h2 id="legend-title" className={styles.sideTitle}>
        Legend
      </h2>
      <ul className={styles.legendList}>
        {Object.keys(KIND_STYLE).map((k) => (
          <li key={k}>
            <KindSwatch kind={k} />
            {KIND_STYLE[k].label}
          </li>
        ))}
      </ul>
      <div className={styles.legendRow}>
        <svg width={14} height={14} viewBox="0 0 20 20" aria-hidden>
          <path d={SHAPE_PATH.ellipse} fill={scoreColor(0.9)} />
        </svg>
        account: size by requests,
        {colourBy === 'score' ? ' colour by score' : ' colour by its own case'}
      </div>
      {colourBy === 'score' ? (
        <div className={styles.legendRow}>
          0
          <span className={styles.ramp} style={{ background: `linear-gradient(90deg, ${scoreColor(0)}, ${scoreColor(0.5)}, ${scoreColor(0.8)}, ${scoreColor(1)})` }} />1
        </div>
      ) : (
        <div className={styles.legendRow} style={{ flexWrap: 'wrap' }}>
          {(Object.keys(STATUS_COLOR) as (keyof typeof STATUS_COLOR)[]).map((s) => (
            <span key={s} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
              <svg width={10} height={10} viewBox="0 0 20 20" aria-hidden>
                <path d={SHAPE_PATH.ellipse} fill={STATUS_COLOR[s]} />
              </svg>
              {s === 'none' ? 'no case' : s}
            </span>
          ))}
        </div>
      )}
      <div className={styles.legendRow}>
        <svg width={14} height={14} viewBox="0 0 20 20" aria-hidden>
          <circle cx={10} cy={10} r={7} fill="#c3cddb" stroke="#5b6675" strokeWidth={2} strokeDasharray="3 2" />
        </svg>
        dashed: outside the ring (from an expansion)
      </div>
      <div className={styles.legendRow}>
        <svg width={14} height={14} viewBox="0 0 20 20" aria-hidden>
          <circle cx={10} cy={10} r={6} fill="#c3cddb" stroke="#b3261e" strokeWidth={3} />
        </svg>
        red ring: outside, in another flagged ring
      </div>
      <div className={styles.legendRow}>
        <span style={{ background: '#b3261e', color: '#fff', borderRadius: 3, padding: '0 4px', fontSize: 10, fontWeight: 600 }}>+N</span>
        accounts sharing it that are not shown
      </div>
    </section>
  );
}
