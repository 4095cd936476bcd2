import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { diffOf } from '../audit/events.ts';
import { workspaces } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { errors } from '../http/errors.ts';
import { loadWorkspace } from './get-workspace.ts';
import type { UpdateWorkspaceInput } from './schema.ts';
import { resyncRecurringSchedules } from '../plays/engine/recurring-schedule.ts';

// Settings keys audited one by one ("settings.aiText"), beside name and time zone.
const flat = (w: {
  name: string;
  timeZone: string;
  settings: object;
}): Record<string, unknown> => ({
  name: w.name,
  timeZone: w.timeZone,
  ...Object.fromEntries(Object.entries(w.settings).map(([k, v]) => [`settings.${k}`, v])),
});

/**
 * Admins change anything; advanced users manage policies (SPEC §10), i.e. only the task-ownership
 * policy here (the seed: "global admins or users with advanced permissions" set it).
 */
export async function updateWorkspace(deps: Deps, actor: Actor, input: UpdateWorkspaceInput) {
  requireRole(actor, 'advanced');
  if (actor.role !== 'admin') {
    const adminOnly = [
      input.name !== undefined && 'name',
      input.timeZone !== undefined && 'timeZone',
      input.settings?.forceTaskEmails !== undefined && 'settings.forceTaskEmails',
      input.settings?.aiText !== undefined && 'settings.aiText',
      input.settings?.workingDays !== undefined && 'settings.workingDays',
      input.settings?.holidayCalendar !== undefined && 'settings.holidayCalendar',
    ].filter(Boolean);
    if (adminOnly.length)
      throw errors.forbidden(`Only an admin can change: ${adminOnly.join(', ')}.`);
  }
  const updated = await deps.db.transaction(async (tx) => {
    // Lock the row so two concurrent partial settings updates do not overwrite each other.
    await tx
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(eq(workspaces.id, actor.workspaceId))
      .for('update');
    const current = await loadWorkspace(tx, actor.workspaceId);
    const settings = {
      ...current.settings,
      ...Object.fromEntries(
        Object.entries(input.settings ?? {}).filter(([, v]) => v !== undefined),
      ),
    };
    await tx
      .update(workspaces)
      .set({ name: input.name, timeZone: input.timeZone, settings })
      .where(eq(workspaces.id, actor.workspaceId));
    const after = await loadWorkspace(tx, actor.workspaceId);
    const diff = diffOf<Record<string, unknown>>(
      flat(current),
      flat(after),
      Object.keys(flat(after)),
    );
    if (Object.keys(diff).length) {
      await recordAudit(
        tx,
        actor,
        {
          kind: 'workspace.updated',
          target: { type: 'workspace', id: after.id, name: after.name },
          changes: diff,
        },
        deps.clock.now(),
      );
    }
    return after;
  });
  // Recurring plays' schedules carry the time zone; re-written after commit (pg-boss uses its own connection).
  if (input.timeZone !== undefined) await resyncRecurringSchedules(deps, actor.workspaceId);
  return updated;
}
