CREATE TABLE `decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`escalation_id` text NOT NULL,
	`decision` text NOT NULL,
	`ground` text,
	`reason` text NOT NULL,
	`redact_spans` text NOT NULL,
	`redacted_text` text,
	`decided_by` text NOT NULL,
	`decided_at` text NOT NULL,
	`supersedes` text,
	FOREIGN KEY (`escalation_id`) REFERENCES `escalations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `decisions_escalation` ON `decisions` (`escalation_id`);--> statement-breakpoint
CREATE TABLE `escalated_drafts` (
	`escalation_id` text PRIMARY KEY NOT NULL,
	`wrapped_key` text NOT NULL,
	`iv` text NOT NULL,
	`ciphertext` text NOT NULL,
	`purge_after` text,
	FOREIGN KEY (`escalation_id`) REFERENCES `escalations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `escalations` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`created_at` text NOT NULL,
	`submitted_by` text NOT NULL,
	`deadline` text NOT NULL,
	`working_days` integer NOT NULL,
	`provisional` integer NOT NULL,
	`draft_hash` text NOT NULL,
	`status` text NOT NULL,
	`claimed_by` text,
	`claimed_at` text,
	`decision_id` text,
	`draft_destroyed_at` text,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `escalations_review` ON `escalations` (`review_id`);--> statement-breakpoint
CREATE INDEX `escalations_created_at` ON `escalations` (`created_at`);--> statement-breakpoint
CREATE TABLE `false_alarms` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`category` text NOT NULL,
	`rule` text NOT NULL,
	`reason` text NOT NULL,
	`marked_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `false_alarms_finding` ON `false_alarms` (`review_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `false_alarms_rule` ON `false_alarms` (`rule`);--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`window_start` text NOT NULL,
	`locked_until` text
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`user_id` text NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`ended_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_token_hash` ON `sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	`disabled_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username` ON `users` (`username`);