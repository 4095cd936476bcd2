import { sql, type SQL } from 'drizzle-orm';
import { and, eq, isNull } from 'drizzle-orm';
import { forms, taskTemplates, workspaces } from '../../db/schema/index.ts';
import type { CompletionRules } from '../../db/schema/index.ts';
import { loadAllowList } from '../../templates/merge-fields.ts';
import { addDays } from '../../workspaces/dates.ts';
import { queryRows } from '../../segments/rows.ts';
import { fallbackUser } from '../../assignment/resolve.ts';
import { pickFromPool } from '../../assignment/pool.ts';
import type { AssignedByRule, AssigneeRule } from '../../assignment/rule.ts';
import type { CreateTaskAction, RequestInfoAction } from '../schema.ts';
import { templateSql } from './merge-sql.ts';
import { targetRows } from './targets.ts';
import { noCounts, type ActionCounts, type FireCtx } from './context.ts';

const priorityLevel = { high: 1, normal: 2, low: 3 } as const;

/** A task definition after resolving its template: what every task of this firing will be. */
type Spec = {
  kind: 'todo' | 'request_info'; title: string; description: string; flowId: string; dueInDays: number; priority: 1 | 2 | 3;
  outcomes: string[]; completionRules: CompletionRules; formId: string | null; templateId: string | null;
  assignee: AssigneeRule; assignedBy: AssignedByRule | null; titleDest: 'text'; descDest: 'html' | 'text';
};

async function specFor(ctx: FireCtx, a: CreateTaskAction | RequestInfoAction): Promise<Spec> {
  if (a.type === 'request_information') {
    const [form] = await ctx.tx.select().from(forms).where(and(eq(forms.id, a.formId), eq(forms.workspaceId, ctx.play.workspaceId)));
    if (!form) throw new Error('The form of this action no longer exists.');
    return {
      kind: 'request_info', title: `Please update: ${form.name}`, description: a.message?.trim() || `Please fill in the form "${form.name}".`,
      flowId: a.flowId, dueInDays: a.dueInDays, priority: priorityLevel[a.priority ?? 'normal'], outcomes: [], completionRules: {},
      formId: form.id, templateId: null, assignee: a.assignee, assignedBy: null, titleDest: 'text', descDest: 'text',
    };
  }
  if (a.templateId) {
    const [t] = await ctx.tx.select().from(taskTemplates)
      .where(and(eq(taskTemplates.id, a.templateId), eq(taskTemplates.workspaceId, ctx.play.workspaceId), isNull(taskTemplates.deletedAt)));
    if (!t) throw new Error('The template of this action no longer exists.');
    const outcomes = (t.outcomes as Array<{ name: string }>).map((o) => o.name);
    return {
      kind: t.formId ? 'request_info' : 'todo', title: a.title ?? t.title, description: a.description ?? t.description, flowId: a.flowId ?? t.flowId,
      dueInDays: a.dueInDays ?? t.dueOffsetDays, priority: a.priority ? priorityLevel[a.priority] : (t.priority as 1 | 2 | 3),
      outcomes: a.outcomes ?? outcomes, completionRules: a.completionRules ?? t.completionRules ?? {}, formId: t.formId, templateId: t.id,
      assignee: a.assignee, assignedBy: a.assignedBy ?? null, titleDest: 'text', descDest: 'html',
    };
  }
  return {
    kind: 'todo', title: a.title!, description: a.description!, flowId: a.flowId!, dueInDays: a.dueInDays!, priority: priorityLevel[a.priority ?? 'normal'],
    outcomes: a.outcomes ?? [], completionRules: a.completionRules ?? {}, formId: null, templateId: null,
    assignee: a.assignee, assignedBy: a.assignedBy ?? null, titleDest: 'text', descDest: 'html',
  };
}

const textArray = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

/**
 * Creates one task per target in ONE `INSERT … SELECT … ON CONFLICT DO NOTHING`: the partial unique
 * index on (workspace, dedupe_key) where open means a target that already has an open task from
 * this action gets nothing ("skipped_open_task"), even when several workers fire at once.
 * Timeline entries, outbox events, contact links and per-record results are written in the same statement.
 */
