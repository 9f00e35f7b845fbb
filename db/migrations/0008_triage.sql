CREATE TABLE `case_dispositions` (
	`id` integer PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`disposition` text NOT NULL,
	`note` text NOT NULL,
	`decision_id` integer,
	`author` text NOT NULL,
	`role` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `case_dispositions_case` ON `case_dispositions` (`case_id`,`id`);--> statement-breakpoint
CREATE TABLE `case_lineage` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`from_case` text NOT NULL,
	`to_case` text NOT NULL,
	`from_ring` text NOT NULL,
	`accounts` text NOT NULL,
	`reason` text NOT NULL,
	`author` text NOT NULL,
	`role` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `case_lineage_from` ON `case_lineage` (`from_case`,`id`);--> statement-breakpoint
CREATE INDEX `case_lineage_to` ON `case_lineage` (`to_case`,`id`);--> statement-breakpoint
CREATE TABLE `case_snoozes` (
	`id` integer PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`until` integer,
	`reason` text NOT NULL,
	`author` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `case_snoozes_case` ON `case_snoozes` (`case_id`,`id`);--> statement-breakpoint
CREATE TABLE `saved_views` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`owner` text NOT NULL,
	`shared` integer DEFAULT false NOT NULL,
	`filters` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `saved_views_owner_name` ON `saved_views` (`owner`,`name`);--> statement-breakpoint
CREATE INDEX `saved_views_shared` ON `saved_views` (`shared`);--> statement-breakpoint
ALTER TABLE `alerts` ADD `output_tokens` integer;--> statement-breakpoint
ALTER TABLE `alerts` ADD `events_week` integer;--> statement-breakpoint
ALTER TABLE `alerts` ADD `events_prev_week` integer;--> statement-breakpoint
ALTER TABLE `alerts` ADD `growth` real;--> statement-breakpoint
ALTER TABLE `alerts` ADD `snoozed_until` integer;--> statement-breakpoint
CREATE INDEX `alerts_day_status_priority` ON `alerts` (`day`,`case_status`,`score`,`output_tokens`,`accounts`,`growth`);--> statement-breakpoint
ALTER TABLE `cases` ADD `snoozed_until` integer;--> statement-breakpoint
-- Snoozes, dispositions and lineage are append-only, like decisions: a change of mind is a new row.
CREATE TRIGGER `case_snoozes_no_update` BEFORE UPDATE ON `case_snoozes` BEGIN SELECT RAISE(ABORT, 'case_snoozes are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `case_snoozes_no_delete` BEFORE DELETE ON `case_snoozes` BEGIN SELECT RAISE(ABORT, 'case_snoozes are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `case_dispositions_no_update` BEFORE UPDATE ON `case_dispositions` BEGIN SELECT RAISE(ABORT, 'case_dispositions are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `case_dispositions_no_delete` BEFORE DELETE ON `case_dispositions` BEGIN SELECT RAISE(ABORT, 'case_dispositions are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `case_lineage_no_update` BEFORE UPDATE ON `case_lineage` BEGIN SELECT RAISE(ABORT, 'case_lineage is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `case_lineage_no_delete` BEFORE DELETE ON `case_lineage` BEGIN SELECT RAISE(ABORT, 'case_lineage is append-only'); END;
--> statement-breakpoint
-- alerts.snoozed_until follows its case's, as case_status does (migration 0003).
CREATE TRIGGER `alerts_snoozed_on_insert` AFTER INSERT ON `alerts` BEGIN
  UPDATE `alerts` SET `snoozed_until` = (SELECT `snoozed_until` FROM `cases` WHERE `id` = NEW.`case_id`) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `alerts_snoozed_on_case_change` AFTER UPDATE OF `snoozed_until` ON `cases` WHEN NEW.`snoozed_until` IS NOT OLD.`snoozed_until` BEGIN
  UPDATE `alerts` SET `snoozed_until` = NEW.`snoozed_until` WHERE `case_id` = NEW.`id`;
END;
--> statement-breakpoint
-- The queue's tie-break for alerts raised before this migration (lib/alerts/priority.ts writes it for new ones).
WITH subject_accounts AS (
  SELECT a.id AS alert, a.day AS day, acc.id AS account FROM alerts a JOIN accounts acc ON acc.account_id = a.subject_id WHERE a.subject_kind = 'account'
  UNION ALL
  SELECT a.id, a.day, m.account FROM alerts a JOIN ring_members m ON m.ring_id = a.subject_id AND m.as_of = a.day WHERE a.subject_kind = 'ring'
),
figures AS (
  SELECT s.alert,
         coalesce(sum(d.output_tokens), 0) AS out,
         coalesce(sum(CASE WHEN d.day > date(s.day, '-7 days') THEN d.events END), 0) AS week,
         coalesce(sum(CASE WHEN d.day > date(s.day, '-14 days') AND d.day <= date(s.day, '-7 days') THEN d.events END), 0) AS prev
  FROM subject_accounts s LEFT JOIN account_days d ON d.account = s.account AND d.day <= s.day
  GROUP BY s.alert
)
UPDATE alerts SET output_tokens = f.out, events_week = f.week, events_prev_week = f.prev,
                  growth = round((f.week - f.prev) * 1.0 / max(f.prev, 1), 4)
FROM figures f WHERE alerts.id = f.alert;
