import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';
import { accountRoles, flows, forms, plays, taskTemplates, users } from '../db/schema/index.ts';
import { loadDefinitions, validateAttributes } from '../accounts/attributes.ts';
import { errors, type ErrorDetail } from '../http/errors.ts';
import { compileCriteria } from '../segments/compile.ts';
import { workspaceToday } from '../workspaces/workspace-today.ts';
import { loadAllowList } from '../templates/merge-fields.ts';
import { parseTemplate } from '../templates/render.ts';
import { contactFieldsIn } from '../templates/contact-fields.ts';
import { checkCompletionRules } from '../templates/completion-rules.ts';
import { sanitizeRichText } from '../tasks/rich-text.ts';
import { prepareWebhookForStorage, type StoredWebhook } from '../webhooks/definition.ts';
import type { Action, ActionInput, PlayOptions, Trigger } from './schema.ts';
import { checkTrigger } from './validate-trigger.ts';

type Shape = {
  subject: 'accounts' | 'contacts';
  trigger: Trigger;
  options: PlayOptions;
  actions: ActionInput[];
  criteria: unknown;
  goalCriteria: unknown;
  ownerUserId: string;
  collaboratorIds: string[];
};

/**
 * Every rule of SPEC §5 that a play definition must satisfy, reported together with body paths.
 * Returns the actions with stable ids (new actions get one) and sanitized descriptions.
 */