export async function createTasks(ctx: FireCtx, action: CreateTaskAction | RequestInfoAction): Promise<ActionCounts> {
  const { play, tx } = ctx;
  const ws = play.workspaceId;
  const spec = await specFor(ctx, action);
  const due = addDays(ctx.today, spec.dueInDays);
  const prefix = `${play.id}:${action.id}:`;
  const fallback = await fallbackUser(tx, ws, { ownerUserId: play.ownerUserId, createdBy: play.createdBy });
  if (!fallback) throw new Error('The play has no owner or creator to fall back to.');
  const [wsRow] = await tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, ws));
  const allow = await loadAllowList(tx, ws);
  const k = { playName: play.name, triggerDate: ctx.today, dueDate: due, priority: ({ 1: 'high', 2: 'normal', 3: 'low' } as const)[spec.priority], workspaceName: wsRow?.name ?? '' };
  const title = templateSql(spec.title, 'text', allow, k, 'title');
  const description = templateSql(spec.description, spec.descDest, allow, k, 'description');
  const tgt = targetRows(play, ctx.targets);
  const { joins, assignee, reason, roleId } = await assigneeSql(ctx, spec.assignee, tgt, prefix, fallback);
  const assignedBy = assignedBySql(spec.assignedBy, play.ownerUserId ?? fallback);
  const res = sql`select k.*, ${assignee} as assignee_id, ${reason} as fallback_reason, ${roleId} as role_id, ${assignedBy} as assigned_by_id
    from keyed k ${joins}`;
  const cte = sql`with tgt as materialized (${tgt}),
    keyed as (select distinct on (target_key) record_id, task_account_id, target_key, contact_id from tgt order by target_key, record_id),
    res as materialized (${res})`;
  // CTE row estimates are guesses; a nested loop over two CTEs of N rows is O(N²), so hash joins only.
  await tx.execute(sql`set local enable_nestloop = off`);
  const rowsFrom = sql`from res r join accounts ta on ta.id = r.task_account_id left join contacts tc on tc.id = r.contact_id left join users asg on asg.id = r.assignee_id`;

  if (ctx.dryRun) {
    const rows = await queryRows<{ result: string }>(tx, sql`${cte}
      insert into play_run_results (run_id, play_id, record_id, account_id, action_id, result, task_id, detail, created_at)
      select ${ctx.runId}::uuid, ${play.id}::uuid, r.record_id, r.task_account_id, ${action.id},
        case when exists (select 1 from tasks t where t.workspace_id = ${ws}::uuid and t.status = 'open' and t.dedupe_key = ${prefix} || r.target_key)
          then 'skipped_open_task' else 'would_create' end, null,
        jsonb_build_object('title', ${title}, 'dueDate', ${due}::text, 'assigneeUserId', r.assignee_id, 'fallbackReason', r.fallback_reason), ${ctx.now}
      ${rowsFrom} returning result`);
    await tx.execute(sql`set local enable_nestloop = on`);
    return tally(rows);
  }
  const perAccountContacts = play.subject === 'contacts' && play.options.contactGrouping === 'per_account';
  const contactLinks = play.subject !== 'contacts' ? sql`select null::uuid as task_id, null::uuid as contact_id where false`
    : perAccountContacts
      ? sql`select distinct i.id, c.id from ins i join contacts c on c.account_id = i.account_id
          where c.id in (select record_id from tgt union select m.record_id from play_memberships m where m.play_id = ${play.id}::uuid)`
      : sql`select i.id, r.contact_id from ins i join res r on ${prefix} || r.target_key = i.dedupe_key where r.contact_id is not null`;
  const event = JSON.stringify({ playId: play.id, source: 'play', chain: [...ctx.chain, play.id] });
  const rows = await queryRows<{ result: string }>(tx, sql`${cte},
    ins as (
      insert into tasks (workspace_id, account_id, kind, title, description, flow_id, assignee_user_id, assignee_role_id, assigned_by_id,
        due_date, priority, outcomes, source, play_id, play_action_id, template_id, accountability_user_id, fallback_reason, form_id,
        completion_rules, dedupe_key, created_by_id, created_at, updated_at)
      select ${ws}::uuid, r.task_account_id, ${spec.kind}, ${title}, ${description}, ${spec.flowId}::uuid, r.assignee_id, r.role_id, r.assigned_by_id,
        ${due}::date, ${spec.priority}::smallint, ${textArray(spec.outcomes)}::text[], 'play', ${play.id}::uuid, ${action.id}, ${spec.templateId}::uuid,
        ${play.ownerUserId ?? fallback}::uuid, r.fallback_reason, ${spec.formId}::uuid, ${JSON.stringify(spec.completionRules)}::jsonb,
        ${prefix} || r.target_key, ${play.createdBy}::uuid, ${ctx.now}, ${ctx.now}
      ${rowsFrom}
      on conflict do nothing
      returning id, account_id, dedupe_key, assignee_user_id
    ),
    tl as (insert into timeline_events (workspace_id, account_id, user_id, task_id, type, payload, created_at)
      select ${ws}::uuid, i.account_id, i.assignee_user_id, i.id, 'task_created', ${JSON.stringify({ playId: play.id, playName: play.name, runId: ctx.runId, source: 'play' })}::jsonb, ${ctx.now} from ins i),
    ce as (insert into change_events (workspace_id, entity, entity_id, account_id, kind, payload, created_at)
      select ${ws}::uuid, 'task', i.id, i.account_id, 'created', ${event}::jsonb, ${ctx.now} from ins i),
    tc as (insert into task_contacts (workspace_id, task_id, contact_id) select ${ws}::uuid, l.* from (${contactLinks}) l)
    insert into play_run_results (run_id, play_id, record_id, account_id, action_id, result, task_id, detail, created_at)
    select ${ctx.runId}::uuid, ${play.id}::uuid, t.record_id, t.task_account_id, ${action.id},
      case when i.id is null then 'skipped_open_task' else 'created' end, i.id, '{}'::jsonb, ${ctx.now}
    from tgt t left join ins i on i.dedupe_key = ${prefix} || t.target_key
    returning result`);
  await tx.execute(sql`set local enable_nestloop = on`);
  return tally(rows);
}

