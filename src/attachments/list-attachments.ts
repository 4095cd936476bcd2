import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { attachments, users } from '../db/schema/index.ts';
import { loadVisibleAccount } from '../auth/access.ts';
import { cursorPart, decodeCursor, encodeCursor } from '../http/cursor.ts';
import { toAttachment } from './queries.ts';

const cursorShape = z.tuple([cursorPart.pgTimestamp, cursorPart.id]);

/** An account's assets, newest first: its own files plus those added to its tasks and touchpoints. */
export async function listAttachments(
  deps: Deps,
  actor: Actor,
  accountId: string,
  input: { taskId?: string; touchpointId?: string; cursor?: string; limit: number },
) {
  await loadVisibleAccount(deps.db, actor, accountId);
  const after = decodeCursor(input.cursor, cursorShape);
  const rows = await deps.db
    .select({
      row: attachments,
      uploaderName: users.name,
      at: sql<string>`${attachments.createdAt}::text`,
    })
    .from(attachments)
    .leftJoin(users, eq(users.id, attachments.uploadedById))
    .where(
      and(
        eq(attachments.workspaceId, actor.workspaceId),
        eq(attachments.accountId, accountId),
        input.taskId ? eq(attachments.taskId, input.taskId) : undefined,
        input.touchpointId ? eq(attachments.touchpointId, input.touchpointId) : undefined,
        after
          ? sql`(${attachments.createdAt}, ${attachments.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(attachments.createdAt), desc(attachments.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    data: page.map(({ row, uploaderName }) =>
      toAttachment(
        row,
        row.uploadedById ? { id: row.uploadedById, name: uploaderName ?? '' } : null,
      ),
    ),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.at, last.row.id]) : null,
  };
}
