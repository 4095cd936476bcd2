// Play versions (SPEC §5): history, one version's definition, publish or discard the draft, restore.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import { requireRole } from '../../auth/access.ts';
import { plays, playVersions, users } from '../../db/schema/index.ts';
import { errors } from '../../http/errors.ts';
import { requiredVersion } from '../../http/versions.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { asPlay, loadPlay, type Play } from '../queries.ts';
import { toPlayOut } from '../play-out.ts';
import type { Action } from '../schema.ts';
import { validatePlayDefinition } from '../validate-play.ts';
import { mapStepActions, stepActions } from '../journeys/walk.ts';
import { definitionOf, type PlayDefinition } from './definition.ts';
import { canonicalJson } from './canonical-json.ts';
import { deleteDraft, draftOut, loadDraft, writeDraft, type VersionRow } from './drafts.ts';
import { afterPublish, publishInTx } from './publish.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The history, oldest first; the draft (if any) last. */
export async function listVersions(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'advanced');
  const play = await loadPlay(deps.db, actor.workspaceId, id);
  const rows = await deps.db
    .select({ v: playVersions, createdByName: users.name })
    .from(playVersions)
    .leftJoin(users, eq(users.id, playVersions.createdBy))
    .where(eq(playVersions.playId, id))
    .orderBy(asc(playVersions.number));
  return { data: rows.map((r) => summaryOf(play, r.v, r.createdByName)) };
}

const summaryOf = (play: Play, v: VersionRow, createdByName: string | null) => ({
  number: v.number,
  createdAt: v.createdAt.toISOString(),
  createdBy: v.createdBy,
  createdByName,
  publishedAt: iso(v.publishedAt),
  inForce: v.publishedAt !== null && v.number === play.publishedVersion,
});

/** One version with its definition as the play shows it (secrets hidden by each action's `toPublic`). */
export async function getVersion(deps: Deps, actor: Actor, id: string, number: number) {
  requireRole(actor, 'advanced');
  const play = await loadPlay(deps.db, actor.workspaceId, id);
  const [row] = await deps.db
    .select({ v: playVersions, createdByName: users.name })
    .from(playVersions)
    .leftJoin(users, eq(users.id, playVersions.createdBy))
    .where(and(eq(playVersions.playId, id), eq(playVersions.number, number)));
  if (!row) throw errors.notFound('Version');
  const out = toPlayOut({ ...play, ...(row.v.definition as PlayDefinition) });
  return {
    ...summaryOf(play, row.v, row.createdByName),
    definition: {
      trigger: out.trigger,
      criteria: out.criteria,
      sourceSegmentId: out.sourceSegmentId,
      goalCriteria: out.goalCriteria,
      options: out.options,
      actions: out.actions,
      steps: out.steps,
      exitRules: out.exitRules,
      reentry: out.reentry,
      holdoutPercent: out.holdoutPercent,
    },
  };
}

/** A stored action as input again: webhook credentials are left out, so the stored (sealed) ones are kept. */
const asInput = (a: Action): Action => {
  const copy = structuredClone(a) as Action & { webhook?: Record<string, unknown> };
  if (copy.webhook) delete copy.webhook.auth;
  return copy;
};

/**
 * Checks a stored definition against today's workspace (an attribute, form or user may be gone
 * since) and answers it as it would be saved now.
 */
async function revalidate(deps: Deps, actor: Actor, play: Play, def: PlayDefinition) {
  const previous = [...def.actions, ...(stepActions(def.steps) as Action[])];
  const valid = await validatePlayDefinition(
    deps,
    actor,
    {
      subject: play.subject,
      trigger: def.trigger,
      options: def.options,
      actions: def.actions.map(asInput),
      criteria: def.criteria,
      goalCriteria: def.goalCriteria,
      ownerUserId: play.ownerUserId ?? actor.userId,
      collaboratorIds: play.collaboratorIds,
      steps: def.steps ? mapStepActions(def.steps, asInput) : null,
    },
    play.id,
    previous,
  );
  return definitionOf({ ...def, actions: valid.actions, steps: valid.steps });
}

const detailsOf = (p: Play) => ({
  name: p.name,
  description: p.description,
  ownerUserId: p.ownerUserId,
  collaboratorIds: p.collaboratorIds,
});

/** The definition fields that differ, for the audit entry. */
const changedFields = (a: PlayDefinition, b: PlayDefinition) =>
  (Object.keys(a) as (keyof PlayDefinition)[]).filter(
    (k) => canonicalJson(a[k]) !== canonicalJson(b[k]),
  );

