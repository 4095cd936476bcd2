import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { deleteAttachment } from './delete-attachment.ts';
import { downloadAttachment } from './download-attachment.ts';
import { contentDisposition } from './filename.ts';
import { listAttachments } from './list-attachments.ts';
import { readUpload } from './read-upload.ts';
import { attachmentListSchema, attachmentSchema, listAttachmentsQuery } from './schema.ts';
import { uploadAttachment } from './upload-attachment.ts';

const params = z.object({ id: z.uuid() });
const tags = ['attachments'];

export async function attachmentRoutes(app: App, deps: Deps) {
  app.post(
    '/api/v1/accounts/:id/attachments',
    {
      schema: {
        tags,
        params,
        consumes: ['multipart/form-data'],
        response: { 201: attachmentSchema },
        summary:
          'Upload a file to an account (multipart: field "file", optional taskId / touchpointId)',
        description: `Types are judged by content: PDF, PNG, JPEG, GIF, WebP, DOCX, XLSX, PPTX, UTF-8 text/CSV. Larger than ${deps.config.PLAYMAKER_MAX_UPLOAD_BYTES} bytes → 413; other types → 415.`,
      },
    },
    async (req, reply) => {
      const created = await uploadAttachment(deps, actorOf(req), req.params.id, () =>
        readUpload(req),
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/accounts/:id/attachments',
    {
      schema: {
        tags,
        summary: 'An account’s assets (including files on its tasks and touchpoints), newest first',
        params,
        querystring: listAttachmentsQuery,
        response: { 200: attachmentListSchema },
      },
    },
    async (req) => listAttachments(deps, actorOf(req), req.params.id, req.query),
  );

  app.get(
    '/api/v1/attachments/:id/download',
    {
      schema: {
        tags,
        summary: 'Download a file (always as an attachment, never rendered inline)',
        params,
      },
    },
    async (req, reply) => {
      const file = await downloadAttachment(deps, actorOf(req), req.params.id);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', contentDisposition(file.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(file.stream);
    },
  );

  app.delete(
    '/api/v1/attachments/:id',
    {
      schema: {
        tags,
        summary: 'Delete a file (its uploader or an admin)',
        params,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteAttachment(deps, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
