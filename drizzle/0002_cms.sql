CREATE TABLE `callback_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`delivery_id` text NOT NULL,
	`review_id` text NOT NULL,
	`event` text NOT NULL,
	`url` text NOT NULL,
	`attempt` integer NOT NULL,
	`attempted_at` text NOT NULL,
	`status` integer,
	`ok` integer NOT NULL,
	`error` text,
	`next_attempt_at` text
);
--> statement-breakpoint
CREATE INDEX `callback_deliveries_review` ON `callback_deliveries` (`review_id`);--> statement-breakpoint
CREATE INDEX `callback_deliveries_delivery` ON `callback_deliveries` (`delivery_id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`principal_id` text NOT NULL,
	`key` text NOT NULL,
	`body_hash` text NOT NULL,
	`review_id` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idempotency_keys_principal_key` ON `idempotency_keys` (`principal_id`,`key`);--> statement-breakpoint
CREATE TABLE `review_attachments` (
	`review_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`filename` text NOT NULL,
	`kind` text NOT NULL,
	`size` integer NOT NULL,
	`decision` text NOT NULL,
	`findings` text NOT NULL,
	`reasons` text NOT NULL,
	`pages` text NOT NULL,
	`text_length` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_attachments_ordinal` ON `review_attachments` (`review_id`,`ordinal`);--> statement-breakpoint
CREATE TABLE `review_callbacks` (
	`review_id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE no action
);
