import { parseTemplate } from './render.ts';

/**
 * True when a rich-text template puts a merge field inside a tag (`<a href="{{account.name}}">`).
 * There an HTML-escaped value can still be active (`javascript:…` needs no escapable character), so
 * the rendered result must be sanitized again; in text content escaping alone keeps values inert.
 */
export function fieldsInMarkup(template: string): boolean {
  const { template: parsed } = parseTemplate(template, 'html');
  if (!parsed) return true; // unparseable here (e.g. workspace attribute keys): be safe, sanitize
  let inTag = false;
  for (const part of parsed.parts) {
    if (part.kind === 'field') {
      if (inTag) return true;
      continue;
    }
    for (const c of part.text) {
      if (c === '<') inTag = true;
      else if (c === '>') inTag = false;
    }
  }
  return false;
}
