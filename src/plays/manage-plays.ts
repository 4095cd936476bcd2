import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { playMemberships, playRunResults, plays } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { requiredVersion } from '../http/versions.ts';
import { errors } from '../http/errors.ts';
import { loadSegment } from '../segments/queries.ts';
import { cursorPart, decodeCursor, encodeCursor } from '../http/cursor.ts';
import { queryRows } from '../db/rows.ts';
import { asPlay, isEventPlay, loadPlay } from './queries.ts';
import { toPlayOut } from './play-out.ts';
import type { PlayInput, PlayPatch } from './schema.ts';
import { validatePlay, validatePlayDefinition } from './validate-play.ts';
import { insertPublishedVersion } from './versions/definition.ts';
import { refreshMembership } from './engine/membership.ts';
import { syncRecurringSchedule } from './engine/recurring-schedule.ts';

const cursorShape = z.tuple([cursorPart.instant, cursorPart.id]);

/** `fromSegmentId` copies the segment's criteria now (a snapshot); the play never follows later edits. */
async function resolveCriteria(
  deps: Deps,
  actor: Actor,
  subject: string,
  input: { criteria?: unknown; fromSegmentId?: string },
) {
  if (!input.fromSegmentId)
    return { criteria: input.criteria ?? null, sourceSegmentId: null as string | null };
  const seg = await loadSegment(deps.db, actor.workspaceId, input.fromSegmentId);
  if (seg.subject !== subject)
    throw errors.field(
      'body.fromSegmentId',
      `That segment is over ${seg.subject}, not ${subject}.`,
    );
  return { criteria: seg.criteria, sourceSegmentId: seg.id };
}

export async function createPlay(deps: Deps, actor: Actor, input: PlayInput) {
  requireRole(actor, 'advanced');
  const { criteria, sourceSegmentId } = await resolveCriteria(deps, actor, input.subject, input);
  const ownerUserId = input.ownerUserId ?? actor.userId;
  const { actions, steps } = await validatePlayDefinition(deps, actor, {
    ...input,
    criteria,
    goalCriteria: input.goalCriteria ?? null,
    ownerUserId,
  });
  const now = deps.clock.now();
  const play = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(plays)
      .values({
        workspaceId: actor.workspaceId,
        name: input.name,
        description: input.description,
        ownerUserId,
        collaboratorIds: input.collaboratorIds,
        createdBy: actor.userId,
        status: 'disabled',
        subject: input.subject,
        trigger: input.trigger,
        criteria,
        sourceSegmentId,
        goalCriteria: input.goalCriteria ?? null,
        options: input.options,
        actions,
        steps,
        exitRules: input.exitRules ?? null,
        reentry: input.reentry ?? null,
        holdoutPercent: input.holdoutPercent ?? 0,
        publishedVersion: 1,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const created = asPlay(row!);
    await insertPublishedVersion(tx, created, actor.userId, now);
    return created;
  });
  return toPlayOut(play);
}

/**
 * Saves a new definition. Existing tasks are never touched (they are copies). When an enabled event
 * play's criteria change, membership is recomputed at once and only records that newly enter fire.
 */
