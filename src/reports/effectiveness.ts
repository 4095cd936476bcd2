import { sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { requireRole } from '../auth/access.ts';
import { workspaceToday } from '../workspaces/workspace-today.ts';
import { queryRows } from '../db/rows.ts';
import { addDays } from '../workspaces/dates.ts';
import { loadPlay } from '../plays/queries.ts';
import { completedOnTime, onTimeRate } from './on-time.ts';
import { holdoutComparison } from './holdout.ts';

/** What a score is computed from: the play's fired tasks and fired targets (all time, or one week's cohort). */
type Tally = { fired: number; completed: number; onTime: number; targets: number; reached: number };
const none = (): Tally => ({ fired: 0, completed: 0, onTime: 0, targets: 0, reached: 0 });

const share = (n: number, d: number) => (d === 0 ? null : n / d);

/** The parts and the score (their mean × 100, over the parts that have a denominator): the one formula for the headline and every week. */
export function scoreOf(t: Tally) {
  const parts = {
    completedShare: share(t.completed, t.fired),
    onTimeShare: onTimeRate(t.onTime, t.completed),
    goalShare: share(t.reached, t.targets),
  };
  const known = Object.values(parts).filter((v): v is number => v !== null);
  return {
    parts,
    score: known.length
      ? Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 100)
      : null,
  };
}

/** Monday of the week holding `date` (weeks as PostgreSQL's date_trunc('week') counts them). */
const mondayOf = (date: string) =>
  addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));

/**
 * Play effectiveness (SPEC §5): share of fired tasks completed, share of completed tasks completed on
 * time (reports/on-time.ts), share of fired targets that reached the goal (left the trigger criteria
 * or met the goal criteria) within `windowDays` of firing; the score is their mean × 100. The weekly
 * series groups the same tasks and targets by the week they were fired, so every week is scored with
 * the same formula and the weeks' counts add up to the headline's.
 */
export async function playEffectiveness(
  deps: Deps,
  actor: Actor,
  playId: string,
  q: { windowDays: number; weeks: number },
) {
  requireRole(actor, 'advanced');
  const play = await loadPlay(deps.db, actor.workspaceId, playId);
  const { timeZone, today } = await workspaceToday(deps.db, actor.workspaceId, deps.clock.now());
  const week = (ts: string) =>
    sql`to_char(date_trunc('week', ${sql.raw(ts)} at time zone ${timeZone}::text), 'YYYY-MM-DD')`;
  const tasksByWeek = await queryRows<{
    week: string;
    fired: number;
    completed: number;
    on_time: number;
  }>(
    deps.db,
    sql`
    select ${week('created_at')} as week, count(*)::int as fired, count(*) filter (where status = 'completed')::int as completed,
      count(*) filter (where status = 'completed' and ${completedOnTime(sql`completed_at`, sql`due_date`, timeZone)})::int as on_time
    from tasks where play_id = ${play.id}::uuid and workspace_id = ${actor.workspaceId}::uuid and status <> 'deleted' group by 1`,
  );
  const firings = sql`select record_id, min(created_at) as fired_at from play_run_results where play_id = ${play.id}::uuid and result = 'created' group by record_id`;
  const goalsByWeek = await queryRows<{ week: string; targets: number; reached: number }>(
    deps.db,
    sql`
    select ${week('f.fired_at')} as week, count(*)::int as targets, count(*) filter (where exists (select 1 from play_goals pg where pg.play_id = ${play.id}::uuid
      and pg.record_id = f.record_id and pg.reached_at >= f.fired_at and pg.reached_at <= f.fired_at + ${`${q.windowDays} days`}::interval))::int as reached
    from (${firings}) f group by 1`,
  );
  // The evaluation window runs from the first firing that reached a record (dry runs and empty runs do not count).
  const [first] = await queryRows<{ at: string | null }>(
    deps.db,
    sql`
    select min(started_at) as at from play_runs where play_id = ${play.id}::uuid and kind <> 'dry_run' and (counts->>'targets')::int > 0`,
  );
  const firstFiredAt = first?.at ? new Date(first.at) : null;
  const readyAt = firstFiredAt
    ? new Date(firstFiredAt.getTime() + q.windowDays * 86_400_000)
    : null;
  const outcomes = await queryRows<{ outcome: string | null; n: number }>(
    deps.db,
    sql`
    select outcome, count(*)::int as n from tasks where play_id = ${play.id}::uuid and status = 'completed' group by outcome order by n desc`,
  );

  const weeks = new Map<string, Tally>();
  const at = (w: string) => weeks.get(w) ?? weeks.set(w, none()).get(w)!;
  for (const r of tasksByWeek)
    Object.assign(at(r.week), { fired: r.fired, completed: r.completed, onTime: r.on_time });
  for (const r of goalsByWeek)
    Object.assign(at(r.week), { targets: r.targets, reached: r.reached });
  const total = none();
  for (const t of weeks.values())
    for (const k of Object.keys(total) as Array<keyof Tally>) total[k] += t[k];

  const last = mondayOf(today);
  const series = Array.from({ length: q.weeks }, (_, i) =>
    addDays(last, -7 * (q.weeks - 1 - i)),
  ).map((w) => {
    const t = weeks.get(w) ?? none();
    return { week: w, ...counts(t), ...scoreOf(t) };
  });
  return {
    playId: play.id,
    windowDays: q.windowDays,
    firstFiredAt: firstFiredAt?.toISOString() ?? null,
    readyAt: readyAt?.toISOString() ?? null,
    tooEarly: !readyAt || readyAt > deps.clock.now(),
    ...scoreOf(total),
    counts: counts(total),
    outcomes: outcomes.map((o) => ({ outcome: o.outcome, count: o.n })),
    series,
    holdout: await holdoutComparison(deps.db, play, q.windowDays),
  };
}

const counts = (t: Tally) => ({
  firedTasks: t.fired,
  completed: t.completed,
  completedOnTime: t.onTime,
  targets: t.targets,
  reachedGoal: t.reached,
});
