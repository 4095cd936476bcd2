import { sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { requireRole } from '../auth/access.ts';
import { workspaceToday } from '../segments/queries.ts';
import { queryRows } from '../segments/rows.ts';
import { loadPlay } from '../plays/queries.ts';

const share = (n: number, d: number) => (d === 0 ? null : n / d);

/**
 * Play effectiveness (SPEC §5): share of fired tasks completed, share completed on time (by the
 * workspace-local date), share of fired targets that reached the goal (left the trigger criteria or
 * met the goal criteria) within `windowDays` of firing; the score is their mean × 100.
 */
export async function playEffectiveness(deps: Deps, actor: Actor, playId: string, q: { windowDays: number; weeks: number }) {
  requireRole(actor, 'advanced');
  const play = await loadPlay(deps.db, actor.workspaceId, playId);
  const { timeZone } = await workspaceToday(deps.db, actor.workspaceId, deps.clock);
  const window = `${q.windowDays} days`;
  const [t] = await queryRows<{ fired: number; completed: number; on_time: number }>(deps.db, sql`
    select count(*)::int as fired, count(*) filter (where status = 'completed')::int as completed,
      count(*) filter (where status = 'completed' and (completed_at at time zone ${timeZone}::text)::date <= due_date)::int as on_time
    from tasks where play_id = ${play.id}::uuid and workspace_id = ${actor.workspaceId}::uuid and status <> 'deleted'`);
  const firings = sql`select record_id, min(created_at) as fired_at from play_run_results where play_id = ${play.id}::uuid and result = 'created' group by record_id`;
  const [g] = await queryRows<{ targets: number; reached: number }>(deps.db, sql`
    select count(*)::int as targets, count(*) filter (where exists (select 1 from play_goals pg where pg.play_id = ${play.id}::uuid
      and pg.record_id = f.record_id and pg.reached_at >= f.fired_at and pg.reached_at <= f.fired_at + ${window}::interval))::int as reached
    from (${firings}) f`);
  const outcomes = await queryRows<{ outcome: string | null; n: number }>(deps.db, sql`
    select outcome, count(*)::int as n from tasks where play_id = ${play.id}::uuid and status = 'completed' group by outcome order by n desc`);
  const series = await queryRows<{ week: string; fired: number; completed: number; on_time: number }>(deps.db, sql`
    select to_char(date_trunc('week', created_at at time zone ${timeZone}::text), 'YYYY-MM-DD') as week, count(*)::int as fired,
      count(*) filter (where status = 'completed')::int as completed,
      count(*) filter (where status = 'completed' and (completed_at at time zone ${timeZone}::text)::date <= due_date)::int as on_time
    from tasks where play_id = ${play.id}::uuid and status <> 'deleted' and created_at >= ${deps.clock.now()}::timestamptz - ${`${q.weeks * 7} days`}::interval
    group by 1 order by 1`);
  const parts = {
    completedShare: share(t?.completed ?? 0, t?.fired ?? 0),
    onTimeShare: share(t?.on_time ?? 0, t?.fired ?? 0),
    goalShare: share(g?.reached ?? 0, g?.targets ?? 0),
  };
  const known = Object.values(parts).filter((v): v is number => v !== null);
  return {
    playId: play.id, windowDays: q.windowDays,
    score: known.length ? Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 100) : null,
    parts, counts: { firedTasks: t?.fired ?? 0, completed: t?.completed ?? 0, completedOnTime: t?.on_time ?? 0, targets: g?.targets ?? 0, reachedGoal: g?.reached ?? 0 },
    outcomes: outcomes.map((o) => ({ outcome: o.outcome, count: o.n })),
    series: series.map((s) => ({ week: s.week, fired: s.fired, completed: s.completed, completedOnTime: s.on_time, score: s.fired ? Math.round(((s.completed + s.on_time) / (2 * s.fired)) * 100) : null })),
  };
}
