// When a wait ends, per journey, in ONE statement for the group. Calendar days and hours count in the
// workspace time zone (so "3 days" keeps the local time across daylight saving). Working days count
// in the calendar and time zone of the journey's assignee (SPEC §14): the assignee of the task the
// journey waits on, else of its most recent task — the person whose days off matter — and the
// workspace's when it has no task yet, with the SQL twin of addWorkingDays.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { uuidArray } from '../../db/arrays.ts';
import { addWorkingDaysSql, userCalendarSql } from '../../working-days/calendar-sql.ts';
import type { Play } from '../queries.ts';
import type { Duration } from './steps.ts';
import type { JourneyState } from './state.ts';

export type WaitFrom =
  | { kind: 'previous_step' }
  | { kind: 'entry' }
  | { kind: 'attribute'; key: string; offsetDays: number };

/**
 * The assignee of journey `v.id`'s latest task (of step `taskStepId` when given): a task its action
 * step created, or the open one that kept it from making one (`openTaskId`).
 */
function journeyAssigneeSql(playId: string, taskStepId: string | null): SQL {
  // play_id and record_id first: the results' (play_id, record_id) index finds the record's few rows.
  return sql`(select t.assignee_user_id from journey_steps js
      join play_run_results r on r.play_id = ${playId}::uuid and r.record_id = v.record and r.run_id = js.run_id and r.action_id = js.step_id
      join tasks t on t.id = coalesce(r.task_id, (js.result->>'openTaskId')::uuid)
    where js.journey_id = v.id and js.run_id is not null ${taskStepId === null ? sql`` : sql`and js.step_id = ${taskStepId}`}
    order by js.at desc, t.created_at desc, t.id desc limit 1)`;
}

/**
 * Each journey's wake-up: `duration` after its base (now, its entry, or a date attribute ± days); null
 * when the attribute is empty. `taskStepId`: the step whose task the journey waits on, if any.
 */
export async function wakeTimes(
  tx: DbOrTx,
  play: Play,
  tz: string,
  list: JourneyState[],
  duration: Duration,
  from: WaitFrom,
  now: Date,
  taskStepId: string | null = null,
): Promise<Map<string, Date | null>> {
  const table = play.subject === 'accounts' ? sql`accounts` : sql`contacts`;
  const working = duration.unit === 'working_days';
  const base: SQL =
    from.kind === 'previous_step'
      ? sql`${now}::timestamptz`
      : from.kind === 'entry'
        ? sql`(select j.entered_at from journeys j where j.id = v.id)`
        : sql`(select case when x.attributes->>${from.key} ~ '^\\d{4}-\\d{2}-\\d{2}'
            then ((substr(x.attributes->>${from.key}, 1, 10)::date + ${from.offsetDays}::int)::timestamp at time zone z.tz) end
            from ${table} x where x.id = v.record)`;
  const n = duration.n;
  const local = sql`(b.base at time zone z.tz)`;
  const wake = working
    ? sql`case when b.base is not null then
        (${addWorkingDaysSql(sql`${local}::date`, sql`${n}::int`, play.workspaceId, userCalendarSql(play.workspaceId, sql`a.uid`))} + ${local}::time) at time zone z.tz end`
    : duration.unit === 'hours'
      ? sql`b.base + make_interval(hours => ${n}::int)`
      : sql`(${local} + make_interval(days => ${n}::int)) at time zone z.tz`;
  const rows = await queryRows<{ id: string; wake: Date | string | null }>(
    tx,
    sql`select v.id, ${wake} as wake
      from unnest(${uuidArray(list.map((s) => s.id))}, ${uuidArray(list.map((s) => s.recordId))}) v(id, record)
      cross join lateral (select ${working ? journeyAssigneeSql(play.id, taskStepId) : sql`null::uuid`} as uid) a
      cross join lateral (select coalesce((select u.time_zone from users u where u.id = a.uid), ${tz}::text) as tz) z
      cross join lateral (select ${base} as base) b`,
  );
  return new Map(rows.map((r) => [r.id, r.wake === null ? null : new Date(r.wake)]));
}
