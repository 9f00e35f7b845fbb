CREATE TABLE `case_account_days` (
	`case_id` text NOT NULL,
	`account` integer NOT NULL,
	`day` text NOT NULL,
	`events` integer NOT NULL,
	`input_tokens` integer NOT NULL,
	`output_tokens` integer NOT NULL,
	`hours` text NOT NULL,
	PRIMARY KEY(`case_id`, `account`, `day`)
);
--> statement-breakpoint
CREATE TABLE `case_accounts` (
	`case_id` text NOT NULL,
	`account` integer NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`case_id`, `account`)
);
--> statement-breakpoint
CREATE INDEX `case_accounts_account` ON `case_accounts` (`account`);--> statement-breakpoint
CREATE TABLE `case_prompts` (
	`case_id` text NOT NULL,
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
	PRIMARY KEY(`case_id`, `account`, `ts`, `rid`)
);
--> statement-breakpoint
CREATE TABLE `case_scores` (
	`case_id` text NOT NULL,
	`account` integer NOT NULL,
	`as_of` text NOT NULL,
	`score` real NOT NULL,
	`own_score` real NOT NULL,
	`flagged` integer NOT NULL,
	`ring_id` text,
	`reasons` text NOT NULL,
	`features` text NOT NULL,
	`events` integer NOT NULL,
	PRIMARY KEY(`case_id`, `account`, `as_of`)
);
--> statement-breakpoint
CREATE TABLE `day_counts` (
	`day` text PRIMARY KEY NOT NULL,
	`events` integer NOT NULL,
	`counted_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `locks` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`acquired_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `scheduled_runs` (
	`id` integer PRIMARY KEY NOT NULL,
	`day` text NOT NULL,
	`status` text NOT NULL,
	`attempt` integer NOT NULL,
	`trigger` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`detect_run` integer,
	`alerts` integer,
	`events_at_run` integer,
	`error` text,
	`retry_at` integer
);
--> statement-breakpoint
CREATE INDEX `scheduled_runs_day` ON `scheduled_runs` (`day`,`id`);--> statement-breakpoint
CREATE INDEX `scheduled_runs_started` ON `scheduled_runs` (`started_at`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` integer PRIMARY KEY NOT NULL,
	`outbox_id` integer NOT NULL,
	`webhook_id` integer NOT NULL,
	`event` text NOT NULL,
	`attempt` integer NOT NULL,
	`at` integer NOT NULL,
	`http_status` integer,
	`ok` integer NOT NULL,
	`error` text,
	`duration_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_hook` ON `webhook_deliveries` (`webhook_id`,`at`);--> statement-breakpoint
CREATE TABLE `webhook_outbox` (
	`id` integer PRIMARY KEY NOT NULL,
	`webhook_id` integer NOT NULL,
	`event` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`delivered_at` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `webhook_outbox_due` ON `webhook_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `webhook_outbox_hook` ON `webhook_outbox` (`webhook_id`,`id`);--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`url` text NOT NULL,
	`format` text NOT NULL,
	`secret` text NOT NULL,
	`events` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
