import { sql, type SQL } from 'drizzle-orm';
import { DEFAULT_CALENDAR, DEFAULT_WORKING_DAYS } from './calendar.ts';

const defaultDays = JSON.stringify(DEFAULT_WORKING_DAYS);

/**
 * `addWorkingDays` (calendar.ts) as one SQL expression, for set-based code (the play engine, journeys):
 * the date n working days after `startDateSql` in `calendarSql`, using the workspace's working
 * weekdays (`settings.workingDays`) and the `holidays` table. The day offsets are a
 * `generate_series` long enough for any calendar: every 7 days hold at least one working weekday
 * and each holiday removes at most one, so (max(n, 1) + holidays ahead) × 7 days always suffice.
 * `nSql` appears twice (OFFSET may only use the outer query's columns), so keep it a column or value.
 */
export function addWorkingDaysSql(
  startDateSql: SQL,
  nSql: SQL,
  workspaceId: string | SQL,
  calendarSql: SQL,
): SQL {
  const ws = typeof workspaceId === 'string' ? sql`${workspaceId}::uuid` : workspaceId;
  return sql`(select wd_s.start + wd_i
    from (select (${startDateSql})::date as start, (${nSql})::int as n, (${calendarSql})::text as cal) wd_s
      cross join workspaces wd_w
      cross join lateral generate_series(
        case when wd_s.n = 0 then 0 else 1 end,
        (greatest(wd_s.n, 1) + (select count(*)::int from holidays wd_c
          where wd_c.workspace_id = ${ws} and wd_c.calendar = wd_s.cal and wd_c.date >= wd_s.start)) * 7
      ) wd_i
    where wd_w.id = ${ws}
      and coalesce(wd_w.settings->'workingDays', ${defaultDays}::jsonb) @> to_jsonb(extract(isodow from wd_s.start + wd_i)::int)
      and not exists (select 1 from holidays wd_h
        where wd_h.workspace_id = ${ws} and wd_h.calendar = wd_s.cal and wd_h.date = wd_s.start + wd_i)
    order by wd_i
    offset greatest((${nSql})::int, 1) - 1 limit 1)`;
}

/** The workspace's default calendar name (`settings.holidayCalendar`, else 'default'). */
export function workspaceCalendarSql(workspaceId: string | SQL): SQL {
  const ws = typeof workspaceId === 'string' ? sql`${workspaceId}::uuid` : workspaceId;
  return sql`coalesce((select wc_w.settings->>'holidayCalendar' from workspaces wc_w where wc_w.id = ${ws}), ${DEFAULT_CALENDAR}::text)`;
}

/**
 * A user's calendar, as `calendarFor` decides it: their first team (by name) that has a calendar,
 * else the workspace's. `userIdSql` may be null (then the workspace's).
 */
export function userCalendarSql(workspaceId: string | SQL, userIdSql: SQL): SQL {
  const ws = typeof workspaceId === 'string' ? sql`${workspaceId}::uuid` : workspaceId;
  return sql`coalesce((select uc_t.holiday_calendar from team_members uc_m join teams uc_t on uc_t.id = uc_m.team_id
      where uc_m.user_id = ${userIdSql} and uc_t.workspace_id = ${ws} and uc_t.holiday_calendar is not null
      order by uc_t.name, uc_t.id limit 1), ${workspaceCalendarSql(ws)})`;
}

/** Today's date in a user's time zone (else the workspace's) at `now`. */
export function userTodaySql(workspaceId: string | SQL, userIdSql: SQL, now: Date): SQL {
  const ws = typeof workspaceId === 'string' ? sql`${workspaceId}::uuid` : workspaceId;
  return sql`(${now}::timestamptz at time zone coalesce(
      (select ut_u.time_zone from users ut_u where ut_u.id = ${userIdSql}),
      (select ut_w.time_zone from workspaces ut_w where ut_w.id = ${ws})))::date`;
}
