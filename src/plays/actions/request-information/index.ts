// Request information (SPEC §5 action 2): a task asking the assignee to fill in a form.
import { sql } from 'drizzle-orm';
import { flows, forms } from '../../../db/schema/index.ts';
import { parseTemplate } from '../../../templates/render.ts';
import { sanitizeRichText } from '../../../tasks/rich-text.ts';
import type { ActionModule, ValidateCtx } from '../module.ts';
import { fireTaskAction } from '../task-actions.ts';
import { checkRule, exists } from '../validate-helpers.ts';
import { requestInformationSchema, type RequestInfoAction } from './schema.ts';
import { dueInWords } from '../../../working-days/due-unit.ts';

async function validate(ctx: ValidateCtx, action: RequestInfoAction) {
  const { at, problems: d, workspaceId: ws } = ctx;
  const db = ctx.deps.db;
  if (action.dueInDays < 1)
    d.push({ path: `${at}.dueInDays`, message: 'Due offsets are at least 1 day.' });
  await exists(
    db,
    sql`select 1 from ${forms} where id = ${action.formId}::uuid and workspace_id = ${ws}::uuid`,
    `${at}.formId`,
    'no such form',
    d,
  );
  await exists(
    db,
    sql`select 1 from ${flows} where id = ${action.flowId}::uuid and workspace_id = ${ws}::uuid`,
    `${at}.flowId`,
    'no such flow',
    d,
  );
  await checkRule(db, ws, action.assignee, `${at}.assignee`, d);
  // The message becomes the task's rich-text description: cleaned like any other (SPEC §2).
  if (action.message) {
    action.message = sanitizeRichText(action.message);
    d.push(...parseTemplate(action.message, 'html', ctx.allow, `${at}.message`).errors);
  }
  return action;
}

export const requestInformation: ActionModule<RequestInfoAction> = {
  kind: 'request-information',
  types: ['request_information'],
  schema: requestInformationSchema,
  manual: true,
  createsTasks: true,
  validate,
  fire: fireTaskAction,
  describeDryRun: (a) =>
    `create a task asking to fill in the form, due in ${dueInWords(a.dueInDays, a.dueUnit)}, unless one from this action is still open`,
  toPublic: (a) => a,
  timelineText: {},
};
