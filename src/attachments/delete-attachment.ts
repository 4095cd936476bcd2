import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { attachments } from '../db/schema/index.ts';
import { errors } from '../http/errors.ts';
import { recordTimeline } from '../timeline/record-event.ts';
import { loadVisibleAttachment } from './queries.ts';

/** The uploader or an admin may delete; the bytes go once the row is gone. */
export async function deleteAttachment(deps: Deps, actor: Actor, id: string): Promise<void> {
  const row = await loadVisibleAttachment(deps.db, actor, id);
  if (actor.role !== 'admin' && row.uploadedById !== actor.userId)
    throw errors.forbidden('Only the uploader or an admin can delete this file.');
  await deps.db.transaction(async (tx) => {
    await tx.delete(attachments).where(eq(attachments.id, row.id));
    await recordTimeline(tx, {
      workspaceId: actor.workspaceId,
      accountId: row.accountId,
      actorId: actor.userId,
      taskId: row.taskId,
      type: 'attachment_deleted',
      payload: { attachmentId: row.id, filename: row.filename },
      at: deps.clock.now(),
    });
  });
  await deps.files.remove(row.storageKey);
}
