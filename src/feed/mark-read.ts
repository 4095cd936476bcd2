import { and, inArray, isNull } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { feedItems } from '../db/schema/index.ts';
import { errors } from '../http/errors.ts';
import { mine, unreadCount } from './list-feed.ts';

export type MarkReadInput = { ids: string[] } | { all: true };

/**
 * Marks my items read: the ones named (all must be mine, else 404 and nothing changes) or all of
 * them. Already-read items keep their first read time. Returns what is left unread.
 */
export async function markFeedRead(deps: Deps, actor: Actor, input: MarkReadInput) {
  const at = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if ('ids' in input) {
      const ids = [...new Set(input.ids.map(Number))];
      const found = await tx
        .select({ id: feedItems.id })
        .from(feedItems)
        .where(and(mine(actor), inArray(feedItems.id, ids)));
      if (found.length !== ids.length) throw errors.notFound('Feed item');
      await tx
        .update(feedItems)
        .set({ readAt: at })
        .where(and(mine(actor), inArray(feedItems.id, ids), isNull(feedItems.readAt)));
    } else {
      await tx
        .update(feedItems)
        .set({ readAt: at })
        .where(and(mine(actor), isNull(feedItems.readAt)));
    }
  });
  return { unread: await unreadCount(deps, actor) };
}
