// When a wait ends, per journey: calendar days and hours in SQL (in the workspace time zone, so
// "3 days" keeps the local time across daylight saving), working days with the shared pure rule.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { textArray, uuidArray } from '../../db/arrays.ts';
import {
  addWorkingDays,
  DEFAULT_WORKING_DAYS,
  type WorkingCalendar,
} from '../../working-days/calendar.ts';
import type { Play } from '../queries.ts';
import type { Duration } from './steps.ts';
import type { JourneyState } from './state.ts';

export type WaitFrom =
  | { kind: 'previous_step' }
  | { kind: 'entry' }
  | { kind: 'attribute'; key: string; offsetDays: number };

/** The workspace's working calendar (its default holiday calendar), loaded once per batch. */
export async function workingCalendar(tx: DbOrTx, workspaceId: string): Promise<WorkingCalendar> {
  const rows = await queryRows<{ date: string; days: number[] | null }>(
    tx,
    sql`select h.date::text as date, null::int[] as days from holidays h
      where h.workspace_id = ${workspaceId}::uuid and h.calendar = coalesce(
        (select w.settings->>'holidayCalendar' from workspaces w where w.id = ${workspaceId}::uuid), 'default')
      union all
      select null, (select array(select jsonb_array_elements_text(w.settings->'workingDays')::int) from workspaces w
        where w.id = ${workspaceId}::uuid and jsonb_typeof(w.settings->'workingDays') = 'array')`,
  );
  const days = rows.find((r) => r.date === null)?.days;
  return {
    workingDays: days?.length ? days : DEFAULT_WORKING_DAYS,
    holidays: new Set(rows.filter((r) => r.date !== null).map((r) => r.date)),
  };
}

/** Each journey's wake-up: `duration` after its base (now, its entry, or a date attribute ± days); null when the attribute is empty. */
export async function wakeTimes(
  tx: DbOrTx,
  play: Play,
  tz: string,
  list: JourneyState[],
  duration: Duration,
  from: WaitFrom,
  now: Date,
  calendar: () => Promise<WorkingCalendar>,
): Promise<Map<string, Date | null>> {
  const table = play.subject === 'accounts' ? sql`accounts` : sql`contacts`;
  const base: SQL =
    from.kind === 'previous_step'
      ? sql`${now}::timestamptz`
      : from.kind === 'entry'
        ? sql`(select j.entered_at from journeys j where j.id = v.id)`
        : sql`(select case when x.attributes->>${from.key} ~ '^\\d{4}-\\d{2}-\\d{2}'
            then ((substr(x.attributes->>${from.key}, 1, 10)::date + ${from.offsetDays}::int)::timestamp at time zone ${tz}) end
            from ${table} x where x.id = v.record)`;
  const n = duration.n;
  const wake =
    duration.unit === 'hours'
      ? sql`b.base + make_interval(hours => ${n}::int)`
      : sql`((b.base at time zone ${tz}) + make_interval(days => ${n}::int)) at time zone ${tz}`;
  const rows = await queryRows<{
    id: string;
    wake: Date | string | null;
    d: string | null;
    t: string | null;
  }>(
    tx,
    sql`select v.id, ${wake} as wake, ((b.base at time zone ${tz})::date)::text as d, ((b.base at time zone ${tz})::time)::text as t
      from unnest(${uuidArray(list.map((s) => s.id))}, ${uuidArray(list.map((s) => s.recordId))}) v(id, record)
      cross join lateral (select ${base} as base) b`,
  );
  const out = new Map<string, Date | null>();
  if (duration.unit !== 'working_days') {
    for (const r of rows) out.set(r.id, r.wake === null ? null : new Date(r.wake));
    return out;
  }
  const cal = await calendar();
  const targets = rows.map((r) => (r.d ? addWorkingDays(r.d, n, cal) : ''));
  const back = await queryRows<{ id: string; wake: Date | string | null }>(
    tx,
    sql`select v.id, case when v.d = '' then null else (v.d::date + v.t::time) at time zone ${tz} end as wake
      from unnest(${uuidArray(rows.map((r) => r.id))}, ${textArray(targets)}, ${textArray(rows.map((r) => r.t ?? '00:00'))}) v(id, d, t)`,
  );
  for (const r of back) out.set(r.id, r.wake === null ? null : new Date(r.wake));
  return out;
}
