import type { taskTemplates } from '../db/schema/index.ts';
import { sanitizeRichText } from '../tasks/rich-text.ts';
import type { TaskValues } from '../tasks/write/task-rows.ts';
import { priorityName } from '../tasks/priority.ts';
import { mergeContextFrom } from './merge-fields.ts';
import { renderTemplate } from './render.ts';
import { renderTitle } from './render-title.ts';

type Template = typeof taskTemplates.$inferSelect;
type MergeRows = Omit<Parameters<typeof mergeContextFrom>[0], 'task'>;

/**
 * A template made into one task's values for one target (SPEC §3), the same whether applied by hand
 * or by an outcome's follow-up: title and description rendered with the target's merge values
 * (`{{task.title}}` in the description is the rendered title), the template's kind, flow, priority,
 * outcomes, form and post-completion rules.
 */
export function templateTask(
  tpl: Template,
  merge: MergeRows,
  dueDate: string,
): Pick<
  TaskValues,
  | 'kind'
  | 'title'
  | 'description'
  | 'flowId'
  | 'dueDate'
  | 'priority'
  | 'outcomes'
  | 'templateId'
  | 'formId'
  | 'completionRules'
> {
  const priority = priorityName(tpl.priority);
  const title =
    renderTitle(
      tpl.title,
      mergeContextFrom({ ...merge, task: { title: '', dueDate, priority } }),
    ).slice(0, 300) || tpl.name;
  // Rendered values were escaped for HTML; sanitizing again also drops a value that forms a javascript: link.
  const description = sanitizeRichText(
    renderTemplate(
      tpl.description,
      mergeContextFrom({ ...merge, task: { title, dueDate, priority } }),
      'html',
    ),
  );
  return {
    kind: tpl.formId ? 'request_info' : 'todo',
    title,
    description,
    flowId: tpl.flowId,
    dueDate,
    priority: tpl.priority,
    outcomes: (tpl.outcomes as Array<{ name: string }>).map((o) => o.name),
    templateId: tpl.id,
    formId: tpl.formId,
    completionRules: tpl.completionRules ?? {},
  };
}
