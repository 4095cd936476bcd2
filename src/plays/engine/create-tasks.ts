import { sql, type SQL } from 'drizzle-orm';
import { addDays } from '../../workspaces/dates.ts';
import { queryRows } from '../../db/rows.ts';
import { textArray } from '../../db/arrays.ts';
import type { CreateTaskAction, RequestInfoAction } from '../schema.ts';
import { templateSql, titleSql } from './merge-sql.ts';
import { targetRows } from './targets.ts';
import { allowListFor, taskEventsNeeded } from './env.ts';
import { assignedBySql, assigneeSql, fallbackSql, taskSpec, type TaskSpec } from './task-spec.ts';
import { LARGE_CHUNK, noCounts, type ActionCounts, type FireCtx } from './context.ts';
import { timelinePayloadJson } from '../../timeline/payload-sql.ts';
import { writeTasks } from '../../tasks/write/write-tasks.ts';
import { priorityName } from '../../tasks/priority.ts';
import { fieldsInMarkup } from '../../templates/fields-in-markup.ts';
import { sanitizeRenderedDescriptions } from './sanitize-rendered.ts';
import {
  addWorkingDaysSql,
  userCalendarSql,
  userTodaySql,
} from '../../working-days/calendar-sql.ts';

type Counts = { created: number; skipped: number; other: number };

/**
 * Creates one task per target in ONE statement: `INSERT … SELECT … ON CONFLICT DO NOTHING` against
 * the partial unique index on (workspace, dedupe_key) where open, so a target that already has an
 * open task from this action gets nothing ("skipped_open_task"), even when several workers fire at
 * once. The same statement writes each task's timeline entry, the per-record results, contact links,
 * the `play_fired` entries of targets that got no task (for the play's first task action), and
 * outbox rows only when some enabled play reacts to task changes.
 */
export async function createTasks(
  ctx: FireCtx,
  action: CreateTaskAction | RequestInfoAction,
): Promise<ActionCounts> {
  const { play, tx } = ctx;
  const spec = await taskSpec(ctx, action);
  const due = dueSql(ctx, spec.dueInDays, spec.dueUnit);
  const prefix = `${play.id}:${action.id}:`;
  const allow = await allowListFor(tx, ctx.env);
  // Only "one per child" tasks record a child: every other path keeps its statement without the extra join.
  const perChild = play.subject === 'accounts' && play.options.hierarchy?.mode === 'one_per_child';
  const k = {
    playName: play.name,
    triggerDate: ctx.today,
    dueDate: due,
    priority: priorityName(spec.priority),
    workspaceName: ctx.env.workspaceName,
    childRow: perChild,
  };
  const title = titleSql(spec.title, allow, k, 'title');
  const description = templateSql(
    spec.description,
    spec.descDest,
    allow,
    { ...k, taskTitle: title },
    'description',
  );
  const tgt = targetRows(play, ctx.targets);
  const { joins, assignee, reason, roleId } = await assigneeSql(ctx, spec.assignee, tgt, prefix);
  // Several records share one task only with the hierarchy "one per parent" or contacts "per account" options.
  const shared =
    play.options.hierarchy?.mode === 'one_per_parent' ||
    (play.subject === 'contacts' && play.options.contactGrouping === 'per_account');
  const keyed = shared
    ? sql`select distinct on (target_key) * from tgt order by target_key, record_id`
    : sql`select * from tgt`;
  const cte = sql`tgt as materialized (${tgt}),
    fb as (select ${fallbackSql(ctx)} as id),
    res as materialized (select k.record_id, k.task_account_id, k.target_key, k.contact_id, k.child_account_id, ${assignee} as assignee_id, ${reason} as fallback_reason,
      ${roleId} as role_id, ${assignedBySql(ctx, spec.assignedBy)} as assigned_by_id, fb.id as fallback_id
      from (${keyed}) k cross join fb ${joins})`;
  const rowsFrom = sql`from res r join accounts ta on ta.id = r.task_account_id
    ${perChild ? sql`join accounts ch on ch.id = r.child_account_id` : sql``}
    left join contacts tc on tc.id = r.contact_id left join users asg on asg.id = r.assignee_id`;
  const large = ctx.count > LARGE_CHUNK;
  // Sorts and hashes of a large chunk stay in memory (the default 4 MB spills them to disk); the settings end with the transaction.
  // No JIT: enable_nestloop off adds PostgreSQL's disable cost to the estimate, so every firing compiled ~120 functions (seconds).
  if (large)
    await tx.execute(
      sql`select set_config('enable_nestloop', 'off', true), set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`,
    );
  const counts = ctx.dryRun
    ? await dryRun(ctx, action.id, { cte, rowsFrom, title, due, prefix })
    : await insertTasks(ctx, action.id, {
        cte,
        rowsFrom,
        title,
        description,
        due,
        prefix,
        kind: spec.kind,
        flowId: spec.flowId,
        priority: spec.priority,
        outcomes: spec.outcomes,
        templateId: spec.templateId,
        formId: spec.formId,
        completionRules: spec.completionRules,
        taskEvents: await taskEventsNeeded(tx, ctx.env),
        // Request-information messages may predate their sanitization at save, so they are always cleaned.
        sanitize: spec.kind === 'request_info' || fieldsInMarkup(spec.description),
      });
  if (large) await tx.execute(sql`select set_config('enable_nestloop', 'on', true)`);
  return { ...noCounts(), ...counts };
}

