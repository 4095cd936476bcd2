import type { MergeContext } from './merge-fields.ts';
import { renderTemplate } from './render.ts';

/**
 * A task title rendered as one line, exactly as the play engine's `titleSql` does: line breaks and
 * tabs become one space, other control characters go, the ends are trimmed.
 */
export function renderTitle(template: string, context: MergeContext): string {
  return (
    renderTemplate(template, context, 'text')
      .replace(/[\r\n\t]+/g, ' ')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0001-\u001f\u007f]/g, '')
      .trim()
  );
}
