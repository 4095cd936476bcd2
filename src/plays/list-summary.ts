// What the plays list shows beside each play (issue 9): owner by name, open tasks, the last firing and
// the effectiveness score — as correlated subqueries of the page's one query (each served by a
// play_id index), scored with the effectiveness report's own formula.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { scoreOf } from '../reports/effectiveness.ts';
import { completedOnTime } from '../reports/on-time.ts';
import { DEFAULT_WINDOW_DAYS } from '../reports/schema.ts';

// Qualified by hand: in a one-table select Drizzle writes bare column names, which a subquery would resolve to its own table.
const playId = sql.raw('plays.id');
const playWs = sql.raw('plays.workspace_id');
const timeZone = sql`(select w.time_zone from workspaces w where w.id = ${playWs})`;

type TaskTally = { fired: number; completed: number; onTime: number; open: number };
type GoalTally = { targets: number; reached: number };
type LastRun = { at: string; kind: string };

/** Extra columns for `db.select({ ...getTableColumns(plays), ...playSummaryColumns })`. */
export const playSummaryColumns = {
  ownerName: sql<
    string | null
  >`(select u.name from users u where u.id = ${sql.raw('plays.owner_user_id')})`,
  taskTally: sql<TaskTally>`(select jsonb_build_object('fired', count(*), 'completed', count(*) filter (where t.status = 'completed'),
    'onTime', count(*) filter (where t.status = 'completed' and ${completedOnTime(sql`t.completed_at`, sql`t.due_date`, timeZone)}),
    'open', count(*) filter (where t.status = 'open'))
    from tasks t where t.play_id = ${playId} and t.workspace_id = ${playWs} and t.status <> 'deleted')`,
  goalTally: sql<GoalTally>`(select jsonb_build_object('targets', count(*), 'reached', count(*) filter (where exists (select 1 from play_goals g
      where g.play_id = ${playId} and g.record_id = f.record_id and g.reached_at >= f.fired_at
        and g.reached_at <= f.fired_at + ${`${DEFAULT_WINDOW_DAYS} days`}::interval)))
    from (select r.record_id, min(r.created_at) as fired_at from play_run_results r where r.play_id = ${playId} and r.result = 'created' group by r.record_id) f)`,
  // Dry runs and empty runs do not start the evaluation window (as in the report).
  firstFiredAt: sql<
    string | null
  >`(select min(pr.started_at) from play_runs pr where pr.play_id = ${playId}
    and pr.kind <> 'dry_run' and (pr.counts->>'targets')::int > 0)`,
  lastRun: sql<LastRun | null>`(select jsonb_build_object('at', pr.started_at, 'kind', pr.kind) from play_runs pr
    where pr.play_id = ${playId} and pr.kind <> 'dry_run' order by pr.started_at desc limit 1)`,
};

export type SummaryRow = {
  ownerName: string | null;
  taskTally: TaskTally;
  goalTally: GoalTally;
  firstFiredAt: string | Date | null;
  lastRun: LastRun | null;
};

export const playListSummarySchema = z
  .object({
    ownerName: z.string().nullable(),
    openTasks: z.number().int(),
    lastRun: z
      .object({ at: z.string(), kind: z.string() })
      .nullable()
      .describe('The latest firing (dry runs are not firings); null if it never fired'),
    score: z
      .number()
      .int()
      .nullable()
      .describe(
        `Effectiveness score 0–100 over a ${DEFAULT_WINDOW_DAYS}-day window, as GET /reports/plays/{id}/effectiveness`,
      ),
    tooEarly: z
      .boolean()
      .describe('True until the first firing plus the evaluation window has passed'),
  })
  .meta({ id: 'PlayListSummary' });

export function playListSummary(r: SummaryRow, now: Date): z.infer<typeof playListSummarySchema> {
  const t = r.taskTally;
  const first = r.firstFiredAt ? new Date(r.firstFiredAt) : null;
  return {
    ownerName: r.ownerName,
    openTasks: Number(t.open),
    lastRun: r.lastRun ? { at: new Date(r.lastRun.at).toISOString(), kind: r.lastRun.kind } : null,
    score: scoreOf({
      fired: Number(t.fired),
      completed: Number(t.completed),
      onTime: Number(t.onTime),
      targets: Number(r.goalTally.targets),
      reached: Number(r.goalTally.reached),
    }).score,
    tooEarly: !first || first.getTime() + DEFAULT_WINDOW_DAYS * 86_400_000 > now.getTime(),
  };
}
