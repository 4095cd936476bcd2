import { and, desc, eq, getTableColumns, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { playMemberships, playRunResults, plays } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { requiredVersion } from '../http/versions.ts';
import { errors } from '../http/errors.ts';
import { loadSegment } from '../segments/queries.ts';
import { cursorPart, decodeCursor, encodeCursor } from '../http/cursor.ts';
import { queryRows } from '../db/rows.ts';
import { asPlay, loadPlay, type Play } from './queries.ts';
import { toPlayOut } from './play-out.ts';
import { playListSummary, playSummaryColumns, type SummaryRow } from './list-summary.ts';
import type { Action, PlayInput, PlayPatch } from './schema.ts';
import { validatePlayDefinition } from './validate-play.ts';
import { stepActions } from './journeys/walk.ts';
import { endDeletedPlayJourneys } from './journeys/remove-journey.ts';
import {
  definitionOf,
  insertPublishedVersion,
  type PlayDefinition,
} from './versions/definition.ts';
import { draftOut, loadDraft, writeDraft } from './versions/drafts.ts';
import { afterPublish, publishInTx } from './versions/publish.ts';
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
  return { ...toPlayOut(play), draft: null };
}

/**
 * Saves a play. A disabled play's new definition is published at once. An enabled play keeps the
 * definition in force (the engine's) and the edit becomes its one draft, published later
 * (versions/manage-versions.ts); name, description, owner and collaborators change at once either
 * way. Edits apply to the draft when there is one. Existing tasks are never touched (they are copies).
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
  const draft = await loadDraft(deps.db, id);
  // What the edit starts from: the draft when there is one, else the definition in force.
  const base: Play = draft ? { ...current, ...(draft.definition as PlayDefinition) } : current;
  const resolved =
    patch.fromSegmentId || patch.criteria !== undefined
      ? await resolveCriteria(deps, actor, current.subject, patch)
      : { criteria: base.criteria, sourceSegmentId: base.sourceSegmentId };
  const merged = {
    subject: current.subject,
    trigger: patch.trigger ?? base.trigger,
    options: patch.options ?? base.options,
    actions: patch.actions ?? base.actions,
    criteria: resolved.criteria,
    goalCriteria: patch.goalCriteria !== undefined ? patch.goalCriteria : base.goalCriteria,
    ownerUserId: patch.ownerUserId ?? current.ownerUserId ?? actor.userId,
    collaboratorIds: patch.collaboratorIds ?? current.collaboratorIds,
  };
  const steps = patch.steps !== undefined ? patch.steps : base.steps;
  // `previous` keeps sealed webhook credentials the client cannot send back (top level and in steps).
  const valid = await validatePlayDefinition(deps, actor, { ...merged, steps }, id, [
    ...base.actions,
    ...(stepActions(base.steps) as Action[]),
  ]);
  const definition = definitionOf({
    trigger: merged.trigger,
    criteria: merged.criteria as Play['criteria'],
    sourceSegmentId: resolved.sourceSegmentId,
    goalCriteria: merged.goalCriteria as Play['goalCriteria'],
    options: merged.options,
    actions: valid.actions,
    steps: valid.steps,
    exitRules: patch.exitRules !== undefined ? patch.exitRules : base.exitRules,
    reentry: patch.reentry !== undefined ? patch.reentry : base.reentry,
    holdoutPercent: patch.holdoutPercent ?? base.holdoutPercent,
  });
  const details = {
    name: patch.name ?? current.name,
    description: patch.description ?? current.description,
    ownerUserId: merged.ownerUserId,
    collaboratorIds: merged.collaboratorIds,
  };
  const now = deps.clock.now();
  if (current.status === 'enabled') {
    const saved = await deps.db.transaction(async (tx) => {
      const [row] = await tx
        .update(plays)
        .set({ ...details, version: sql`${plays.version} + 1`, updatedAt: now })
        .where(
          and(
            eq(plays.id, id),
            eq(plays.workspaceId, actor.workspaceId),
            eq(plays.version, current.version),
          ),
        )
        .returning();
      if (!row) throw errors.versionConflict(current.version + 1);
      const play = asPlay(row);
      return { play, draft: await writeDraft(tx, play, definition, actor.userId, now) };
    });
    return { ...toPlayOut(saved.play), draft: draftOut(saved.draft) };
  }
  const play = await deps.db.transaction((tx) =>
    publishInTx(tx, current, definition, details, { fromDraft: null, by: actor.userId, at: now }),
  );
  await afterPublish(deps, actor, current, play);
  return { ...toPlayOut(play), draft: null };
}

/** Deleting a play keeps its tasks (they are work already handed out); its running journeys end as 'play_deleted' (on each timeline); runs and memberships go. `expected` (If-Match) is honoured when sent. */
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
    await endDeletedPlayJourneys(tx, id, deps.clock.now(), actor);
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
  return { ...toPlayOut(play, m?.n ?? 0), draft: draftOut(await loadDraft(deps.db, id)) };
}

export async function listPlays(
  deps: Deps,
  actor: Actor,
  q: { limit: number; cursor?: string; status?: 'enabled' | 'disabled'; include?: 'summary' },
) {
  requireRole(actor, 'advanced');
  const after = decodeCursor(q.cursor, cursorShape);
  // The summary (owner, open tasks, last run, score) scans each play's tasks and results: only the plays
  // list asks for it, pickers read the plays alone. Either way one query for the page.
  const withSummary = q.include === 'summary';
  const rows = await deps.db
    .select({ ...getTableColumns(plays), ...(withSummary ? playSummaryColumns : {}) })
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
  const now = deps.clock.now();
  return {
    data: page.map((r) => ({
      ...toPlayOut(asPlay(r)),
      // Selected above exactly when withSummary.
      ...(withSummary ? { summary: playListSummary(r as SummaryRow, now) } : {}),
    })),
    nextCursor:
      rows.length > q.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}