export async function updatePlay(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: Omit<PlayPatch, 'version'>,
  expectedVersion: number | undefined,
) {
  requireRole(actor, 'advanced');
  const current = await loadPlay(deps.db, actor.workspaceId, id);
  if (requiredVersion(expectedVersion) !== current.version)
    throw errors.versionConflict(current.version);
  const resolved =
    patch.fromSegmentId || patch.criteria !== undefined
      ? await resolveCriteria(deps, actor, current.subject, patch)
      : { criteria: current.criteria, sourceSegmentId: current.sourceSegmentId };
  const merged = {
    subject: current.subject,
    trigger: patch.trigger ?? current.trigger,
    options: patch.options ?? current.options,
    actions: patch.actions ?? current.actions,
    criteria: resolved.criteria,
    goalCriteria: patch.goalCriteria !== undefined ? patch.goalCriteria : current.goalCriteria,
    ownerUserId: patch.ownerUserId ?? current.ownerUserId ?? actor.userId,
    collaboratorIds: patch.collaboratorIds ?? current.collaboratorIds,
  };
  const actions = await validatePlay(deps, actor, merged, id, current.actions);
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(plays)
      .set({
        name: patch.name ?? current.name,
        description: patch.description ?? current.description,
        ownerUserId: merged.ownerUserId,
        collaboratorIds: merged.collaboratorIds,
        trigger: merged.trigger,
        criteria: merged.criteria,
        sourceSegmentId: resolved.sourceSegmentId,
        goalCriteria: merged.goalCriteria,
        options: merged.options,
        actions,
        steps: patch.steps !== undefined ? patch.steps : current.steps,
        exitRules: patch.exitRules !== undefined ? patch.exitRules : current.exitRules,
        reentry: patch.reentry !== undefined ? patch.reentry : current.reentry,
        holdoutPercent: patch.holdoutPercent ?? current.holdoutPercent,
        publishedVersion: sql`${plays.publishedVersion} + 1`,
        version: sql`${plays.version} + 1`,
        updatedAt: now,
      })
      .where(
        and(
          eq(plays.id, id),
          eq(plays.workspaceId, actor.workspaceId),
          eq(plays.version, current.version),
        ),
      )
      .returning();
    if (!updated) throw errors.versionConflict(current.version + 1);
    // Every save publishes a new version for now; drafts of enabled plays come with version history.
    await insertPublishedVersion(tx, asPlay(updated), actor.userId, now);
    return updated;
  });
  const play = asPlay(row);
  const criteriaChanged =
    JSON.stringify(current.criteria) !== JSON.stringify(play.criteria) ||
    current.trigger.type !== play.trigger.type;
  if (play.status === 'enabled' && isEventPlay(play) && criteriaChanged) {
    await refreshMembership(deps, play, {
      fire: isEventPlay(current),
      kind: 'sweep',
      triggeredBy: actor.userId,
      reason: 'criteria_changed',
    });
  }
  if (play.status === 'enabled') await syncRecurringSchedule(deps, play);
  return toPlayOut(play);
}

/** Deleting a play keeps its tasks (they are work already handed out); runs and memberships go. `expected` (If-Match) is honoured when sent. */
export async function deletePlay(
  deps: Deps,
  actor: Actor,
  id: string,
  expected: number | null = null,
) {
  requireRole(actor, 'advanced');
  const play = await loadPlay(deps.db, actor.workspaceId, id);
  if (expected !== null && expected !== play.version) throw errors.versionConflict(play.version);
  await syncRecurringSchedule(deps, { ...play, status: 'disabled' });
  await deps.db.transaction(async (tx) => {
    // These two high-volume tables carry no foreign key (see schema/plays.ts): their rows go explicitly.
    await tx.delete(playRunResults).where(eq(playRunResults.playId, id));
    await tx.delete(playMemberships).where(eq(playMemberships.playId, id));
    await tx.delete(plays).where(and(eq(plays.id, id), eq(plays.workspaceId, actor.workspaceId)));
  });
}

export async function getPlay(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'advanced');
  const play = await loadPlay(deps.db, actor.workspaceId, id);
  const [m] = await queryRows<{ n: number }>(
    deps.db,
    sql`select count(*)::int as n from play_memberships where play_id = ${id}::uuid`,
  );
  return toPlayOut(play, m?.n ?? 0);
}

export async function listPlays(
  deps: Deps,
  actor: Actor,
  q: { limit: number; cursor?: string; status?: 'enabled' | 'disabled' },
) {
  requireRole(actor, 'advanced');
  const after = decodeCursor(q.cursor, cursorShape);
  const rows = await deps.db
    .select()
    .from(plays)
    .where(
      and(
        eq(plays.workspaceId, actor.workspaceId),
        q.status ? eq(plays.status, q.status) : undefined,
        after
          ? or(
              lt(plays.createdAt, new Date(after[0])),
              and(eq(plays.createdAt, new Date(after[0])), lt(plays.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(plays.createdAt), desc(plays.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    data: page.map((r) => toPlayOut(asPlay(r))),
    nextCursor:
      rows.length > q.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}
