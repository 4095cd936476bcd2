import { fileTypeFromBuffer } from 'file-type';

/** Types accepted by content (magic numbers), each with the extensions a stored name may carry. */
const allowed = new Map<string, string[]>([
  ['application/pdf', ['pdf']],
  ['image/png', ['png']],
  ['image/jpeg', ['jpg', 'jpeg']],
  ['image/gif', ['gif']],
  ['image/webp', ['webp']],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', ['docx']],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ['xlsx']],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation', ['pptx']],
]);
const textExtensions = ['txt', 'csv', 'tsv', 'md', 'log', 'json'];

export type SniffedType = { contentType: string; extensions: string[] };

/**
 * The file's real type, judged by its bytes only (the client's name and Content-Type are ignored),
 * or null when it is not one Playmaker stores. Text has no magic number: see `isPlainText`.
 */
export async function sniffType(bytes: Uint8Array): Promise<SniffedType | null> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    const extensions = allowed.get(found.mime);
    return extensions ? { contentType: found.mime, extensions } : null;
  }
  return isPlainText(bytes) ? { contentType: 'text/plain', extensions: textExtensions } : null;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const controlChars = /[\u0001-\u0008\u000B\u000E-\u001F\u007F]/;
const markupTags =
  /<\s*(!doctype|\?xml|html|head|body|script|svg|iframe|object|embed|meta|style|link|form)\b/i;

/**
 * Plain text or CSV: valid UTF-8, no NUL or other binary control bytes, and not a markup document
 * (HTML/SVG/XML would be rendered, and run scripts, if some viewer ever trusted it).
 */
export function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  if (controlChars.test(text)) return false;
  if (
    text
      .replace(/^\uFEFF/, '')
      .trimStart()
      .startsWith('<')
  )
    return false;
  return !markupTags.test(text);
}
