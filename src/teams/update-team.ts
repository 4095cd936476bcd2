import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { diffOf } from '../audit/events.ts';
import { teams } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { isUniqueViolation } from '../workspaces/db-errors.ts';
import { assertNameFree, duplicateName } from '../workspaces/unique-name.ts';
import { describeTeam, loadTeam, teamNames } from './queries.ts';
import type { UpdateTeamInput } from './schema.ts';

/** Renames a team and/or sets its holiday calendar (null: the workspace's), each audited. */
export async function updateTeam(deps: Deps, actor: Actor, id: string, input: UpdateTeamInput) {
  requireRole(actor, 'admin');
  try {
    return await deps.db.transaction(async (tx) => {
      const before = await loadTeam(tx, actor.workspaceId, id);
      if (input.name !== undefined)
        await assertNameFree(tx, teamNames, actor.workspaceId, input.name, id);
      const [row] = await tx
        .update(teams)
        .set({ name: input.name, holidayCalendar: input.holidayCalendar })
        .where(eq(teams.id, id))
        .returning();
      const target = { type: 'team' as const, id, name: row!.name };
      const renamed = diffOf(before, row!, ['name']);
      if (input.name !== undefined)
        await recordAudit(
          tx,
          actor,
          { kind: 'team.renamed', target, changes: renamed },
          deps.clock.now(),
        );
      const calendar = diffOf(before, row!, ['holidayCalendar']);
      if (Object.keys(calendar).length)
        await recordAudit(
          tx,
          actor,
          { kind: 'team.calendar_set', target, changes: calendar },
          deps.clock.now(),
        );
      return describeTeam(tx, actor, row!);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName('team', input.name ?? '');
    throw err;
  }
}
