-- What each task row costs beyond storing and indexing it (issue 10; bench/README.md, "What each
-- task row costs"). One composite foreign key (workspace_id, account_id) replaces the two of tasks
-- and of timeline_events: one check instead of two, and the account is in the row's workspace.
CREATE UNIQUE INDEX "accounts_workspace_id_key" ON "accounts" USING btree ("workspace_id","id");--> statement-breakpoint
ALTER TABLE "tasks" DROP CONSTRAINT "tasks_workspace_id_workspaces_id_fk";--> statement-breakpoint
ALTER TABLE "tasks" DROP CONSTRAINT "tasks_account_id_accounts_id_fk";--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_account_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_events" DROP CONSTRAINT "timeline_events_workspace_id_workspaces_id_fk";--> statement-breakpoint
ALTER TABLE "timeline_events" DROP CONSTRAINT "timeline_events_account_id_accounts_id_fk";--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_account_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Users are disabled, never deleted, and workspaces are never deleted: the user columns of tasks
-- (assignee, assigned by, accountable, created by, completed by) need no per-row check — every writer
-- takes them from the signed-in actor or validates them in the workspace. The triggers below make
-- "never deleted" a rule of the database rather than of the code.
ALTER TABLE "tasks" DROP CONSTRAINT "tasks_assignee_user_id_users_id_fk";--> statement-breakpoint
ALTER TABLE "tasks" DROP CONSTRAINT "tasks_assigned_by_id_users_id_fk";--> statement-breakpoint
ALTER TABLE "tasks" DROP CONSTRAINT "tasks_accountability_user_id_users_id_fk";--> statement-breakpoint
ALTER TABLE "tasks" DROP CONSTRAINT "tasks_created_by_id_users_id_fk";--> statement-breakpoint
ALTER TABLE "tasks" DROP CONSTRAINT "tasks_completed_by_id_users_id_fk";--> statement-breakpoint
CREATE FUNCTION "playmaker_never_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are never deleted (tasks refer to them without a foreign key)', TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER "users_never_deleted" BEFORE DELETE ON "users" FOR EACH ROW EXECUTE FUNCTION "playmaker_never_deleted"();--> statement-breakpoint
CREATE TRIGGER "workspaces_never_deleted" BEFORE DELETE ON "workspaces" FOR EACH ROW EXECUTE FUNCTION "playmaker_never_deleted"();
