import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { users, workspaces } from '../db/schema/index.ts';
import { addDays, todayIn } from '../workspaces/dates.ts';
import { addWorkingDays } from './calendar.ts';
import { calendarFor, loadCalendars } from './load-calendars.ts';

import type { DueUnit } from './due-unit.ts';

/**
 * The due date of ONE task written in code, `n` units from now: calendar days from the
 * workspace's today (as before), or working days from the assignee's today in their time zone
 * (else the workspace's), skipping their calendar's holidays. Set-based code uses
 * `addWorkingDaysSql` instead.
 */
export async function dueDateFor(
  tx: DbOrTx,
  o: {
    workspaceId: string;
    assigneeUserId: string | null;
    now: Date;
    /** The workspace's today, for calendar days. */
    workspaceToday: string;
    n: number;
    unit: DueUnit | undefined;
  },
): Promise<string> {
  if (o.unit !== 'working_days') return addDays(o.workspaceToday, o.n);
  const [ws] = await tx
    .select({ timeZone: workspaces.timeZone })
    .from(workspaces)
    .where(eq(workspaces.id, o.workspaceId));
  const [u] = o.assigneeUserId
    ? await tx
        .select({ timeZone: users.timeZone })
        .from(users)
        .where(eq(users.id, o.assigneeUserId))
    : [];
  const today = todayIn(u?.timeZone ?? ws?.timeZone ?? 'UTC', o.now);
  const cals = await loadCalendars(tx, o.workspaceId);
  return addWorkingDays(today, o.n, calendarFor(cals, o.assigneeUserId));
}
