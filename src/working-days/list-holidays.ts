import { and, asc, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { holidays } from '../db/schema/index.ts';
import { holidayOut } from './schema.ts';

/** Every signed-in user may read the holidays (due dates are computed from them). */
export async function listHolidays(deps: Deps, actor: Actor, q: { calendar?: string }) {
  const rows = await deps.db
    .select()
    .from(holidays)
    .where(
      and(
        eq(holidays.workspaceId, actor.workspaceId),
        q.calendar === undefined ? undefined : eq(holidays.calendar, q.calendar),
      ),
    )
    .orderBy(asc(holidays.calendar), asc(holidays.date));
  return { data: rows.map(holidayOut) };
}
