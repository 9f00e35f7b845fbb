CREATE TABLE `sign_in_counters` (
	`scope` text NOT NULL,
	`name` text NOT NULL,
	`address` text NOT NULL,
	`failures` integer NOT NULL,
	`refused` integer DEFAULT 0 NOT NULL,
	`first_at` integer NOT NULL,
	`last_at` integer NOT NULL,
	`blocked_until` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`scope`, `name`, `address`)
);
--> statement-breakpoint
CREATE INDEX `sign_in_counters_last_at` ON `sign_in_counters` (`last_at`);--> statement-breakpoint
DROP TABLE `sign_in_attempts`;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `expires_at` integer;--> statement-breakpoint
ALTER TABLE `decisions` ADD `role` text;--> statement-breakpoint
-- Hand-written below this line (drizzle-kit generates the schema changes above).
-- Tokens from before lifetimes existed: 90 days from creation, but at least 7 days from this upgrade,
-- so that a script is not cut off without notice.
UPDATE `api_tokens` SET `expires_at` = max(`created_at` + 7776000000, CAST(strftime('%s', 'now') AS INTEGER) * 1000 + 604800000) WHERE `expires_at` IS NULL;--> statement-breakpoint
-- The role each existing decision was made with: from its audit entry (case_decided records it), else the
-- author's role now. decisions is append-only; its guard is lifted for this one backfill and put back.
DROP TRIGGER IF EXISTS `decisions_no_update`;--> statement-breakpoint
UPDATE `decisions` SET `role` = coalesce(
  (SELECT json_extract(a.details, '$.role') FROM `audit_log` a
   WHERE a.action = 'case_decided' AND a.case_id = `decisions`.`case_id` AND json_extract(a.details, '$.decision_id') = `decisions`.`id`),
  (SELECT u.role FROM `users` u WHERE u.name = `decisions`.`author`)
);--> statement-breakpoint
CREATE TRIGGER `decisions_no_update` BEFORE UPDATE ON `decisions` BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