export async function validatePlay(
  deps: Deps,
  actor: Actor,
  p: Shape,
  selfId?: string,
  previous: Action[] = [],
): Promise<Action[]> {
  const d: ErrorDetail[] = [];
  const ws = actor.workspaceId;
  const manual = p.trigger.type === 'manual';
  if (p.options.hierarchy && p.subject !== 'accounts')
    d.push({
      path: 'body.options.hierarchy',
      message: 'The hierarchy option applies only to account plays.',
    });
  await checkTrigger(deps.db, ws, p.trigger, d);
  const { today } = await workspaceToday(deps.db, ws, deps.clock.now());
  for (const [key, c] of [
    ['criteria', p.criteria],
    ['goalCriteria', p.goalCriteria],
  ] as const) {
    try {
      await compileCriteria(deps.db, ws, p.subject, c, { today, path: `body.${key}` });
    } catch (err) {
      collect(err, d);
    }
  }
  const seen = new Set<string>();
  const allow = await loadAllowList(deps.db, ws);
  const defs =
    p.subject === 'accounts'
      ? await loadDefinitions(deps.db, ws, 'account')
      : await loadDefinitions(deps.db, ws, 'contact');
  const out: Action[] = [];
  for (const [i, a] of p.actions.entries()) {
    const at = `body.actions.${i}`;
    const id = a.id ?? randomUUID().slice(0, 8);
    if (seen.has(id))
      d.push({ path: `${at}.id`, message: 'Action ids must be unique within a play.' });
    seen.add(id);
    if (manual && a.type !== 'create_task' && a.type !== 'request_information')
      d.push({
        path: `${at}.type`,
        message: 'Manual plays can only create tasks and request information.',
      });
    const action = { ...a, id } as Action;
    switch (action.type) {
      case 'create_task': {
        if (!action.templateId) {
          if (!action.title?.trim())
            d.push({ path: `${at}.title`, message: 'A title is required.' });
          if (!action.description?.trim())
            d.push({ path: `${at}.description`, message: 'A description is required.' });
          if (action.dueInDays === undefined)
            d.push({ path: `${at}.dueInDays`, message: 'A due offset is required.' });
          if (!action.flowId) d.push({ path: `${at}.flowId`, message: 'A flow is required.' });
        }
        if (action.dueInDays !== undefined && action.dueInDays < 1)
          d.push({ path: `${at}.dueInDays`, message: 'Due offsets are at least 1 day.' });
        if (action.title)
          d.push(...parseTemplate(action.title, 'text', allow, `${at}.title`).errors);
        if (action.description) {
          action.description = sanitizeRichText(action.description);
          d.push(...parseTemplate(action.description, 'html', allow, `${at}.description`).errors);
        }
        if (action.templateId)
          await exists(
            deps.db,
            sql`select 1 from task_templates where id = ${action.templateId}::uuid and workspace_id = ${ws}::uuid`,
            `${at}.templateId`,
            'no such template',
            d,
          );
        if (p.subject === 'accounts')
          d.push(...(await contactFieldsOnAccounts(deps.db, ws, action, at)));
        if (action.flowId)
          await exists(
            deps.db,
            sql`select 1 from ${flows} where id = ${action.flowId}::uuid and workspace_id = ${ws}::uuid`,
            `${at}.flowId`,
            'no such flow',
            d,
          );
        await checkRule(deps.db, ws, action.assignee, `${at}.assignee`, d);
        if (action.assignedBy)
          await checkRule(deps.db, ws, action.assignedBy, `${at}.assignedBy`, d);
        if (action.completionRules) {
          const childTarget =
            p.subject === 'accounts' && p.options.hierarchy?.mode === 'one_per_child';
          action.completionRules = await checkCompletionRules(
            deps.db,
            ws,
            action.completionRules,
            `${at}.completionRules`,
            d,
            { childTarget },
          );
        }
        break;
      }
      case 'request_information':
        if (action.dueInDays < 1)
          d.push({ path: `${at}.dueInDays`, message: 'Due offsets are at least 1 day.' });
        await exists(
          deps.db,
          sql`select 1 from ${forms} where id = ${action.formId}::uuid and workspace_id = ${ws}::uuid`,
          `${at}.formId`,
          'no such form',
          d,
        );
        await exists(
          deps.db,
          sql`select 1 from ${flows} where id = ${action.flowId}::uuid and workspace_id = ${ws}::uuid`,
          `${at}.flowId`,
          'no such flow',
          d,
        );
        await checkRule(deps.db, ws, action.assignee, `${at}.assignee`, d);
        // The message becomes the task's rich-text description: cleaned like any other (SPEC §2).
        if (action.message) {
          action.message = sanitizeRichText(action.message);
          d.push(...parseTemplate(action.message, 'html', allow, `${at}.message`).errors);
        }
        break;
      case 'update_information': {
        if (manual)
          d.push({
            path: `${at}.type`,
            message: 'Update information is not available on manual plays.',
          });
        if (p.options.hierarchy)
          d.push({
            path: `${at}.type`,
            message: 'Update information is not available with the hierarchy option.',
          });
        const plain: Record<string, unknown> = {};
        for (const [j, s] of action.set.entries()) {
          const def = defs.get(s.key);
          if (!def) {
            d.push({ path: `${at}.set.${j}.key`, message: `unknown attribute "${s.key}"` });
            continue;
          }
          if (def.crmSynced)
            d.push({
              path: `${at}.set.${j}.key`,
              message: `"${s.key}" is synced with the CRM and cannot be written by plays.`,
            });
          if (s.triggerDateOffsetDays !== undefined && def.type !== 'date')
            d.push({
              path: `${at}.set.${j}.triggerDateOffsetDays`,
              message: 'Only date attributes can be set relative to the trigger date.',
            });
          if (!s.clear && s.triggerDateOffsetDays === undefined) {
            if (s.value === undefined)
              d.push({
                path: `${at}.set.${j}.value`,
                message: 'Give a value, clear, or a trigger-date offset.',
              });
            else plain[s.key] = s.value;
          }
        }
        try {
          await validateAttributes(
            deps.db,
            ws,
            p.subject === 'accounts' ? 'account' : 'contact',
            plain,
            { pathPrefix: `${at}.set`, definitions: defs },
          );
        } catch (err) {
          collect(err, d);
        }
        break;
      }
      case 'celebrate':
      case 'notify':
        if (manual)
          d.push({
            path: `${at}.type`,
            message: 'Celebrate and notify are not available on manual plays.',
          });
        if (p.subject === 'contacts')
          d.push({
            path: `${at}.type`,
            message: 'Celebrate and notify are not available on contact plays.',
          });
        break;
      case 'send_email':
        if (p.subject !== 'contacts')
          d.push({
            path: `${at}.type`,
            message: 'Sending an e-mail to the contact needs a contact play.',
          });
        d.push(
          ...parseTemplate(action.subject, 'header', allow, `${at}.subject`).errors,
          ...parseTemplate(action.body, 'text', allow, `${at}.body`).errors,
        );
        break;
      case 'enroll':
        if (action.playId === selfId)
          d.push({ path: `${at}.playId`, message: 'A play cannot enroll records in itself.' });
        else
          await exists(
            deps.db,
            sql`select 1 from ${plays} where id = ${action.playId}::uuid and workspace_id = ${ws}::uuid`,
            `${at}.playId`,
            'no such play',
            d,
          );
        break;
      case 'webhook': {
        const before = previous.find((x) => x.id === id && x.type === 'webhook') as
          Extract<Action, { type: 'webhook' }> | undefined;
        try {
          action.webhook = prepareWebhookForStorage(action.webhook, deps.secrets, {
            allowList: allow,
            path: `${at}.webhook`,
            previous: before ? (before.webhook as StoredWebhook) : null,
          });
        } catch (err) {
          collect(err, d);
        }
        break;
      }
      default:
        break;
    }
    out.push(action);
  }
  const people = [p.ownerUserId, ...p.collaboratorIds];
  const found = await deps.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, ws), inArray(users.id, people)));
  if (!found.some((u) => u.id === p.ownerUserId))
    d.push({ path: 'body.ownerUserId', message: 'no such user' });
  if (
    new Set(found.map((u) => u.id)).size < new Set(people).size &&
    found.some((u) => u.id === p.ownerUserId)
  )
    d.push({ path: 'body.collaboratorIds', message: 'unknown user' });
  if (d.length) throw errors.validation(d, 'The play is not valid.');
  return out;
}

