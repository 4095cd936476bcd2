// The pg-boss schedules of recurring plays, kept apart from the runner (recurring.ts) because they
// need the job definition, whose handler is the runner.
import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import { plays } from '../../db/schema/index.ts';
import { workspaceToday } from '../../workspaces/workspace-today.ts';
import { asPlay, type Play } from '../queries.ts';
import { recurringJob } from './jobs.ts';
import { DAILY_CHECK_CRON } from './recurring.ts';

/** Keeps the pg-boss schedule of a recurring play in step with its definition and status. */
export async function syncRecurringSchedule(
  deps: Deps,
  play: Pick<Play, 'id' | 'workspaceId' | 'status' | 'trigger'>,
) {
  const r = play.trigger.type === 'recurring' ? play.trigger.recurring : undefined;
  if (play.status !== 'enabled' || !r) {
    await deps.queue.unschedule(recurringJob.name, play.id);
    return;
  }
  const { timeZone } = await workspaceToday(deps.db, play.workspaceId, deps.clock.now());
  await deps.queue.schedule(
    recurringJob,
    r.cron ?? DAILY_CHECK_CRON,
    { playId: play.id },
    { tz: timeZone, key: play.id },
  );
}

/**
 * Re-creates the schedules of a workspace's enabled recurring plays: pg-boss stores the time zone
 * on each schedule, so a changed workspace time zone must be written to every one of them.
 */
export async function resyncRecurringSchedules(deps: Deps, workspaceId: string): Promise<number> {
  const rows = await deps.db
    .select()
    .from(plays)
    .where(
      and(
        eq(plays.workspaceId, workspaceId),
        eq(plays.status, 'enabled'),
        sql`${plays.trigger}->>'type' = 'recurring'`,
      ),
    );
  for (const row of rows) await syncRecurringSchedule(deps, asPlay(row));
  return rows.length;
}
