import { and, eq } from 'drizzle-orm';
import type { Actor } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { attachments, users } from '../db/schema/index.ts';
import { accountVisible } from '../auth/access.ts';
import { errors } from '../http/errors.ts';

export type AttachmentRow = typeof attachments.$inferSelect;

/** An attachment on an account the caller may see, or 404 (existence is not leaked). */
export async function loadVisibleAttachment(
  db: DbOrTx,
  actor: Actor,
  id: string,
): Promise<AttachmentRow> {
  const [row] = await db
    .select()
    .from(attachments)
    .where(
      and(
        eq(attachments.id, id),
        eq(attachments.workspaceId, actor.workspaceId),
        accountVisible(actor, attachments.accountId),
      ),
    );
  if (!row) throw errors.notFound('Attachment');
  return row;
}

export function toAttachment(row: AttachmentRow, uploader: { id: string; name: string } | null) {
  return {
    id: row.id,
    accountId: row.accountId,
    taskId: row.taskId,
    touchpointId: row.touchpointId,
    filename: row.filename,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    uploadedBy: uploader,
    createdAt: row.createdAt.toISOString(),
    downloadUrl: `/api/v1/attachments/${row.id}/download`,
  };
}

export async function uploaderOf(db: DbOrTx, row: AttachmentRow) {
  if (!row.uploadedById) return null;
  const [u] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.id, row.uploadedById));
  return u ?? null;
}
