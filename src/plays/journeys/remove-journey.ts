// A user takes records out of a journey play (SPEC §13): one journey, or every running journey of the
// play they may see (a disabled play's journeys otherwise go on to their end). They end as 'removed',
// by that user, with the play's open-task policy. Deleting a play ends its journeys as 'play_deleted'.
import { sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { accountVisible, requireRole } from '../../auth/access.ts';
import { queryRows } from '../../db/rows.ts';
import { errors } from '../../http/errors.ts';
import { loadPlay } from '../queries.ts';
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

/** Every running journey of the play on records the user may see; answers how many were removed. */
export async function removeAllJourneys(deps: Deps, actor: Actor, playId: string) {
  requireRole(actor, 'advanced');
  const play = await loadPlay(deps.db, actor.workspaceId, playId);
  const removed = await deps.db.transaction(async (tx) => {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`select j.id from journeys j where j.play_id = ${play.id}::uuid and j.ended_at is null
        and ${accountVisible(actor, sql`j.account_id`)}`,
    );
    return leaveJourneys(tx, play.id, { journeyIds: rows.map((r) => r.id) }, 'removed', {
      now: deps.clock.now(),
      by: actor,
    });
  });
  return { removed };
}

/**
 * Before a play is deleted (its versions and journeys go with it), its running journeys end as
 * 'play_deleted', so each record's timeline says why it left; their open tasks stay.
 */
export function endDeletedPlayJourneys(tx: DbOrTx, playId: string, now: Date, by: Actor) {
  return leaveJourneys(tx, playId, { all: true }, 'play_deleted', { now, by });
}
