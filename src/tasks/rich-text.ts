import sanitizeHtml from 'sanitize-html';

// Rich text is stored already cleaned, so every reader (web app, e-mail, export) can trust it.
const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'b',
    'strong',
    'i',
    'em',
    'u',
    'ul',
    'ol',
    'li',
    'h1',
    'h2',
    'h3',
    'h4',
    'blockquote',
    'code',
    'pre',
    'a',
    'img',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Links open outside the app and must not hand it the opener.
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
  },
};

/** Cleans user HTML down to the allowed formatting (links http/https/mailto, lists, emphasis, headings, images by URL). */
export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, options).trim();
}

/** Plain text of stored rich text, for e-mails and CSV. */
export function richTextToPlain(html: string): string {
  const withBreaks = html.replace(/<(br|\/p|\/li|\/h[1-4]|\/blockquote|\/pre)\s*\/?>/gi, '\n');
  return sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** True when cleaned rich text still says something (text or an image). */
export function hasContent(html: string): boolean {
  return /<img\s/i.test(html) || richTextToPlain(html).length > 0;
}
