CREATE TABLE "feed_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"account_id" uuid,
	"task_id" uuid,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "holidays" (
	"workspace_id" uuid NOT NULL,
	"calendar" text DEFAULT 'default' NOT NULL,
	"date" date NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "holidays_workspace_id_calendar_date_pk" PRIMARY KEY("workspace_id","calendar","date")
);
--> statement-breakpoint
CREATE TABLE "journey_steps" (
	"journey_id" uuid NOT NULL,
	"step_id" text NOT NULL,
	"visit" integer NOT NULL,
	"workspace_id" uuid NOT NULL,
	"play_id" uuid NOT NULL,
	"play_version" integer NOT NULL,
	"run_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"result" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "journey_steps_journey_id_step_id_visit_pk" PRIMARY KEY("journey_id","step_id","visit")
);
--> statement-breakpoint
CREATE TABLE "journeys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"play_id" uuid NOT NULL,
	"play_version" integer NOT NULL,
	"record_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"holdout" boolean DEFAULT false NOT NULL,
	"step_id" text,
	"visit" integer DEFAULT 1 NOT NULL,
	"step_started_at" timestamp with time zone,
	"wake_at" timestamp with time zone,
	"waiting_for" jsonb,
	"chain" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"ended_by" uuid
);
--> statement-breakpoint
CREATE TABLE "play_versions" (
	"play_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"workspace_id" uuid NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "play_versions_play_id_number_pk" PRIMARY KEY("play_id","number")
);
--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "holiday_calendar" text;--> statement-breakpoint
ALTER TABLE "play_runs" ADD COLUMN "play_version" integer;--> statement-breakpoint
ALTER TABLE "plays" ADD COLUMN "steps" jsonb;--> statement-breakpoint
ALTER TABLE "plays" ADD COLUMN "exit_rules" jsonb;--> statement-breakpoint
ALTER TABLE "plays" ADD COLUMN "reentry" jsonb;--> statement-breakpoint
ALTER TABLE "plays" ADD COLUMN "holdout_percent" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plays" ADD COLUMN "published_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "holidays" ADD CONSTRAINT "holidays_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_steps" ADD CONSTRAINT "journey_steps_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journeys" ADD CONSTRAINT "journeys_play_id_play_version_play_versions_play_id_number_fk" FOREIGN KEY ("play_id","play_version") REFERENCES "public"."play_versions"("play_id","number") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "play_versions" ADD CONSTRAINT "play_versions_play_id_plays_id_fk" FOREIGN KEY ("play_id") REFERENCES "public"."plays"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feed_items_user_idx" ON "feed_items" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "feed_items_unread_idx" ON "feed_items" USING btree ("user_id") WHERE read_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "journeys_one_running" ON "journeys" USING btree ("play_id","record_id") WHERE ended_at is null;--> statement-breakpoint
CREATE INDEX "journeys_due_idx" ON "journeys" USING btree ("wake_at") WHERE ended_at is null and wake_at is not null;--> statement-breakpoint
CREATE INDEX "journeys_play_step_idx" ON "journeys" USING btree ("play_id","step_id") WHERE ended_at is null;--> statement-breakpoint
CREATE INDEX "journeys_account_idx" ON "journeys" USING btree ("workspace_id","account_id","entered_at");--> statement-breakpoint
CREATE INDEX "journeys_record_idx" ON "journeys" USING btree ("play_id","record_id","entered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "play_versions_one_draft" ON "play_versions" USING btree ("play_id") WHERE published_at is null;--> statement-breakpoint
-- Every existing play's definition becomes its published version 1 (plays.published_version defaults to 1).
INSERT INTO "play_versions" ("play_id", "number", "workspace_id", "definition", "created_by", "created_at", "published_at")
SELECT p."id", 1, p."workspace_id",
  jsonb_build_object('trigger', p."trigger", 'criteria', p."criteria", 'sourceSegmentId', p."source_segment_id",
    'goalCriteria', p."goal_criteria", 'options', p."options", 'actions', p."actions", 'steps', null,
    'exitRules', null, 'reentry', null, 'holdoutPercent', 0),
  p."created_by", p."updated_at", p."updated_at"
FROM "plays" p;
