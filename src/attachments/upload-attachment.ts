import { and, eq, ne } from 'drizzle-orm';
import { recordTimeline } from '../timeline/record-event.ts';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { attachments, tasks, touchpoints } from '../db/schema/index.ts';
import { loadVisibleAccount } from '../auth/access.ts';
import { AppError, errors, type ErrorPath } from '../http/errors.ts';
import { displayFilename } from './filename.ts';
import { toAttachment } from './queries.ts';
import type { Upload } from './read-upload.ts';
import { sniffType } from './sniff-type.ts';

const optionalId = z.union([z.literal('').transform(() => undefined), z.uuid()]).optional();

/**
 * Adds a file to an account's assets (optionally linked to one of its tasks or touchpoints).
 * Order matters: access first, then the bytes are read, size-checked and typed by content, and only
 * then written; if the row cannot be inserted the stored bytes are removed again.
 */
export async function uploadAttachment(
  deps: Deps,
  actor: Actor,
  accountId: string,
  read: () => Promise<Upload>,
) {
  const account = await loadVisibleAccount(deps.db, actor, accountId);
  const upload = await read();
  const taskId = parseId(upload.fields.taskId, 'body.taskId');
  const touchpointId = parseId(upload.fields.touchpointId, 'body.touchpointId');
  if (taskId) {
    const [t] = await deps.db
      .select({ id: tasks.id })
      .from(tasks)
      .where(
        and(
          eq(tasks.id, taskId),
          eq(tasks.accountId, account.id),
          eq(tasks.workspaceId, actor.workspaceId),
          ne(tasks.status, 'deleted'),
        ),
      );
    if (!t) throw errors.field('body.taskId', 'no such task on this account');
  }
  if (touchpointId) {
    const [tp] = await deps.db
      .select({ id: touchpoints.id })
      .from(touchpoints)
      .where(
        and(
          eq(touchpoints.id, touchpointId),
          eq(touchpoints.accountId, account.id),
          eq(touchpoints.workspaceId, actor.workspaceId),
        ),
      );
    if (!tp) throw errors.field('body.touchpointId', 'no such touchpoint on this account');
  }
  if (upload.bytes.length > deps.config.PLAYMAKER_MAX_UPLOAD_BYTES)
    throw errors.tooLarge('The file is larger than the upload limit.');
  if (upload.bytes.length === 0) throw errors.field('body.file', 'the file is empty');
  const type = await sniffType(upload.bytes);
  if (!type) {
    throw new AppError(
      'unsupported_media_type',
      'Only PDF, PNG, JPEG, GIF, WebP, Word, Excel, PowerPoint and plain text/CSV files can be uploaded.',
    );
  }
  const storageKey = await deps.files.put(upload.bytes);
  try {
    const row = await deps.db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(attachments)
        .values({
          workspaceId: actor.workspaceId,
          accountId: account.id,
          taskId: taskId ?? null,
          touchpointId: touchpointId ?? null,
          filename: displayFilename(upload.filename, type.extensions),
          contentType: type.contentType,
          sizeBytes: upload.bytes.length,
          storageKey,
          uploadedById: actor.userId,
          createdAt: deps.clock.now(),
        })
        .returning();
      await recordTimeline(tx, {
        workspaceId: actor.workspaceId,
        accountId: account.id,
        actorId: actor.userId,
        taskId: taskId ?? null,
        type: 'attachment_added',
        payload: {
          attachmentId: inserted!.id,
          filename: inserted!.filename,
          sizeBytes: inserted!.sizeBytes,
        },
        at: inserted!.createdAt,
      });
      return inserted!;
    });
    return toAttachment(row, { id: actor.userId, name: actor.name });
  } catch (err) {
    await deps.files.remove(storageKey);
    throw err;
  }
}

function parseId(value: string | undefined, path: ErrorPath): string | undefined {
  const parsed = optionalId.safeParse(value);
  if (!parsed.success) throw errors.field(path, 'must be a uuid');
  return parsed.data;
}
