// A user takes a record out of a journey (SPEC §13): it ends as 'removed', by them, with the play's open-task policy.
import { sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import { accountVisible, requireRole } from '../../auth/access.ts';
import { queryRows } from '../../db/rows.ts';
import { errors } from '../../http/errors.ts';
import { leaveJourneys } from './exit.ts';
import { getJourney } from './read-journeys.ts';

export async function removeJourney(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'advanced');
  await deps.db.transaction(async (tx) => {
    const [j] = await queryRows<{ play_id: string; ended_at: Date | null }>(
      tx,
      sql`select j.play_id, j.ended_at from journeys j where j.id = ${id}::uuid
        and j.workspace_id = ${actor.workspaceId}::uuid and ${accountVisible(actor, sql`j.account_id`)} for update`,
    );
    if (!j) throw errors.notFound('Journey');
    if (j.ended_at) throw errors.conflict('This journey has already ended.');
    await leaveJourneys(tx, j.play_id, { journeyIds: [id] }, 'removed', {
      now: deps.clock.now(),
      by: actor,
    });
  });
  return getJourney(deps, actor, id);
}
