// My daily digest: off, or on at a local hour (my time zone, else the workspace's).
import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { digestSubscriptions } from '../db/schema/index.ts';

export async function getDigest(deps: Deps, actor: Actor): Promise<{ hour: number | null }> {
  const [row] = await deps.db
    .select({ hour: digestSubscriptions.hour })
    .from(digestSubscriptions)
    .where(eq(digestSubscriptions.userId, actor.userId));
  return { hour: row?.hour ?? null };
}

export async function setDigest(
  deps: Deps,
  actor: Actor,
  input: { hour: number | null },
): Promise<{ hour: number | null }> {
  if (input.hour === null) {
    await deps.db.delete(digestSubscriptions).where(eq(digestSubscriptions.userId, actor.userId));
  } else {
    await deps.db
      .insert(digestSubscriptions)
      .values({ userId: actor.userId, workspaceId: actor.workspaceId, hour: input.hour })
      .onConflictDoUpdate({ target: digestSubscriptions.userId, set: { hour: input.hour } });
  }
  return { hour: input.hour };
}
