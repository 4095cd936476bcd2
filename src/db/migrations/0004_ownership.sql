CREATE TABLE "ownership_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"task_ids" uuid[] NOT NULL,
	"moved_at" timestamp with time zone NOT NULL,
	"summarized_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "ownership_notifications" ADD CONSTRAINT "ownership_notifications_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ownership_notifications" ADD CONSTRAINT "ownership_notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ownership_notifications" ADD CONSTRAINT "ownership_notifications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ownership_notifications_pending_idx" ON "ownership_notifications" USING btree ("user_id","moved_at") WHERE "ownership_notifications"."summarized_at" is null;--> statement-breakpoint
CREATE INDEX "ownership_notifications_account_idx" ON "ownership_notifications" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "ownership_notifications_ws_idx" ON "ownership_notifications" USING btree ("workspace_id");