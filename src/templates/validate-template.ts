import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import {
  accountRoles,
  flows,
  forms,
  plays,
  taskTemplates,
  teams,
  users,
  type CompletionRules,
} from '../db/schema/index.ts';
import { loadDefinitions, validateAttributes } from '../accounts/attributes.ts';
import type { AssigneeRule } from '../assignment/rule.ts';
import { errors, type ErrorDetail } from '../http/errors.ts';
import { sanitizeRichText, hasContent } from '../tasks/rich-text.ts';
import { loadAllowList } from './merge-fields.ts';
import { validateTemplate } from './render.ts';
import { checkCompletionRules } from './completion-rules.ts';
import type { CreateTemplateInput, NotificationRule } from './schema.ts';
import type { OutcomeAction } from './outcome-action.ts';
import { priorityLevel, type PriorityLevel } from '../tasks/priority.ts';

export type TemplateValues = Omit<CreateTemplateInput, 'priority'> & {
  priority: PriorityLevel;
  formId: string | null;
  completionRules: CompletionRules;
};

async function missing(
  db: DbOrTx,
  table: typeof users | typeof accountRoles | typeof teams | typeof plays,
  ids: string[],
  workspaceId: string,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await db
    .select({ id: table.id })
    .from(table)
    .where(and(inArray(table.id, ids), eq(table.workspaceId, workspaceId)));
  const ok = new Set(found.map((r) => r.id));
  return new Set(ids.filter((id) => !ok.has(id)));
}

/**
 * Checks a whole template against the workspace (merge fields, flow, form, people and roles,
 * attribute keys, referenced templates and plays) and returns what to store: description
 * sanitized, priority as 1/2/3. Every problem is reported with its `body.` path.
 */
export async function validateTemplateInput(
  db: DbOrTx,
  workspaceId: string,
  input: CreateTemplateInput,
  selfId?: string,
): Promise<TemplateValues> {
  const d: ErrorDetail[] = [];
  const allow = await loadAllowList(db, workspaceId);
  d.push(...validateTemplate(input.title, 'text', allow, 'body.title'));
  d.push(...validateTemplate(input.description, 'html', allow, 'body.description'));
  const description = sanitizeRichText(input.description);
  if (!hasContent(description))
    d.push({ path: 'body.description', message: 'is empty once unsafe content is removed' });

  const [flow] = await db
    .select({ id: flows.id })
    .from(flows)
    .where(and(eq(flows.id, input.flowId), eq(flows.workspaceId, workspaceId)));
  if (!flow) d.push({ path: 'body.flowId', message: 'no such flow in this workspace' });
  if (input.formId) {
    const [form] = await db
      .select({ id: forms.id })
      .from(forms)
      .where(and(eq(forms.id, input.formId), eq(forms.workspaceId, workspaceId)));
    if (!form) d.push({ path: 'body.formId', message: 'no such form in this workspace' });
  }
  d.push(...(await ruleProblems(db, workspaceId, input.assigneeRule)));
  d.push(...(await notificationProblems(db, workspaceId, input.notificationRules)));

  const names = new Set<string>();
  for (const [i, o] of input.outcomes.entries()) {
    if (names.has(o.name.toLowerCase()))
      d.push({
        path: `body.outcomes.${i}.name`,
        message: `the outcome "${o.name}" is listed twice`,
      });
    names.add(o.name.toLowerCase());
    for (const [j, a] of o.actions.entries())
      d.push(
        ...(await actionProblems(
          db,
          workspaceId,
          a,
          `body.outcomes.${i}.actions.${j}`,
          allow,
          selfId,
        )),
      );
  }
  const completionRules = await checkCompletionRules(
    db,
    workspaceId,
    input.completionRules,
    'body.completionRules',
    d,
  );
  if (d.length) throw errors.validation(d, 'The template is not valid.');
  return {
    ...input,
    description,
    priority: priorityLevel[input.priority],
    formId: input.formId ?? null,
    completionRules,
  };
}

