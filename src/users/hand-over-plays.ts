import { and, eq, sql } from 'drizzle-orm';
import { plays } from '../db/schema/index.ts';
import type { HandoverContext } from './handover-types.ts';

/**
 * Disable handover (SPEC §7 "plays they own"): the user's plays pass to the receiver, so the tasks
 * they create from now on name the receiver as accountable. Each moved play gets a new version, so an
 * edit made from the old definition is refused (409) and the engine re-reads its enabled plays.
 */
export async function handOverPlays(ctx: HandoverContext): Promise<Record<string, number>> {
  const moved = await ctx.tx
    .update(plays)
    .set({ ownerUserId: ctx.to.id, version: sql`${plays.version} + 1`, updatedAt: ctx.now })
    .where(and(eq(plays.workspaceId, ctx.workspaceId), eq(plays.ownerUserId, ctx.from.id)))
    .returning({ id: plays.id });
  return { playsHandedOver: moved.length };
}
