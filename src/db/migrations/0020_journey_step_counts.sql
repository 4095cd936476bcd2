DROP INDEX "feed_items_unread_idx";--> statement-breakpoint
CREATE INDEX "journey_steps_play_idx" ON "journey_steps" USING btree ("play_id","step_id");--> statement-breakpoint
CREATE INDEX "feed_items_unread_idx" ON "feed_items" USING btree ("user_id","id") WHERE read_at is null;