async function loadForWrite(deps: Deps, actor: Actor, id: string, expected: number | null) {
  requireRole(actor, 'advanced');
  const play = await loadPlay(deps.db, actor.workspaceId, id);
  if (expected !== null && expected !== play.version) throw errors.versionConflict(play.version);
  return play;
}

/** Puts the draft in force: new firings and journeys use it; running journeys finish on theirs. */
export async function publishDraft(
  deps: Deps,
  actor: Actor,
  id: string,
  expected: number | undefined,
) {
  const current = await loadForWrite(deps, actor, id, requiredVersion(expected));
  const draft = await loadDraft(deps.db, id);
  if (!draft) throw errors.conflict('This play has no draft to publish.');
  const definition = await revalidate(deps, actor, current, draft.definition as PlayDefinition);
  const now = deps.clock.now();
  const play = await deps.db.transaction(async (tx) => {
    // The draft as validated now (new action ids, sealed credentials) is what gets published.
    await tx
      .update(playVersions)
      .set({ definition })
      .where(and(eq(playVersions.playId, id), eq(playVersions.number, draft.number)));
    const published = await publishInTx(tx, current, definition, detailsOf(current), {
      fromDraft: draft.number,
      by: actor.userId,
      at: now,
    });
    await recordAudit(
      tx,
      actor,
      {
        kind: 'play.published',
        target: { type: 'play', id, name: current.name },
        changes: {
          version: draft.number,
          changed: changedFields(definitionOf(current), definition),
        },
      },
      now,
    );
    return published;
  });
  await afterPublish(deps, actor, current, play);
  return { ...toPlayOut(play), draft: null };
}

/** Throws the draft away; the version in force stays. If-Match is honoured when sent. */
export async function discardDraft(deps: Deps, actor: Actor, id: string, expected: number | null) {
  const current = await loadForWrite(deps, actor, id, expected);
  const now = deps.clock.now();
  const play = await deps.db.transaction(async (tx) => {
    const draft = await loadDraft(tx, id);
    if (!draft) throw errors.notFound('Draft');
    await deleteDraft(tx, id);
    const row = await bumpVersion(tx, current, now);
    await recordAudit(
      tx,
      actor,
      {
        kind: 'play.draft_discarded',
        target: { type: 'play', id, name: current.name },
        changes: { draft: draft.number },
      },
      now,
    );
    return row;
  });
  return { ...toPlayOut(play), draft: null };
}

/** The plays row's concurrency counter goes up with every write to its versions (409 when stale). */
async function bumpVersion(tx: Parameters<typeof loadDraft>[0], current: Play, at: Date) {
  const [row] = await tx
    .update(plays)
    .set({ version: sql`${plays.version} + 1`, updatedAt: at })
    .where(and(eq(plays.id, current.id), eq(plays.version, current.version)))
    .returning();
  if (!row) throw errors.versionConflict(current.version + 1);
  return asPlay(row);
}

/**
 * Brings back an earlier version: on an enabled play it becomes the draft (publish to put it in
 * force), on a disabled play it is published at once as a new version.
 */
export async function restoreVersion(
  deps: Deps,
  actor: Actor,
  id: string,
  number: number,
  expected: number | undefined,
) {
  const current = await loadForWrite(deps, actor, id, requiredVersion(expected));
  const [row] = await deps.db
    .select()
    .from(playVersions)
    .where(and(eq(playVersions.playId, id), eq(playVersions.number, number)));
  if (!row || row.publishedAt === null) throw errors.notFound('Version');
  const definition = await revalidate(deps, actor, current, row.definition as PlayDefinition);
  const now = deps.clock.now();
  const audit = (as: 'draft' | 'published') => ({
    kind: 'play.version_restored' as const,
    target: { type: 'play' as const, id, name: current.name },
    changes: { restored: number, as },
  });
  if (current.status === 'enabled') {
    const out = await deps.db.transaction(async (tx) => {
      const play = await bumpVersion(tx, current, now);
      const draft = await writeDraft(tx, play, definition, actor.userId, now);
      await recordAudit(tx, actor, audit('draft'), now);
      return { play, draft };
    });
    return { ...toPlayOut(out.play), draft: draftOut(out.draft) };
  }
  const play = await deps.db.transaction(async (tx) => {
    const published = await publishInTx(tx, current, definition, detailsOf(current), {
      fromDraft: null,
      by: actor.userId,
      at: now,
    });
    await recordAudit(tx, actor, audit('published'), now);
    return published;
  });
  await afterPublish(deps, actor, current, play);
  return { ...toPlayOut(play), draft: null };
}