/**
 * Calendar days: one date for the whole firing (the workspace's today + n). Working days: per row,
 * from the assignee's (`asg`, joined in `rowsFrom`) today in their time zone and their calendar.
 */
function dueSql(ctx: FireCtx, n: number, unit: TaskSpec['dueUnit']): string | SQL {
  if (unit !== 'working_days') return addDays(ctx.today, n);
  const ws = ctx.play.workspaceId;
  return addWorkingDaysSql(
    userTodaySql(ws, sql`asg.id`, ctx.now),
    sql`${n}::int`,
    ws,
    userCalendarSql(ws, sql`asg.id`),
  );
}

type Parts = { cte: SQL; rowsFrom: SQL; title: SQL; due: string | SQL; prefix: string };

/** The action's tasks through the one task writer, with the firing's own results in the same statement. */
async function insertTasks(
  ctx: FireCtx,
  actionId: string,
  p: Parts & {
    description: SQL;
    kind: 'todo' | 'request_info';
    flowId: string;
    priority: 1 | 2 | 3;
    outcomes: string[];
    templateId: string | null;
    formId: string | null;
    completionRules: unknown;
    taskEvents: boolean;
    sanitize: boolean;
  },
): Promise<Counts> {
  const { play } = ctx;
  const ws = play.workspaceId;
  const now = ctx.now;
  const rows = sql`select gen_random_uuid() as id, r.task_account_id as account_id, r.child_account_id, ${p.kind}::text as kind,
      ${p.title} as title, ${p.description} as description, ${p.flowId}::uuid as flow_id, r.assignee_id as assignee_user_id,
      null::uuid as assignee_contact_id, r.role_id as assignee_role_id, r.assigned_by_id, ${p.due}::date as due_date,
      ${p.priority}::smallint as priority, ${textArray(p.outcomes)} as outcomes, 'play'::text as source,
      ${play.id}::uuid as play_id, ${actionId}::text as play_action_id, ${p.templateId}::uuid as template_id,
      ${play.ownerUserId ? sql`${play.ownerUserId}::uuid` : sql`r.fallback_id`} as accountability_user_id, r.fallback_reason,
      ${p.formId}::uuid as form_id, ${JSON.stringify(p.completionRules)}::jsonb as completion_rules,
      ${p.prefix} || r.target_key as dedupe_key, ${play.createdBy}::uuid as created_by_id
    ${p.rowsFrom}
    order by r.target_key`;
  const contactLinks =
    play.subject !== 'contacts'
      ? undefined
      : play.options.contactGrouping === 'per_account'
        ? sql`select distinct i.id as task_id, c.id as contact_id from ins i join contacts c on c.account_id = i.account_id
          where c.id in (select record_id from tgt union select m.record_id from play_memberships m where m.play_id = ${play.id}::uuid)`
        : sql`select i.id as task_id, r.contact_id from ins i join res r on ${p.prefix} || r.target_key = i.dedupe_key where r.contact_id is not null`;
  const playFired =
    ctx.timelineAction === actionId
      ? sql`pf as (insert into timeline_events (workspace_id, account_id, type, payload, created_at)
      select ${ws}::uuid, t.own_account_id, 'play_fired', ${timelinePayloadJson('play_fired', { playId: play.id, playName: play.name, runId: ctx.runId })}, ${now}
      from (select distinct own_account_id from tgt) t
      where not exists (select 1 from ins i where i.account_id = t.own_account_id)), `
      : sql``;
  const [row] = await writeTasks<Counts & { rendered?: Array<{ id: string; d: string }> }>(
    ctx.deps,
    ctx.tx,
    { ctes: p.cte, rows, contactLinks },
    {
      workspaceId: ws,
      now,
      actorId: null,
      play: { id: play.id, name: play.name, runId: ctx.runId },
      changes: p.taskEvents
        ? {
            cause: { chain: [...ctx.chain, play.id] },
            accountEvent: false,
          }
        : false,
      emails: {
        mode: 'per_assignee',
        playName: play.name,
        kind: p.kind,
        // Working days differ per assignee: each e-mail names its recipient's (first) due date.
        dueDate: typeof p.due === 'string' ? p.due : sql`to_char(min(i.due_date), 'YYYY-MM-DD')`,
        priority: p.priority,
      },
      returnDescription: p.sanitize,
      finish: {
        ctes: sql`${playFired}rr as (insert into play_run_results (run_id, play_id, record_id, account_id, action_id, result, task_id, created_at)
      select ${ctx.runId}::uuid, ${play.id}::uuid, t.record_id, t.task_account_id, ${actionId},
        case when i.id is null then 'skipped_open_task' else 'created' end, i.id, ${now}
      from tgt t left join ins i on i.dedupe_key = ${p.prefix} || t.target_key
      returning result)`,
        select: sql`select count(*) filter (where result = 'created')::int as created, count(*) filter (where result <> 'created')::int as skipped, 0 as other
      ${p.sanitize ? sql`, (select coalesce(jsonb_agg(jsonb_build_object('id', i.id, 'd', i.description)), '[]'::jsonb) from ins i) as rendered` : sql``}
    from rr`,
      },
    },
  );
  if (row?.rendered) await sanitizeRenderedDescriptions(ctx.tx, row.rendered);
  return row
    ? { created: row.created, skipped: row.skipped, other: row.other }
    : { created: 0, skipped: 0, other: 0 };
}

