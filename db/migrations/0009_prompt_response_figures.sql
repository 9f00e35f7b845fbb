ALTER TABLE `prompts` ADD `input_tokens` integer;--> statement-breakpoint
ALTER TABLE `prompts` ADD `output_tokens` integer;--> statement-breakpoint
ALTER TABLE `prompts` ADD `reasoning_tokens` integer;--> statement-breakpoint
ALTER TABLE `prompts` ADD `max_tokens` integer;--> statement-breakpoint
ALTER TABLE `prompts` ADD `finish` integer;--> statement-breakpoint
ALTER TABLE `prompts` ADD `turn` integer;--> statement-breakpoint
-- The samples kept before this migration take their figures from their events (a primary-key lookup each; at most 24 prompts an account).
UPDATE `prompts` SET (`input_tokens`, `output_tokens`, `reasoning_tokens`, `max_tokens`, `finish`, `turn`) =
  (SELECT e.input_tokens, e.output_tokens, e.reasoning_tokens, e.max_tokens, e.finish, e.turn FROM `events` e WHERE e.ts = `prompts`.ts AND e.rid = `prompts`.rid);
