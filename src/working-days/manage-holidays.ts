import { and, asc, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { holidays } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { errors } from '../http/errors.ts';
import { isUniqueViolation } from '../workspaces/db-errors.ts';
import type { AddHolidayInput, Holiday, ReplaceHolidaysInput } from './schema.ts';

const shape = (r: { calendar: string; date: string; name: string }): Holiday => ({
  calendar: r.calendar,
  date: r.date,
  name: r.name,
});

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
  return { data: rows.map(shape) };
}

/** Adds one date; the same date twice in one calendar is refused by the primary key. */
export async function addHoliday(deps: Deps, actor: Actor, input: AddHolidayInput) {
  requireRole(actor, 'admin');
  try {
    return await deps.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(holidays)
        .values({ workspaceId: actor.workspaceId, ...input })
        .returning();
      await recordAudit(
        tx,
        actor,
        {
          kind: 'holiday.added',
          target: { type: 'holiday_calendar', id: null, name: input.calendar },
          changes: { date: input.date, name: input.name },
        },
        deps.clock.now(),
      );
      return shape(row!);
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw errors.field('body.date', `${input.date} is already a holiday in “${input.calendar}”.`);
    throw err;
  }
}

export async function removeHoliday(deps: Deps, actor: Actor, calendar: string, date: string) {
  requireRole(actor, 'admin');
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(holidays)
      .where(
        and(
          eq(holidays.workspaceId, actor.workspaceId),
          eq(holidays.calendar, calendar),
          eq(holidays.date, date),
        ),
      )
      .returning();
    if (!row) throw errors.notFound('Holiday');
    await recordAudit(
      tx,
      actor,
      {
        kind: 'holiday.removed',
        target: { type: 'holiday_calendar', id: null, name: calendar },
        changes: { date, name: row.name },
      },
      deps.clock.now(),
    );
  });
}

/** Replaces a calendar's dates with the given list (an empty list empties the calendar). */
export async function replaceHolidays(
  deps: Deps,
  actor: Actor,
  calendar: string,
  input: ReplaceHolidaysInput,
) {
  requireRole(actor, 'admin');
  return deps.db.transaction(async (tx) => {
    const where = and(eq(holidays.workspaceId, actor.workspaceId), eq(holidays.calendar, calendar));
    const removed = await tx.delete(holidays).where(where).returning({ date: holidays.date });
    if (input.dates.length)
      await tx
        .insert(holidays)
        .values(input.dates.map((d) => ({ workspaceId: actor.workspaceId, calendar, ...d })));
    const before = new Set(removed.map((r) => r.date));
    const after = new Set(input.dates.map((d) => d.date));
    await recordAudit(
      tx,
      actor,
      {
        kind: 'holidays.replaced',
        target: { type: 'holiday_calendar', id: null, name: calendar },
        changes: {
          added: [...after].filter((d) => !before.has(d)).sort(),
          removed: [...before].filter((d) => !after.has(d)).sort(),
          total: after.size,
        },
      },
      deps.clock.now(),
    );
    const rows = await tx.select().from(holidays).where(where).orderBy(asc(holidays.date));
    return { data: rows.map(shape) };
  });
}
