/**
 * Writes the queue's tie-break figures onto a day's alerts (lib/alerts/priority.ts
 * says what they mean): output tokens the subject harvested over the detection
 * window, its events in the week to the day and the week before, and their
 * growth. One statement over the day's alerts, their accounts (a ring's members
 * as detection stored them) and the accounts' daily rollups.
 */
import type Database from 'better-sqlite3';

const FILL = `
WITH subject_accounts AS (
  SELECT a.id AS alert, acc.id AS account
  FROM alerts a JOIN accounts acc ON acc.account_id = a.subject_id
  WHERE a.day = @day AND a.subject_kind = 'account'
  UNION ALL
  SELECT a.id, m.account
  FROM alerts a JOIN ring_members m ON m.ring_id = a.subject_id AND m.as_of = a.day
  WHERE a.day = @day AND a.subject_kind = 'ring'
),
figures AS (
  SELECT s.alert,
         coalesce(sum(d.output_tokens), 0) AS out,
         coalesce(sum(CASE WHEN d.day > date(@day, '-7 days') THEN d.events END), 0) AS week,
         coalesce(sum(CASE WHEN d.day > date(@day, '-14 days') AND d.day <= date(@day, '-7 days') THEN d.events END), 0) AS prev
  FROM subject_accounts s LEFT JOIN account_days d ON d.account = s.account AND d.day <= @day
  GROUP BY s.alert
)
UPDATE alerts SET output_tokens = f.out, events_week = f.week, events_prev_week = f.prev,
                  growth = round((f.week - f.prev) * 1.0 / max(f.prev, 1), 4)
FROM figures f WHERE alerts.id = f.alert`;

/** Writes the tie-break figures of a day's alerts (detection calls it after raising them); returns the alerts updated. */
export function fillAlertPriority(sqlite: Database.Database, day: string): number {
  return sqlite.prepare(FILL).run({ day }).changes;
}