/** What the action would do now, per record ("would_create" or "skipped_open_task"); writes only results. */
async function dryRun(
  ctx: FireCtx,
  actionId: string,
  p: Parts,
): Promise<Pick<ActionCounts, 'wouldCreate' | 'skipped'>> {
  const ws = ctx.play.workspaceId;
  const [row] = await queryRows<{ would: number; skipped: number }>(
    ctx.tx,
    sql`with ${p.cte},
    rr as (insert into play_run_results (run_id, play_id, record_id, account_id, action_id, result, task_id, detail, created_at)
      select ${ctx.runId}::uuid, ${ctx.play.id}::uuid, r.record_id, r.task_account_id, ${actionId},
        case when exists (select 1 from tasks t where t.workspace_id = ${ws}::uuid and t.status = 'open' and t.dedupe_key = ${p.prefix} || r.target_key)
          then 'skipped_open_task' else 'would_create' end, null,
        jsonb_build_object('title', ${p.title}, 'dueDate', ${p.due}::text, 'assigneeUserId', r.assignee_id, 'fallbackReason', r.fallback_reason), ${ctx.now}
      ${p.rowsFrom} returning result)
    select count(*) filter (where result = 'would_create')::int as would, count(*) filter (where result = 'skipped_open_task')::int as skipped from rr`,
  );
  return { wouldCreate: row?.would ?? 0, skipped: row?.skipped ?? 0 };
}
