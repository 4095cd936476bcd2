import { parseTemplate } from './render.ts';

/** The `{{contact.*}}` merge fields a template's texts use (they render only for a contact target). */
export function contactFieldsIn(texts: string[]): string[] {
  const names = texts
    .flatMap((text) => parseTemplate(text, 'text').template?.parts ?? [])
    .flatMap((part) => (part.kind === 'field' && part.path[0] === 'contact' ? [part.name] : []));
  return [...new Set(names)];
}
