// The one draft of a play (SPEC §5 versions): an enabled play's edits wait here until published.
// At most one per play (unique partial index play_versions_one_draft); numbered after the newest version.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { playVersions } from '../../db/schema/index.ts';
import type { Play } from '../queries.ts';
import { canonicalJson } from './canonical-json.ts';
import { definitionOf, type PlayDefinition } from './definition.ts';

export type VersionRow = typeof playVersions.$inferSelect;

export async function loadDraft(db: DbOrTx, playId: string): Promise<VersionRow | null> {
  const [row] = await db
    .select()
    .from(playVersions)
    .where(and(eq(playVersions.playId, playId), isNull(playVersions.publishedAt)));
  return row ?? null;
}

/** The number the next version of a play gets (drafts included, so numbers are never reused). */
export const nextNumber = (playId: string) =>
  sql<number>`(select coalesce(max(v.number), 0) + 1 from play_versions v where v.play_id = ${playId}::uuid)`;

/**
 * Makes `definition` the play's draft (replacing the one there is). A definition equal to the one in
 * force is no change: the draft goes instead. Returns the draft, or null when there is none.
 */
export async function writeDraft(
  tx: DbOrTx,
  play: Play,
  definition: PlayDefinition,
  by: string | null,
  at: Date,
): Promise<VersionRow | null> {
  const existing = await loadDraft(tx, play.id);
  if (canonicalJson(definition) === canonicalJson(definitionOf(play))) {
    if (existing) await deleteDraft(tx, play.id);
    return null;
  }
  if (existing) {
    const [row] = await tx
      .update(playVersions)
      .set({ definition, createdBy: by, createdAt: at })
      .where(and(eq(playVersions.playId, play.id), eq(playVersions.number, existing.number)))
      .returning();
    return row!;
  }
  const [row] = await tx
    .insert(playVersions)
    .values({
      playId: play.id,
      number: nextNumber(play.id),
      workspaceId: play.workspaceId,
      definition,
      createdBy: by,
      createdAt: at,
      publishedAt: null,
    })
    .returning();
  return row!;
}

/** Removes the play's draft; true when there was one. */
export async function deleteDraft(tx: DbOrTx, playId: string): Promise<boolean> {
  const gone = await tx
    .delete(playVersions)
    .where(and(eq(playVersions.playId, playId), isNull(playVersions.publishedAt)))
    .returning({ number: playVersions.number });
  return gone.length > 0;
}

/** The draft as the play's API shape names it. */
export const draftOut = (row: VersionRow | null) =>
  row
    ? { number: row.number, createdAt: row.createdAt.toISOString(), createdBy: row.createdBy }
    : null;
