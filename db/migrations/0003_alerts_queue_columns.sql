CREATE TABLE `reason_code_bits` (
	`code` text PRIMARY KEY NOT NULL,
	`bit` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `alerts` ADD `case_status` text;--> statement-breakpoint
ALTER TABLE `alerts` ADD `reason_bits` integer;--> statement-breakpoint
CREATE INDEX `alerts_day_status_score` ON `alerts` (`day`,`case_status`,`score`);--> statement-breakpoint
CREATE INDEX `alerts_day_status_created` ON `alerts` (`day`,`case_status`,`created_at`);--> statement-breakpoint
CREATE INDEX `alerts_day_status_accounts` ON `alerts` (`day`,`case_status`,`accounts`);--> statement-breakpoint
CREATE INDEX `alerts_day_status_plan_accounts` ON `alerts` (`day`,`case_status`,`plan`,`accounts`);--> statement-breakpoint
CREATE INDEX `alerts_day_status_reasons` ON `alerts` (`day`,`case_status`,`reason_bits`);
--> statement-breakpoint
-- Written by hand (drizzle-kit knows no triggers). The queue's filters read these two copies
-- through indexes; triggers keep them equal to their sources whoever writes:
-- case_status = the case's status, reason_bits = the bits of the codes in reasons.
INSERT OR IGNORE INTO `reason_code_bits` (`code`, `bit`) VALUES
  ('COT_ELICITATION', 0),
  ('GRADING_AND_REWRITES', 1),
  ('TEMPLATE_CONCENTRATION', 2),
  ('CAPABILITY_SWEEP', 3),
  ('SINGLE_TURN', 4),
  ('OUTPUT_AT_CAP', 5),
  ('REASONING_HARVEST', 6),
  ('MACHINE_RHYTHM', 7),
  ('NO_DIURNAL_CYCLE', 8),
  ('SIGNUP_PROGRAMME', 9),
  ('NEW_ACCOUNT_FULL_THROTTLE', 10),
  ('PLAN_MISMATCH', 11),
  ('MODEL_PIVOT', 12),
  ('PROBING', 13),
  ('ADDRESS_ROTATION', 14),
  ('CONVERSATION_DEPTH', 15),
  ('VERIFIED_ORGANISATION', 16),
  ('SHORT_OUTPUTS', 17),
  ('INTERMITTENT_RUNS', 18),
  ('RING_MEMBER', 19),
  ('INTEL_MATCH', 20);--> statement-breakpoint
UPDATE `alerts` SET `case_status` = (SELECT `status` FROM `cases` WHERE `cases`.`id` = `alerts`.`case_id`),
  `reason_bits` = (SELECT coalesce(sum(DISTINCT 1 << b.`bit`), 0) FROM json_each(`alerts`.`reasons`) j JOIN `reason_code_bits` b ON b.`code` = json_extract(j.`value`, '$.code'));--> statement-breakpoint
CREATE TRIGGER `alerts_copies_on_insert` AFTER INSERT ON `alerts` BEGIN
  UPDATE `alerts` SET `case_status` = (SELECT `status` FROM `cases` WHERE `id` = NEW.`case_id`),
    `reason_bits` = (SELECT coalesce(sum(DISTINCT 1 << b.`bit`), 0) FROM json_each(NEW.`reasons`) j JOIN `reason_code_bits` b ON b.`code` = json_extract(j.`value`, '$.code'))
  WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `alerts_reason_bits_on_update` AFTER UPDATE OF `reasons` ON `alerts` BEGIN
  UPDATE `alerts` SET `reason_bits` = (SELECT coalesce(sum(DISTINCT 1 << b.`bit`), 0) FROM json_each(NEW.`reasons`) j JOIN `reason_code_bits` b ON b.`code` = json_extract(j.`value`, '$.code')) WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `alerts_case_status_on_case_move` AFTER UPDATE OF `case_id` ON `alerts` BEGIN
  UPDATE `alerts` SET `case_status` = (SELECT `status` FROM `cases` WHERE `id` = NEW.`case_id`) WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `alerts_case_status_on_case_change` AFTER UPDATE OF `status` ON `cases` WHEN NEW.`status` IS NOT OLD.`status` BEGIN
  UPDATE `alerts` SET `case_status` = NEW.`status` WHERE `case_id` = NEW.`id`;
END;
