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