async function ruleProblems(db: DbOrTx, ws: string, rule: AssigneeRule): Promise<ErrorDetail[]> {
  if (rule.type === 'user')
    return (await missing(db, users, [rule.userId], ws)).size
      ? [{ path: 'body.assigneeRule.userId', message: 'no such user in this workspace' }]
      : [];
  if (rule.type === 'role')
    return (await missing(db, accountRoles, [rule.roleId], ws)).size
      ? [{ path: 'body.assigneeRule.roleId', message: 'no such account role in this workspace' }]
      : [];
  const out: ErrorDetail[] = [];
  const badUsers = await missing(db, users, rule.pool.userIds ?? [], ws);
  (rule.pool.userIds ?? []).forEach((id, i) => {
    if (badUsers.has(id))
      out.push({
        path: `body.assigneeRule.pool.userIds.${i}`,
        message: 'no such user in this workspace',
      });
  });
  if (rule.pool.teamId && (await missing(db, teams, [rule.pool.teamId], ws)).size)
    out.push({ path: 'body.assigneeRule.pool.teamId', message: 'no such team in this workspace' });
  if (!rule.pool.teamId && !rule.pool.userIds?.length)
    out.push({ path: 'body.assigneeRule.pool', message: 'a pool needs userIds or a teamId' });
  return out;
}

async function notificationProblems(
  db: DbOrTx,
  ws: string,
  rules: NotificationRule[],
): Promise<ErrorDetail[]> {
  const named = rules.flatMap((r, i) => (typeof r.to === 'object' ? [{ i, id: r.to.userId }] : []));
  const bad = await missing(
    db,
    users,
    named.map((n) => n.id),
    ws,
  );
  return named
    .filter((n) => bad.has(n.id))
    .map((n) => ({
      path: `body.notificationRules.${n.i}.to.userId`,
      message: 'no such user in this workspace',
    }));
}

async function actionProblems(
  db: DbOrTx,
  ws: string,
  a: OutcomeAction,
  at: string,
  allow: Awaited<ReturnType<typeof loadAllowList>>,
  selfId?: string,
): Promise<ErrorDetail[]> {
  switch (a.type) {
    case 'add_tag':
    case 'remove_tag':
      return [];
    case 'send_email':
      return [
        ...validateTemplate(a.subject, 'header', allow, `${at}.subject`),
        ...validateTemplate(a.body, 'text', allow, `${at}.body`),
      ];
    case 'set_attribute': {
      const defs = await loadDefinitions(db, ws, a.target);
      const def = defs.get(a.key);
      if (!def) return [{ path: `${at}.key`, message: `unknown ${a.target} attribute "${a.key}"` }];
      if (def.crmSynced)
        return [
          {
            path: `${at}.key`,
            message: `"${a.key}" is synced from the CRM and cannot be set by automation`,
          },
        ];
      try {
        await validateAttributes(
          db,
          ws,
          a.target,
          { [a.key]: a.value },
          { pathPrefix: `${at}.value`, definitions: defs },
        );
      } catch (err) {
        return (
          (err as { details?: ErrorDetail[] }).details ?? [
            { path: `${at}.value`, message: 'is not valid' },
          ]
        );
      }
      return [];
    }
    case 'create_task_from_template': {
      if (a.templateId === selfId) return [];
      const [t] = await db
        .select({ id: taskTemplates.id })
        .from(taskTemplates)
        .where(
          and(
            eq(taskTemplates.id, a.templateId),
            eq(taskTemplates.workspaceId, ws),
            isNull(taskTemplates.deletedAt),
          ),
        );
      return t ? [] : [{ path: `${at}.templateId`, message: 'no such template in this workspace' }];
    }
    case 'enroll_in_play':
      return (await missing(db, plays, [a.playId], ws)).size
        ? [{ path: `${at}.playId`, message: 'no such play in this workspace' }]
        : [];
  }
}
