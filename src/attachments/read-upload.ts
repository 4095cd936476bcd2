import type { FastifyRequest } from 'fastify';
import { AppError, errors } from '../http/errors.ts';

/** What a multipart upload carried: the one file (in memory, bounded by the size limit) and text fields. */
export type Upload = { filename: string; bytes: Buffer; fields: Record<string, string> };

/**
 * Reads `multipart/form-data` with exactly one file in the field `file`. The plugin stops reading at
 * PLAYMAKER_MAX_UPLOAD_BYTES and raises 413; nothing reaches the disk before every check has passed.
 */
export async function readUpload(req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart())
    throw new AppError(
      'unsupported_media_type',
      'Send the file as multipart/form-data in the field "file".',
    );
  let file: { filename: string; bytes: Buffer } | null = null;
  let problem: AppError | null = null;
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname !== 'file' || file)
          problem ??= errors.field(
            `body.${part.fieldname}`,
            'send exactly one file, in the field "file"',
          );
        else file = { filename: part.filename, bytes };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    // The plugin's own refusals (too large, too many parts) carry a status; anything else is the
    // parser finding a body that is not well-formed multipart, e.g. cut before its closing boundary.
    if (err instanceof AppError || (err as { statusCode?: number }).statusCode) throw err;
    throw errors.badRequest(
      'The upload is incomplete or malformed (the multipart body ends before its closing boundary); send the file again.',
    );
  }
  if (problem) throw problem;
  if (!file)
    throw errors.field('body.file', 'the field "file" with the file to upload is required');
  return { ...file, fields };
}
