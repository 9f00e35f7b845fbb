ALTER TABLE `case_prompts` ADD `output_tokens` integer;--> statement-breakpoint
ALTER TABLE `case_prompts` ADD `reasoning_tokens` integer;--> statement-breakpoint
ALTER TABLE `case_prompts` ADD `finish` integer;--> statement-breakpoint
ALTER TABLE `case_prompts` ADD `turn` integer;