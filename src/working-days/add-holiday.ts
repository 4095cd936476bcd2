import type { Actor, Deps } from '../context.ts';
import { holidays } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { errors } from '../http/errors.ts';
import { isUniqueViolation } from '../workspaces/db-errors.ts';
import { holidayOut, type AddHolidayInput } from './schema.ts';

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
      return holidayOut(row!);
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw errors.field('body.date', `${input.date} is already a holiday in “${input.calendar}”.`);
    throw err;
  }
}
