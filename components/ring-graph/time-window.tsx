'use client';
import { useMemo } from 'react';
import type { TimeAxis, WindowMode } from '../../lib/domain/graph-view';
import type { RingGraph as RingGraphData } from '../../lib/rings/queries';
import { dayRange, inWindow } from './graph-elements';
import styles from './ring-graph.module.css';

export interface WindowState {
  from: string;
  to: string;
  axis: TimeAxis;
  mode: WindowMode;
}

export type WindowDomain = Record<TimeAxis, string[]>;

/** The days each axis spans over the ring's members: sign-up days, and first to last active day. */
export function windowDomain(graph: RingGraphData): WindowDomain {
  let s0 = '', s1 = '', a0 = '', a1 = '';
  for (const n of graph.nodes) {
    if (n.type !== 'account') continue;
    if (n.signup) {
      if (!s0 || n.signup < s0) s0 = n.signup;
      if (!s1 || n.signup > s1) s1 = n.signup;
    }
    if (n.first && (!a0 || n.first < a0)) a0 = n.first;
    if (n.last && (!a1 || n.last > a1)) a1 = n.last;
  }
  return { signup: s0 ? dayRange(s0, s1) : [], activity: a0 ? dayRange(a0, a1) : [] };
}

const AXIS_LABEL: Record<TimeAxis, string> = { signup: 'Signed up', activity: 'Active' };

/**
 * The time slider: a window over the members' sign-up days or their activity
 * (first to last active day), as two range inputs (keyboard: arrows move a
 * day, Page Up/Down ten); members outside it are dimmed or hidden, and the
 * count in the window is shown.
 */
export function TimeWindow({
  domain,
  value,
  onChange,
  graph,
}: {
  domain: WindowDomain;
  value: WindowState | null;
  onChange: (w: WindowState | null) => void;
  graph: RingGraphData;
}) {
  const axis: TimeAxis = value?.axis ?? (domain.signup.length > 1 ? 'signup' : 'activity');
  const days = domain[axis];
  const members = useMemo(() => graph.nodes.filter((n) => n.type === 'account' && n.inRing), [graph]);
  const inside = useMemo(() => (value ? members.filter((m) => inWindow(m as never, value)).length : members.length), [members, value]);
  if (days.length < 2) return null;
  const lo = value ? Math.max(0, days.indexOf(value.from)) : 0;
  const hiIndex = value ? days.indexOf(value.to) : -1;
  const hi = hiIndex < 0 ? days.length - 1 : hiIndex;
  const set = (from: number, to: number, next: Partial<WindowState> = {}) => {
    const a = Math.min(from, to), b = Math.max(from, to);
    const ax = next.axis ?? axis;
    const d = domain[ax];
    const w: WindowState = { axis: ax, mode: next.mode ?? value?.mode ?? 'dim', from: d[Math.min(a, d.length - 1)], to: d[Math.min(b, d.length - 1)] };
    onChange(w);
  };
  return (
    <div className={styles.window} role="group" aria-label="Time window" data-testid="time-window">
      <label className={styles.group}>
        <select
          className={styles.select}
          aria-label="Time window applies to"
          value={axis}
          onChange={(e) => {
            const ax = e.target.value as TimeAxis;
            const d = domain[ax];
            onChange(value ? { ...value, axis: ax, from: d[0], to: d[d.length - 1] } : { axis: ax, mode: 'dim', from: d[0], to: d[d.length - 1] });
          }}
        >
          {(['signup', 'activity'] as const).filter((a) => domain[a].length > 1).map((a) => (
            <option key={a} value={a}>
              {AXIS_LABEL[a]}
            </option>
          ))}
        </select>
      </label>
      <span className={styles.windowRange}>
        <input type="range" min={0} max={days.length - 1} value={lo} aria-label="Window start" aria-valuetext={days[lo]} onChange={(e) => set(Math.min(Number(e.target.value), hi), hi)} />
        <input type="range" min={0} max={days.length - 1} value={hi} aria-label="Window end" aria-valuetext={days[hi]} onChange={(e) => set(lo, Math.max(Number(e.target.value), lo))} />
      </span>
      <output className={styles.windowText} data-testid="window-count" aria-live="polite">
        {days[lo]} – {days[hi]} · <strong>{inside.toLocaleString('en-US')}</strong> of {members.length.toLocaleString('en-US')} members
      </output>
      <select className={styles.select} aria-label="Members outside the window" value={value?.mode ?? 'dim'} onChange={(e) => set(lo, hi, { mode: e.target.value as WindowMode })}>
        <option value="dim">dim the others</option>
        <option value="hide">hide the others</option>
      </select>
      <button type="button" className={styles.btn} onClick={() => onChange(null)} disabled={value === null}>
        All dates
      </button>
    </div>
  );
}
