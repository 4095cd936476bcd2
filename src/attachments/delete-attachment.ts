import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { attachments } from '../db/schema/index.ts';
import { errors } from '../http/errors.ts';
import { loadVisibleAttachment } from './queries.ts';

/** The uploader or an admin may delete; the bytes go once the row is gone. */
export async function deleteAttachment(deps: Deps, actor: Actor, id: string): Promise<void> {
  const row = await loadVisibleAttachment(deps.db, actor, id);
  if (actor.role !== 'admin' && row.uploadedById !== actor.userId) throw errors.forbidden('Only the uploader or an admin can delete this file.');
  await deps.db.delete(attachments).where(eq(attachments.id, row.id));
  await deps.files.remove(row.storageKey);
}
