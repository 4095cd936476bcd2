// Putting a definition in force: the plays row (which the engine reads) takes it, play_versions
// records it, and an enabled play's membership and schedule follow.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { plays, playVersions } from '../../db/schema/index.ts';
import { errors } from '../../http/errors.ts';
import { asPlay, isEventPlay, type Play } from '../queries.ts';
import { refreshMembership } from '../engine/membership.ts';
import { syncRecurringSchedule } from '../engine/recurring-schedule.ts';
import type { PlayDefinition } from './definition.ts';
import { deleteDraft, nextNumber } from './drafts.ts';

/** The play's fields that are not versioned: they change at once, draft or not. */
export type PlayDetails = Pick<Play, 'name' | 'description' | 'ownerUserId' | 'collaboratorIds'>;

/**
 * Copies `definition` into the plays row (only if the row is still at `current.version`: 409
 * otherwise) and records it as published: the draft `fromDraft` is stamped, or a new version is
 * added (any draft is dropped, its edits being superseded).
 */
export async function publishInTx(
  tx: DbOrTx,
  current: Play,
  definition: PlayDefinition,
  details: PlayDetails,
  opts: { fromDraft: number | null; by: string | null; at: Date },
): Promise<Play> {
  if (opts.fromDraft === null) await deleteDraft(tx, current.id);
  const number = opts.fromDraft ?? nextNumber(current.id);
  const [row] = await tx
    .update(plays)
    .set({
      ...details,
      ...definition,
      publishedVersion: number,
      version: sql`${plays.version} + 1`,
      updatedAt: opts.at,
    })
    .where(
      and(
        eq(plays.id, current.id),
        eq(plays.workspaceId, current.workspaceId),
        eq(plays.version, current.version),
      ),
    )
    .returning();
  if (!row) throw errors.versionConflict(current.version + 1);
  const play = asPlay(row);
  if (opts.fromDraft !== null) {
    const stamped = await tx
      .update(playVersions)
      .set({ publishedAt: opts.at })
      .where(
        and(
          eq(playVersions.playId, play.id),
          eq(playVersions.number, opts.fromDraft),
          isNull(playVersions.publishedAt),
        ),
      )
      .returning({ number: playVersions.number });
    if (!stamped.length) throw errors.conflict('The draft was published or discarded meanwhile.');
  } else {
    await tx.insert(playVersions).values({
      playId: play.id,
      number: play.publishedVersion,
      workspaceId: play.workspaceId,
      definition,
      createdBy: opts.by,
      createdAt: opts.at,
      publishedAt: opts.at,
    });
  }
  return play;
}

/**
 * After a new definition is in force on an enabled play: when an event play's criteria changed,
 * membership is recomputed at once and only records that newly enter fire; the recurring schedule
 * follows the trigger. Existing tasks are never touched (they are copies).
 */
export async function afterPublish(deps: Deps, actor: Actor, before: Play, play: Play) {
  if (play.status !== 'enabled') return;
  const criteriaChanged =
    JSON.stringify(before.criteria) !== JSON.stringify(play.criteria) ||
    before.trigger.type !== play.trigger.type;
  if (isEventPlay(play) && criteriaChanged) {
    await refreshMembership(deps, play, {
      fire: isEventPlay(before),
      kind: 'sweep',
      triggeredBy: actor.userId,
      reason: 'criteria_changed',
    });
  }
  await syncRecurringSchedule(deps, play);
}
