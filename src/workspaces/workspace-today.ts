import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { workspaces } from '../db/schema/index.ts';
import { errors } from '../http/errors.ts';
import { todayIn } from './dates.ts';

/**
 * Today's date in the workspace's time zone — due dates, "overdue" and date criteria are
 * workspace-local — with the zone, name and settings read alongside; 404 for no such workspace.
 */
export async function workspaceToday(db: DbOrTx, workspaceId: string, now: Date) {
  const [ws] = await db
    .select({ timeZone: workspaces.timeZone, settings: workspaces.settings, name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!ws) throw errors.notFound('Workspace');
  return { ...ws, now, today: todayIn(ws.timeZone, now) };
}
