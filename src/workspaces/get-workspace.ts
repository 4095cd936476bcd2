import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { workspaces } from '../db/schema/index.ts';
import { errors } from '../http/errors.ts';
import { DEFAULT_CALENDAR, DEFAULT_WORKING_DAYS } from '../working-days/calendar.ts';

const defaults = {
  ownershipPolicy: 'ownership_only' as const,
  forceTaskEmails: false,
  aiText: false,
  workingDays: [...DEFAULT_WORKING_DAYS] as number[],
  holidayCalendar: DEFAULT_CALENDAR,
};

export async function loadWorkspace(db: DbOrTx, id: string) {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, id));
  if (!row) throw errors.notFound('Workspace');
  return {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    settings: { ...defaults, ...row.settings },
  };
}

/** The caller's workspace: every signed-in user needs its time zone and policies. */
export async function getWorkspace(deps: Deps, actor: Actor) {
  return loadWorkspace(deps.db, actor.workspaceId);
}
