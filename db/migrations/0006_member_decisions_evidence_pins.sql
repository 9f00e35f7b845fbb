CREATE TABLE `case_evidence_pins` (
	`id` integer PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`account_id` text NOT NULL,
	`request_id` text NOT NULL,
	`action` text NOT NULL,
	`note` text,
	`author` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `case_evidence_pins_case` ON `case_evidence_pins` (`case_id`,`account_id`,`request_id`,`id`);--> statement-breakpoint
CREATE TABLE `case_member_decisions` (
	`id` integer PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`account_id` text NOT NULL,
	`action` text NOT NULL,
	`reason` text NOT NULL,
	`author` text NOT NULL,
	`role` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `case_member_decisions_case` ON `case_member_decisions` (`case_id`,`account_id`,`id`);--> statement-breakpoint
-- Member decisions and pins are append-only, like decisions: a change of mind is a new row.
CREATE TRIGGER `case_member_decisions_no_update` BEFORE UPDATE ON `case_member_decisions` BEGIN SELECT RAISE(ABORT, 'case_member_decisions are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `case_member_decisions_no_delete` BEFORE DELETE ON `case_member_decisions` BEGIN SELECT RAISE(ABORT, 'case_member_decisions are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `case_evidence_pins_no_update` BEFORE UPDATE ON `case_evidence_pins` BEGIN SELECT RAISE(ABORT, 'case_evidence_pins are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `case_evidence_pins_no_delete` BEFORE DELETE ON `case_evidence_pins` BEGIN SELECT RAISE(ABORT, 'case_evidence_pins are append-only'); END;
