import { and, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { holidays } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { errors } from '../http/errors.ts';

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
