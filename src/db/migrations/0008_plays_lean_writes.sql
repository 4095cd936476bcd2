ALTER TABLE "play_memberships" DROP CONSTRAINT "play_memberships_play_id_plays_id_fk";
--> statement-breakpoint
ALTER TABLE "play_run_results" DROP CONSTRAINT "play_run_results_run_id_play_runs_id_fk";
--> statement-breakpoint
DROP INDEX "play_memberships_run_idx";