import { isDeepStrictEqual } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { accounts } from '../db/schema/index.ts';
import { recordChange } from '../events/record-change.ts';
import { recordTimeline } from '../timeline/record-event.ts';
import { errors } from '../http/errors.ts';

/**
 * Writes already-validated attribute values to an account inside the caller's transaction (form
 * submissions and post-completion updates): bumps the version, records the change for the play
 * engine and one `attribute_changed` timeline event per changed key. `null` clears a value.
 */
export async function writeAccountAttributes(
  tx: DbOrTx,
  actor: Actor,
  accountId: string,
  values: Record<string, unknown>,
  context: { cause: 'form' | 'task_completion'; taskId: string; at: Date },
): Promise<Record<string, unknown>> {
  // The row lock makes the from→to values in the timeline exact under concurrent writers.
  const [acc] = await tx
    .select({ attributes: accounts.attributes })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .for('update');
  if (!acc) throw errors.notFound('Account');
  const next: Record<string, unknown> = { ...acc.attributes };
  const changes: Array<{ key: string; from: unknown; to: unknown }> = [];
  for (const [key, to] of Object.entries(values)) {
    const from = acc.attributes[key] ?? null;
    if (isDeepStrictEqual(from, to)) continue;
    changes.push({ key, from, to });
    if (to === null) delete next[key];
    else next[key] = to;
  }
  if (changes.length === 0) return next;
  await tx
    .update(accounts)
    .set({ attributes: next, version: sql`${accounts.version} + 1`, updatedAt: context.at })
    .where(eq(accounts.id, accountId));
  await recordChange(tx, {
    workspaceId: actor.workspaceId,
    entity: 'account',
    entityId: accountId,
    accountId,
    kind: 'updated',
    payload: {
      cause: context.cause,
      taskId: context.taskId,
      attributes: Object.fromEntries(changes.map((c) => [c.key, { from: c.from, to: c.to }])),
    },
  });
  await recordTimeline(
    tx,
    changes.map((c) => ({
      workspaceId: actor.workspaceId,
      accountId,
      actorId: actor.userId,
      taskId: context.taskId,
      type: 'attribute_changed' as const,
      at: context.at,
      payload: { key: c.key, from: c.from, to: c.to, cause: context.cause },
    })),
  );
  return next;
}
