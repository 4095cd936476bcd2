import { and, asc, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { holidays } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { holidayOut, type ReplaceHolidaysInput } from './schema.ts';

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
    return { data: rows.map(holidayOut) };
  });
}
