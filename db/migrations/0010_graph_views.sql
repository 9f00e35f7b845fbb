CREATE TABLE `case_graph_views` (
	`id` integer PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`ring_id` text NOT NULL,
	`as_of` text NOT NULL,
	`name` text NOT NULL,
	`view` text NOT NULL,
	`author` text NOT NULL,
	`role` text NOT NULL,
	`at` integer NOT NULL,
	`case_version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `case_graph_views_case` ON `case_graph_views` (`case_id`,`id`);--> statement-breakpoint
-- Hand-written: saved graph views are append-only, like member decisions and pins.
CREATE TRIGGER `case_graph_views_no_update` BEFORE UPDATE ON `case_graph_views` BEGIN SELECT RAISE(ABORT, 'case_graph_views are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `case_graph_views_no_delete` BEFORE DELETE ON `case_graph_views` BEGIN SELECT RAISE(ABORT, 'case_graph_views are append-only'); END;
