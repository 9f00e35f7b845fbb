/**
 * Where detection reads events from: the engine that holds them computes the
 * window's features (lib/events: SQLite in-process, or ClickHouse pushed down),
 * and detection reads the same WindowScan from either.
 */
import type { WindowScan } from './account-features';
import type { Window } from './window';

export interface WindowSource {
  /** The per-account features of the window's events. */
  scanWindow(window: Window, onProgress?: (events: number) => void): Promise<WindowScan>;
  /** The accounts with any event before `ts`, in order of first appearance. */
  accountsBefore(ts: number): Promise<number[]>;
}

/**
 * An event store other than SQLite's table (ClickHouse, lib/events), as the daily
 * cycle and retention use it: detection's window source, plus the events per day
 * and whole days dropped. Declared here, with the window source, so that
 * lib/schedule and lib/retention take it without depending on an engine.
 */
export interface EventStore extends WindowSource {
  /** Events per UTC day (YYYY-MM-DD) from `since` on, in one query; days without events are absent. */
  dayCounts(since: number): Promise<Map<string, number>>;
  /** Drops every day before `cutoffTs` (a UTC midnight): the days dropped and the events they held. */
  dropDaysBefore(cutoffTs: number): Promise<{ days: string[]; events: number }>;
  /** The oldest event's time, or null when none is held. */
  firstTs(): Promise<number | null>;
  close(): Promise<void>;
}
