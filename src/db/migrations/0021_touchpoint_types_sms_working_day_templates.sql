CREATE TABLE "touchpoint_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "touchpoint_types_key_check" CHECK ("touchpoint_types"."key" ~ '^[a-z][a-z0-9_]{0,39}$' and "touchpoint_types"."key" not in ('email', 'call', 'meeting', 'note'))
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "sms_notifications" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "touchpoints" ADD COLUMN "user_participant_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "task_templates" ADD COLUMN "due_offset_unit" text DEFAULT 'days' NOT NULL;--> statement-breakpoint
ALTER TABLE "touchpoint_types" ADD CONSTRAINT "touchpoint_types_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "touchpoint_types_key" ON "touchpoint_types" USING btree ("workspace_id","key");--> statement-breakpoint
ALTER TABLE "task_templates" ADD CONSTRAINT "task_templates_due_offset_unit_check" CHECK ("task_templates"."due_offset_unit" in ('days', 'working_days'));--> statement-breakpoint
-- Until now a phone number meant "send me SMS"; keep that for the users who had one.
UPDATE "users" SET "sms_notifications" = true WHERE "phone" IS NOT NULL;
