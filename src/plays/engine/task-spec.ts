import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { forms, taskTemplates } from '../../db/schema/index.ts';
import type { CompletionRules } from '../../db/schema/index.ts';
import { queryRows } from '../../db/rows.ts';
import { priorityLevel, type PriorityLevel } from '../../tasks/priority.ts';
import { textArray, uuidArray } from '../../db/arrays.ts';
import { pickAssignees } from '../../assignment/pool.ts';
import type { AssignedByRule, AssigneeRule } from '../../assignment/rule.ts';
import type { CreateTaskAction, RequestInfoAction } from '../schema.ts';
import type { FireCtx } from './context.ts';
import { templateOffset, type DueUnit } from '../../working-days/due-unit.ts';

// A form name is text inside the HTML description, and never a merge field ("{{" is broken up).
const escapeText = (s: string) =>
  s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\{\{/g, '{&#123;');

/** A task definition after resolving its template: what every task of this firing will be. */
export type TaskSpec = {
  kind: 'todo' | 'request_info';
  title: string;
  description: string;
  flowId: string;
  dueInDays: number;
  /** The action's unit for the offset used (its own or its template's); absent: calendar days. */
  dueUnit: DueUnit | undefined;
  priority: PriorityLevel;
  outcomes: string[];
  completionRules: CompletionRules;
  formId: string | null;
  templateId: string | null;
  assignee: AssigneeRule;
  assignedBy: AssignedByRule | null;
  descDest: 'html' | 'text';
};

const dueFrom = (o: { n: number; unit: DueUnit }) => ({ dueInDays: o.n, dueUnit: o.unit });

/** Resolves the action (inline fields, or its template / form as they are now) into a TaskSpec. */
export async function taskSpec(
  ctx: FireCtx,
  a: CreateTaskAction | RequestInfoAction,
): Promise<TaskSpec> {
  if (a.type === 'request_information') {
    const [form] = await ctx.tx
      .select()
      .from(forms)
      .where(and(eq(forms.id, a.formId), eq(forms.workspaceId, ctx.play.workspaceId)));
    if (!form) throw new Error('The form of this action no longer exists.');
    return {
      kind: 'request_info',
      title: `Please update: ${form.name}`,
      description:
        a.message?.trim() || `<p>Please fill in the form "${escapeText(form.name)}".</p>`,
      flowId: a.flowId,
      dueInDays: a.dueInDays,
      dueUnit: a.dueUnit,
      priority: priorityLevel[a.priority ?? 'normal'],
      outcomes: [],
      completionRules: {},
      formId: form.id,
      templateId: null,
      assignee: a.assignee,
      assignedBy: null,
      descDest: 'html',
    };
  }
  if (a.templateId) {
    const [t] = await ctx.tx
      .select()
      .from(taskTemplates)
      .where(
        and(
          eq(taskTemplates.id, a.templateId),
          eq(taskTemplates.workspaceId, ctx.play.workspaceId),
          isNull(taskTemplates.deletedAt),
        ),
      );
    if (!t) throw new Error('The template of this action no longer exists.');
    const outcomes = (t.outcomes as Array<{ name: string }>).map((o) => o.name);
    return {
      kind: t.formId ? 'request_info' : 'todo',
      title: a.title ?? t.title,
      description: a.description ?? t.description,
      flowId: a.flowId ?? t.flowId,
      ...dueFrom(templateOffset(a, t)),
      priority: a.priority ? priorityLevel[a.priority] : (t.priority as PriorityLevel),
      outcomes: a.outcomes ?? outcomes,
      completionRules: a.completionRules ?? t.completionRules ?? {},
      formId: t.formId,
      templateId: t.id,
      assignee: a.assignee,
      assignedBy: a.assignedBy ?? null,
      descDest: 'html',
    };
  }
  return {
    kind: 'todo',
    title: a.title!,
    description: a.description!,
    flowId: a.flowId!,
    dueInDays: a.dueInDays!,
    dueUnit: a.dueUnit,
    priority: priorityLevel[a.priority ?? 'normal'],
    outcomes: a.outcomes ?? [],
    completionRules: a.completionRules ?? {},
    formId: null,
    templateId: null,
    assignee: a.assignee,
    assignedBy: a.assignedBy ?? null,
    descDest: 'html',
  };
}

/**
 * The fallback user as one SQL expression (no round trip): the play's owner if enabled, else its
 * creator if enabled, else whichever of them exists (SPEC §6).
 */
export function fallbackSql(ctx: FireCtx): SQL {
  const { ownerUserId: owner, createdBy: creator, workspaceId: ws } = ctx.play;
  if (!owner && !creator) throw new Error('The play has no owner or creator to fall back to.');
  const enabled = (id: string | null) =>
    id
      ? sql`(select u.id from users u where u.id = ${id}::uuid and u.workspace_id = ${ws}::uuid and u.enabled)`
      : sql`null::uuid`;
  return sql`coalesce(${enabled(owner)}, ${enabled(creator)}, ${owner ?? creator}::uuid)`;
}

/**
 * Assignee as SQL over `keyed k` (alias) with the fallback CTE `fb`: a named user or the account's
 * role holder by join (set-based); pools are picked in code for the keys that will really get a
 * task, so only those consume capacity or a round-robin turn.
 */
export async function assigneeSql(ctx: FireCtx, rule: AssigneeRule, tgt: SQL, prefix: string) {
  if (rule.type === 'user') {
    return {
      joins: sql`left join users au on au.id = ${rule.userId}::uuid and au.enabled and au.workspace_id = ${ctx.play.workspaceId}::uuid`,
      assignee: sql`coalesce(au.id, fb.id)`,
      reason: sql`case when au.id is null then 'user_disabled' end`,
      roleId: sql`null::uuid`,
    };
  }
  if (rule.type === 'role') {
    return {
      joins: sql`left join account_role_holders rh on rh.account_id = k.task_account_id and rh.role_id = ${rule.roleId}::uuid
        left join users au on au.id = rh.user_id and au.enabled`,
      assignee: sql`coalesce(au.id, fb.id)`,
      reason: sql`case when rh.user_id is null then 'no_role_holder' when au.id is null then 'role_holder_disabled' end`,
      roleId: sql`${rule.roleId}::uuid`,
    };
  }
  const keys = (
    await queryRows<{ target_key: string }>(
      ctx.tx,
      sql`select distinct t.target_key from (${tgt}) t
    where not exists (select 1 from tasks x where x.workspace_id = ${ctx.play.workspaceId}::uuid and x.status = 'open' and x.dedupe_key = ${prefix} || t.target_key)
    order by t.target_key`,
    )
  ).map((r) => r.target_key);
  // A dry run must not advance the round-robin cursor: it previews with least-loaded instead.
  const { picks, empty } =
    ctx.dryRun && rule.pool.strategy === 'round_robin'
      ? await pickAssignees(
          ctx.tx,
          ctx.play.workspaceId,
          { ...rule.pool, strategy: 'least_loaded' },
          keys.length,
          ctx.now,
          '',
        )
      : await pickAssignees(ctx.tx, ctx.play.workspaceId, rule.pool, keys.length, ctx.now, prefix);
  const none = '00000000-0000-0000-0000-000000000000';
  const users = picks.map((p) => p ?? none);
  return {
    joins: sql`left join (select unnest(${textArray(keys)}) as key, nullif(unnest(${uuidArray(users)}), ${none}::uuid) as user_id) pm on pm.key = k.target_key`,
    assignee: sql`coalesce(pm.user_id, fb.id)`,
    reason: sql`case when pm.user_id is null then ${empty ? 'pool_empty' : 'nobody_available'} end`,
    roleId: sql`null::uuid`,
  };
}

/** Assigned-by as SQL: a named user, the role holder on the task's account, or the owner / fallback. */
export function assignedBySql(ctx: FireCtx, rule: AssignedByRule | null): SQL {
  const owner = ctx.play.ownerUserId ? sql`${ctx.play.ownerUserId}::uuid` : sql`fb.id`;
  if (!rule) return owner;
  if (rule.type === 'user') return sql`${rule.userId}::uuid`;
  return sql`coalesce((select h2.user_id from account_role_holders h2 where h2.account_id = k.task_account_id and h2.role_id = ${rule.roleId}::uuid), ${owner})`;
}
