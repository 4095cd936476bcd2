import type { Actor, Deps } from '../context.ts';
import { errors } from '../http/errors.ts';
import { loadVisibleAttachment } from './queries.ts';

/** The stored bytes as a stream (from disk or the bucket) and how to label them; the content type is the one sniffed at upload. */
export async function downloadAttachment(deps: Deps, actor: Actor, id: string) {
  const row = await loadVisibleAttachment(deps.db, actor, id);
  const stream = await deps.files.get(row.storageKey);
  if (!stream) throw errors.notFound('Attachment file');
  const contentType =
    row.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : row.contentType;
  return { stream, contentType, filename: row.filename };
}
