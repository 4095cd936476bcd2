import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { flows, taskTemplates } from '../../../db/schema/index.ts';
import type { ErrorDetail } from '../../../http/errors.ts';
import { parseTemplate } from '../../../templates/render.ts';
import { contactFieldsIn } from '../../../templates/contact-fields.ts';
import { checkCompletionRules } from '../../../templates/completion-rules.ts';
import { sanitizeRichText } from '../../../tasks/rich-text.ts';
import type { ValidateCtx } from '../module.ts';
import { checkRule, exists } from '../validate-helpers.ts';
import type { CreateTaskAction } from './schema.ts';

/** Inline tasks need title, description, due offset and flow; a template supplies what is left out. */
export async function validateCreateTask(
  ctx: ValidateCtx,
  action: CreateTaskAction,
): Promise<CreateTaskAction> {
  const { at, problems: d, allow, workspaceId: ws } = ctx;
  const db = ctx.deps.db;
  if (!action.templateId) {
    if (!action.title?.trim()) d.push({ path: `${at}.title`, message: 'A title is required.' });
    if (!action.description?.trim())
      d.push({ path: `${at}.description`, message: 'A description is required.' });
    if (action.dueInDays === undefined)
      d.push({ path: `${at}.dueInDays`, message: 'A due offset is required.' });
    if (!action.flowId) d.push({ path: `${at}.flowId`, message: 'A flow is required.' });
  }
  if (action.dueInDays !== undefined && action.dueInDays < 1)
    d.push({ path: `${at}.dueInDays`, message: 'Due offsets are at least 1 day.' });
  if (action.title) d.push(...parseTemplate(action.title, 'text', allow, `${at}.title`).errors);
  if (action.description) {
    action.description = sanitizeRichText(action.description);
    d.push(...parseTemplate(action.description, 'html', allow, `${at}.description`).errors);
  }
  if (action.templateId)
    await exists(
      db,
      sql`select 1 from task_templates where id = ${action.templateId}::uuid and workspace_id = ${ws}::uuid`,
      `${at}.templateId`,
      'no such template',
      d,
    );
  if (ctx.subject === 'accounts') d.push(...(await contactFieldsOnAccounts(db, ws, action, at)));
  if (action.flowId)
    await exists(
      db,
      sql`select 1 from ${flows} where id = ${action.flowId}::uuid and workspace_id = ${ws}::uuid`,
      `${at}.flowId`,
      'no such flow',
      d,
    );
  await checkRule(db, ws, action.assignee, `${at}.assignee`, d);
  if (action.assignedBy) await checkRule(db, ws, action.assignedBy, `${at}.assignedBy`, d);
  if (action.completionRules) {
    const childTarget =
      ctx.subject === 'accounts' && ctx.options.hierarchy?.mode === 'one_per_child';
    action.completionRules = await checkCompletionRules(
      db,
      ws,
      action.completionRules,
      `${at}.completionRules`,
      d,
      { childTarget },
    );
  }
  return action;
}

/** An account play has no contact: `{{contact.*}}` would render empty ("Call  at Acme"), so it is refused (SPEC §3). */
async function contactFieldsOnAccounts(
  db: DbOrTx,
  ws: string,
  a: { title?: string; description?: string; templateId?: string },
  at: string,
): Promise<ErrorDetail[]> {
  const [tpl] = a.templateId
    ? await db
        .select({ title: taskTemplates.title, description: taskTemplates.description })
        .from(taskTemplates)
        .where(and(eq(taskTemplates.id, a.templateId), eq(taskTemplates.workspaceId, ws)))
    : [];
  const texts: Array<[string, string | undefined]> = [
    ['title', a.title ?? tpl?.title],
    ['description', a.description ?? tpl?.description],
  ];
  return texts.flatMap(([field, text]) => {
    const named = contactFieldsIn([text ?? '']);
    return named.length
      ? [
          {
            path: `${at}.${a.templateId && !a[field as 'title' | 'description'] ? 'templateId' : field}`,
            message: `${named.map((n) => `{{${n}}}`).join(', ')} needs a contact; an account play has none (use a contact play).`,
          },
        ]
      : [];
  });
}