function collect(err: unknown, d: ErrorDetail[]) {
  const e = err as { code?: string; details?: ErrorDetail[] };
  if (e.code === 'validation_failed' && e.details) d.push(...e.details);
  else throw err;
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

async function exists(
  db: DbOrTx,
  q: ReturnType<typeof sql>,
  path: string,
  message: string,
  d: ErrorDetail[],
) {
  if ((await queryRows(db, q)).length === 0) d.push({ path, message });
}

async function checkRule(
  db: DbOrTx,
  ws: string,
  rule: {
    type: string;
    userId?: string;
    roleId?: string;
    pool?: { userIds?: string[]; teamId?: string };
  },
  path: string,
  d: ErrorDetail[],
) {
  if (rule.type === 'user')
    await exists(
      db,
      sql`select 1 from ${users} where id = ${rule.userId}::uuid and workspace_id = ${ws}::uuid`,
      `${path}.userId`,
      'no such user',
      d,
    );
  if (rule.type === 'role')
    await exists(
      db,
      sql`select 1 from ${accountRoles} where id = ${rule.roleId}::uuid and workspace_id = ${ws}::uuid`,
      `${path}.roleId`,
      'no such role',
      d,
    );
  if (rule.type === 'pool' && rule.pool?.teamId)
    await exists(
      db,
      sql`select 1 from teams where id = ${rule.pool.teamId}::uuid and workspace_id = ${ws}::uuid`,
      `${path}.pool.teamId`,
      'no such team',
      d,
    );
  if (rule.type === 'pool' && !rule.pool?.teamId && !rule.pool?.userIds?.length)
    d.push({ path: `${path}.pool`, message: 'A pool needs users or a team.' });
}
