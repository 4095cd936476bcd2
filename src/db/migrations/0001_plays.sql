CREATE TABLE "assignment_cursors" (
	"key" text PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "play_goals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"play_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"reached_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "play_memberships" (
	"play_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"run_id" uuid,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "play_memberships_play_id_record_id_pk" PRIMARY KEY("play_id","record_id")
);
--> statement-breakpoint
CREATE TABLE "play_run_results" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"play_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"account_id" uuid,
	"action_id" text NOT NULL,
	"result" text NOT NULL,
	"task_id" uuid,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "play_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"play_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"triggered_by" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"counts" jsonb DEFAULT '{"targets":0,"created":0,"skipped":0,"errors":0,"other":0}'::jsonb NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plays" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"owner_user_id" uuid,
	"collaborator_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_by" uuid,
	"status" text DEFAULT 'disabled' NOT NULL,
	"subject" text NOT NULL,
	"trigger" jsonb NOT NULL,
	"criteria" jsonb,
	"source_segment_id" uuid,
	"goal_criteria" jsonb,
	"options" jsonb NOT NULL,
	"actions" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"enabled_at" timestamp with time zone,
	"last_recurring_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"subject" text NOT NULL,
	"criteria" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "play_goals" ADD CONSTRAINT "play_goals_play_id_plays_id_fk" FOREIGN KEY ("play_id") REFERENCES "public"."plays"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "play_memberships" ADD CONSTRAINT "play_memberships_play_id_plays_id_fk" FOREIGN KEY ("play_id") REFERENCES "public"."plays"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "play_run_results" ADD CONSTRAINT "play_run_results_run_id_play_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."play_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "play_runs" ADD CONSTRAINT "play_runs_play_id_plays_id_fk" FOREIGN KEY ("play_id") REFERENCES "public"."plays"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plays" ADD CONSTRAINT "plays_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plays" ADD CONSTRAINT "plays_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plays" ADD CONSTRAINT "plays_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "play_goals_play_idx" ON "play_goals" USING btree ("play_id","record_id");--> statement-breakpoint
CREATE INDEX "play_memberships_run_idx" ON "play_memberships" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "play_run_results_run_idx" ON "play_run_results" USING btree ("run_id","id");--> statement-breakpoint
CREATE INDEX "play_run_results_play_idx" ON "play_run_results" USING btree ("play_id","record_id");--> statement-breakpoint
CREATE INDEX "play_runs_play_idx" ON "play_runs" USING btree ("play_id","started_at");--> statement-breakpoint
CREATE INDEX "plays_ws_idx" ON "plays" USING btree ("workspace_id","status");--> statement-breakpoint
CREATE INDEX "segments_ws_idx" ON "segments" USING btree ("workspace_id","name");