function tally(rows: Array<{ result: string }>): ActionCounts {
  const c = noCounts();
  for (const r of rows) {
    if (r.result === 'created') c.created++;
    else if (r.result === 'skipped_open_task') c.skipped++;
    else c.other++;
  }
  return c;
}

/** Assignee as SQL: a named user or the account's role holder by join (set-based); pools are picked in code. */
async function assigneeSql(ctx: FireCtx, rule: AssigneeRule, tgt: SQL, prefix: string, fallback: string) {
  const fb = sql`${fallback}::uuid`;
  if (rule.type === 'user') {
    return {
      joins: sql`left join users au on au.id = ${rule.userId}::uuid and au.enabled and au.workspace_id = ${ctx.play.workspaceId}::uuid`,
      assignee: sql`coalesce(au.id, ${fb})`, reason: sql`case when au.id is null then 'user_disabled' end`, roleId: sql`null::uuid`,
    };
  }
  if (rule.type === 'role') {
    return {
      joins: sql`left join account_role_holders rh on rh.account_id = k.task_account_id and rh.role_id = ${rule.roleId}::uuid
        left join users au on au.id = rh.user_id and au.enabled`,
      assignee: sql`coalesce(au.id, ${fb})`,
      reason: sql`case when rh.user_id is null then 'no_role_holder' when au.id is null then 'role_holder_disabled' end`,
      roleId: sql`${rule.roleId}::uuid`,
    };
  }
  // Pools: only keys that will really get a task consume capacity or a round-robin turn.
  const keys = (await queryRows<{ target_key: string }>(ctx.tx, sql`select distinct t.target_key from (${tgt}) t
    where not exists (select 1 from tasks x where x.workspace_id = ${ctx.play.workspaceId}::uuid and x.status = 'open' and x.dedupe_key = ${prefix} || t.target_key)
    order by t.target_key`)).map((r) => r.target_key);
  const picks = ctx.dryRun && rule.pool.strategy === 'round_robin'
    ? await pickFromPool(ctx.tx, ctx.play.workspaceId, { ...rule.pool, strategy: 'least_loaded' }, keys.length, ctx.now, '')
    : await pickFromPool(ctx.tx, ctx.play.workspaceId, rule.pool, keys.length, ctx.now, prefix);
  const users = picks.map((p) => p ?? '00000000-0000-0000-0000-000000000000');
  return {
    joins: sql`left join (select unnest(${`{${keys.join(',')}}`}::text[]) as key, nullif(unnest(${`{${users.join(',')}}`}::uuid[]), '00000000-0000-0000-0000-000000000000'::uuid) as user_id) pm on pm.key = k.target_key`,
    assignee: sql`coalesce(pm.user_id, ${fb})`, reason: sql`case when pm.user_id is null then 'nobody_available' end`, roleId: sql`null::uuid`,
  };
}

function assignedBySql(rule: AssignedByRule | null, owner: string): SQL {
  if (!rule) return sql`${owner}::uuid`;
  if (rule.type === 'user') return sql`${rule.userId}::uuid`;
  return sql`coalesce((select h2.user_id from account_role_holders h2 where h2.account_id = k.task_account_id and h2.role_id = ${rule.roleId}::uuid), ${owner}::uuid)`;
}
