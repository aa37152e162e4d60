CREATE TABLE `audit_events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`ts` text NOT NULL,
	`type` text NOT NULL,
	`actor` text,
	`subject` text,
	`payload` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_events_subject` ON `audit_events` (`subject`);--> statement-breakpoint
CREATE TABLE `findings` (
	`review_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`category` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`action` text NOT NULL,
	`rule` text NOT NULL,
	`confidence` real NOT NULL,
	`reason` text NOT NULL,
	`basis` text NOT NULL,
	`masked_text` text NOT NULL,
	`value_hash` text NOT NULL,
	`explanation` text NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `findings_review_ordinal` ON `findings` (`review_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `findings_value_hash` ON `findings` (`value_hash`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`decision` text NOT NULL,
	`title` text,
	`source` text,
	`profile` text NOT NULL,
	`engine_version` text NOT NULL,
	`lexicon_version` text NOT NULL,
	`model_version` text,
	`redacted_text` text NOT NULL,
	`text_length` integer NOT NULL,
	`token_id` text NOT NULL,
	`audit_seq` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `reviews_created_at` ON `reviews` (`created_at`);--> statement-breakpoint
CREATE TABLE `tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`role` text NOT NULL,
	`label` text,
	`origin` text NOT NULL,
	`created_at` text NOT NULL,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tokens_token_hash` ON `tokens` (`token_hash`);