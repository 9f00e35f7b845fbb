CREATE TABLE `account_days` (
	`account` integer NOT NULL,
	`day` text NOT NULL,
	`events` integer NOT NULL,
	`input_tokens` integer NOT NULL,
	`output_tokens` integer NOT NULL,
	`hours` text NOT NULL,
	PRIMARY KEY(`account`, `day`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `account_days_day` ON `account_days` (`day`);--> statement-breakpoint
CREATE TABLE `account_identifiers` (
	`account` integer NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`events` integer NOT NULL,
	PRIMARY KEY(`account`, `kind`, `value`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `account_identifiers_kind_value` ON `account_identifiers` (`kind`,`value`);--> statement-breakpoint
CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`created_at` integer,
	`email` text,
	`email_domain` text,
	`email_shape` text,
	`org_id` text,
	`plan` text,
	`country` text,
	`signup_ip` text,
	`payment_fp` text,
	`verified` integer,
	`has_record` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_account_id` ON `accounts` (`account_id`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY NOT NULL,
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`subject_kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`case_id` text NOT NULL,
	`score` real NOT NULL,
	`reasons` text NOT NULL,
	`top_reason` text,
	`ring_id` text,
	`plan` text,
	`accounts` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_day_subject_kind` ON `alerts` (`day`,`subject_kind`,`subject_id`,`kind`);--> statement-breakpoint
CREATE INDEX `alerts_day_score` ON `alerts` (`day`,`score`);--> statement-breakpoint
CREATE INDEX `alerts_case` ON `alerts` (`case_id`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`label` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE INDEX `api_tokens_user` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`subject_kind` text,
	`subject_id` text,
	`case_id` text,
	`details` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_case` ON `audit_log` (`case_id`,`seq`);--> statement-breakpoint
CREATE TABLE `case_notes` (
	`id` integer PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`author` text NOT NULL,
	`body` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `case_notes_case` ON `case_notes` (`case_id`,`at`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`subject_kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`status` text NOT NULL,
	`assignee` text,
	`score` real NOT NULL,
	`accounts` integer NOT NULL,
	`opened_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_subject` ON `cases` (`subject_kind`,`subject_id`);--> statement-breakpoint
CREATE INDEX `cases_status` ON `cases` (`status`,`opened_at`);--> statement-breakpoint
CREATE TABLE `decisions` (
	`id` integer PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`action` text NOT NULL,
	`reason` text NOT NULL,
	`author` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `decisions_case` ON `decisions` (`case_id`,`at`);--> statement-breakpoint
CREATE TABLE `detect_runs` (
	`id` integer PRIMARY KEY NOT NULL,
	`as_of` text NOT NULL,
	`generated_at` integer NOT NULL,
	`threshold` real NOT NULL,
	`model_version` text NOT NULL,
	`window_days` integer NOT NULL,
	`accounts` integer NOT NULL,
	`flagged` integer NOT NULL,
	`rings` integer NOT NULL,
	`alerts` integer NOT NULL,
	`seconds` real
);
--> statement-breakpoint
CREATE TABLE `dictionary` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dictionary_kind_value` ON `dictionary` (`kind`,`value`);--> statement-breakpoint
CREATE TABLE `events` (
	`account` integer NOT NULL,
	`ts` integer NOT NULL,
	`rid` integer NOT NULL,
	`ip` integer NOT NULL,
	`asn` integer,
	`model` integer NOT NULL,
	`client` integer,
	`api_key` integer,
	`turn` integer,
	`input_tokens` integer NOT NULL,
	`output_tokens` integer NOT NULL,
	`max_tokens` integer,
	`reasoning_tokens` integer,
	`tool_count` integer,
	`finish` integer,
	`template` integer NOT NULL,
	`flags` integer NOT NULL,
	`capability` integer NOT NULL,
	`system` integer NOT NULL,
	`prompt_chars` integer NOT NULL,
	PRIMARY KEY(`ts`, `rid`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `ingest_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`files` text NOT NULL,
	`accounts` integer DEFAULT 0 NOT NULL,
	`events` integer DEFAULT 0 NOT NULL,
	`duplicates` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`rejects_file` text
);
--> statement-breakpoint
CREATE TABLE `intel_bundles` (
	`id` text PRIMARY KEY NOT NULL,
	`producer` text NOT NULL,
	`sha256` text NOT NULL,
	`imported_at` integer NOT NULL,
	`imported_by` text NOT NULL,
	`objects` integer NOT NULL,
	`indicators` integer NOT NULL,
	`raw` blob
);
--> statement-breakpoint
CREATE UNIQUE INDEX `intel_bundles_sha256_unique` ON `intel_bundles` (`sha256`);--> statement-breakpoint
CREATE TABLE `intel_indicators` (
	`id` text NOT NULL,
	`bundle_id` text NOT NULL,
	`producer` text NOT NULL,
	`name` text,
	`pattern` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`hashed` integer NOT NULL,
	`marking` text,
	`confidence` integer,
	`valid_from` text NOT NULL,
	`valid_until` text,
	`campaign` text,
	PRIMARY KEY(`id`, `bundle_id`)
);
--> statement-breakpoint
CREATE INDEX `intel_indicators_kind_value` ON `intel_indicators` (`kind`,`value`);--> statement-breakpoint
CREATE TABLE `intel_matches` (
	`indicator_id` text NOT NULL,
	`bundle_id` text NOT NULL,
	`account` integer NOT NULL,
	`matched_at` integer NOT NULL,
	PRIMARY KEY(`indicator_id`, `bundle_id`, `account`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `intel_matches_account` ON `intel_matches` (`account`);--> statement-breakpoint
CREATE TABLE `known_bad` (
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`case_id` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`kind`, `value`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `known_good` (
	`subject_kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`case_id` text NOT NULL,
	`score` real NOT NULL,
	`baseline` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`subject_kind`, `subject_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `prompts` (
	`account` integer NOT NULL,
	`ts` integer NOT NULL,
	`rid` integer NOT NULL,
	`request_id` text NOT NULL,
	`template` integer NOT NULL,
	`flags` integer NOT NULL,
	`capability` integer NOT NULL,
	`model` integer NOT NULL,
	`chars` integer NOT NULL,
	`text` text NOT NULL,
	`system_prompt` text,
	PRIMARY KEY(`account`, `ts`, `rid`)
);
--> statement-breakpoint
CREATE TABLE `ring_members` (
	`ring_id` text NOT NULL,
	`as_of` text NOT NULL,
	`account` integer NOT NULL,
	PRIMARY KEY(`ring_id`, `as_of`, `account`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `ring_members_account` ON `ring_members` (`account`,`as_of`);--> statement-breakpoint
CREATE TABLE `rings` (
	`ring_id` text NOT NULL,
	`as_of` text NOT NULL,
	`run` integer NOT NULL,
	`score` real NOT NULL,
	`size` integer NOT NULL,
	`shared` text NOT NULL,
	`summary` text NOT NULL,
	`layout` text,
	PRIMARY KEY(`ring_id`, `as_of`)
);
--> statement-breakpoint
CREATE TABLE `scores` (
	`account` integer NOT NULL,
	`as_of` text NOT NULL,
	`run` integer NOT NULL,
	`score` real NOT NULL,
	`own_score` real NOT NULL,
	`flagged` integer NOT NULL,
	`ring_id` text,
	`reasons` text NOT NULL,
	`features` text NOT NULL,
	`events` integer NOT NULL,
	PRIMARY KEY(`account`, `as_of`)
);
--> statement-breakpoint
CREATE INDEX `scores_as_of_score` ON `scores` (`as_of`,`score`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `sign_in_attempts` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`ip` text,
	`ok` integer NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_attempts_name_at` ON `sign_in_attempts` (`name`,`at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_name` ON `users` (`name`);
--> statement-breakpoint
-- The audit trail and the decisions are append-only: refuse edits in the store itself.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `decisions_no_update` BEFORE UPDATE ON `decisions` BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `decisions_no_delete` BEFORE DELETE ON `decisions` BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
