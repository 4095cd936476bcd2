import { sql, type SQL } from 'drizzle-orm';
import { timelinePayloadSql, userRefSql } from '../../timeline/payload-sql.ts';
import type { ChangePayloads } from '../../events/payloads.ts';
import { changePayloadSql, insertChangeEventsSql, jsonValue } from '../../events/payload-sql.ts';
import { priorityName, priorityNameSql } from '../priority.ts';
import { formatDueDate, formatDueDateSql } from '../../notifications/task-email.ts';

// Every part reads `ins`, the tasks the statement inserted (RETURNING_COLUMNS of write-tasks.ts).

const priorityText = priorityNameSql(sql`i.priority`);
/** A date as YYYY-MM-DD whatever the session's DateStyle. */
const dateText = (d: SQL) => sql`to_char(${d}, 'YYYY-MM-DD')`;

/** The play a firing's tasks came from, named in their timeline entries. */
export type ByPlay = { id: string; name: string; runId: string };

/**
 * One `task_created` entry per inserted task (typed payload, `timeline/events.ts`), on the account's
 * timeline and the assignee's feed. A contact assignee is named by a subquery that runs only for them.
 */
export function timelineSql(
  ws: string,
  now: Date,
  actorId: string | null,
  play: ByPlay | undefined,
  hasLinks: boolean,
): SQL {
  const contactRef = sql`(select jsonb_build_object('type', 'contact', 'id', c.id::text, 'name', btrim(c.first_name || ' ' || c.last_name))
    from contacts c where c.id = i.assignee_contact_id)`;
  const payload = timelinePayloadSql('task_created', {
    title: sql`i.title`,
    kind: sql`i.kind`,
    source: sql`i.source`,
    dueDate: dateText(sql`i.due_date`),
    priority: priorityText,
    assignee: sql`coalesce(${userRefSql(sql`i.assignee_user_id`, sql`u.name`)}, ${contactRef})`,
    ...(play
      ? {
          playId: sql`${play.id}::text`,
          playName: sql`${play.name}::text`,
          runId: sql`${play.runId}::text`,
        }
      : {}),
  });
  // Optional keys in one object: absent rather than null (`templateId?`, `contactId?`).
  const optional = jsonbStripNulls(
    hasLinks
      ? sql`jsonb_build_object('templateId', i.template_id::text, 'contactId', l.contact_id::text)`
      : sql`jsonb_build_object('templateId', i.template_id::text)`,
  );
  return sql`insert into timeline_events (workspace_id, account_id, user_id, actor_id, task_id, type, payload, created_at)
    select ${ws}::uuid, i.account_id, i.assignee_user_id, ${actorId}::uuid, i.id, 'task_created', ${payload} || ${optional}, ${now}
    from ins i left join users u on u.id = i.assignee_user_id${hasLinks ? sql` left join one_contact l on l.task_id = i.id` : sql``}`;
}

/** The contact a task is about when it has exactly one linked contact (a template applied to a contact). */
export const oneContactSql = sql`select task_id, min(contact_id::text)::uuid as contact_id from links group by task_id having count(*) = 1`;

const jsonbStripNulls = (o: SQL) => sql`jsonb_strip_nulls(${o})`;

/** Why the tasks were written, merged into each task's `created` change event (chain, outcome, …). */
export type TaskCause = Omit<
  ChangePayloads['task.created'],
  'kind' | 'source' | 'flowId' | 'assigneeUserId' | 'templateId' | 'playId'
>;

/**
 * A `task.created` change event per task (typed, `events/payloads.ts`): what the engine's task
 * criteria and loop protection read (kind, source, flow, assignee, play, template, and the cause's
 * chain); `accountEvent` adds the account's `updated` event naming the task.
 */
export function changeEventsSql(
  ws: string,
  now: Date,
  cause: TaskCause,
  accountEvent: boolean,
): SQL[] {
  const constant = (v: unknown) => (v === undefined ? undefined : jsonValue(v));
  const created = insertChangeEventsSql('task.created', {
    workspaceId: ws,
    entityId: sql`i.id`,
    accountId: sql`i.account_id`,
    payload: changePayloadSql('task.created', {
      kind: sql`i.kind`,
      source: sql`i.source`,
      flowId: sql`i.flow_id`,
      assigneeUserId: sql`i.assignee_user_id`,
      playId: sql`i.play_id`,
      templateId: sql`i.template_id`,
      actorId: constant(cause.actorId),
      cause: constant(cause.cause),
      reason: constant(cause.reason),
      taskId: constant(cause.taskId),
      chain: constant(cause.chain),
      outcome: constant(cause.outcome),
    }),
    at: now,
    rows: sql`from ins i`,
  });
  if (!accountEvent) return [created];
  const account = insertChangeEventsSql('account.updated', {
    workspaceId: ws,
    entityId: sql`i.account_id`,
    accountId: sql`i.account_id`,
    payload: changePayloadSql('account.updated', {
      actorId: constant(cause.actorId),
      cause: sql`'task_created'::text`,
      taskId: sql`i.id`,
    }),
    at: now,
    rows: sql`from ins i`,
  });
  return [created, account];
}

/** Who gets assignment e-mails: enabled user assignees who opted in, or all when the workspace forces them. */
const recipients = (
  ws: string,
) => sql`join users u on u.id = i.assignee_user_id join workspaces w on w.id = ${ws}::uuid
  where u.enabled and (u.email_notifications or coalesce((w.settings->>'forceTaskEmails')::boolean, false))`;

/** One e-mail per inserted task, its text and HTML written in code (`assignment-email.ts`). */
export function eachEmailSql(ws: string, now: Date, status: string, messages: SQL): SQL {
  return sql`insert into email_outbox (workspace_id, to_address, subject, text_body, html_body, kind, status, next_attempt_at, created_at)
    select ${ws}::uuid, u.email, m.subject, m.text, m.html, 'task_assigned', ${status}, ${now}, ${now}
    from ins i join (${messages}) m on m.task_id = i.id ${recipients(ws)}`;
}

const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ');

/**
 * A firing's e-mails, set-based (SPEC §2, seed 000): one per new task, or, when this firing gives a
 * user several tasks, one summary listing the first 20 instead of a flood. Titles are already one
 * line (`titleSql`); the subject is a header, so the play name is made one too.
 */
export function perAssigneeEmailSql(
  ws: string,
  now: Date,
  status: string,
  p: { playName: string; kind: string; due: string | SQL; priority: number },
): SQL {
  const what = p.kind === 'request_info' ? 'requested information from you' : 'assigned you a task';
  const priority = priorityName(p.priority);
  // The same words for the date as every task e-mail (this text is what the outbox shows).
  const due = typeof p.due === 'string' ? formatDueDate(p.due) : formatDueDateSql(p.due);
  const nl = sql`chr(10)`;
  const hi = sql`'Hi ' || u.name || ', the play "' || ${p.playName} || '" '`;
  const single = sql`${hi} || ${what} || '.' || ${nl} || ${nl} || 'Task: ' || min(i.title) || ${nl} || 'Account: ' || min(a.name)
    || ${nl} || 'Due: ' || ${due} || ${nl} || 'Priority: ' || ${priority}`;
  const summary = sql`${hi} || 'assigned you ' || count(*) || ' tasks, due ' || ${due} || ', priority ' || ${priority} || ':' || ${nl} || ${nl}
    || array_to_string((array_agg('- ' || i.title || ' (' || a.name || ')' order by a.name, i.id))[1:20], chr(10))
    || case when count(*) > 20 then ${nl} || '… and ' || (count(*) - 20) || ' more in My Portfolio.' else '' end`;
  // The sender renders HTML and signs each task's complete link from `payload` at delivery
  // (`deliver-outbox.ts`); the text here is the fallback. Task ids in the listed order.
  const payload = sql`jsonb_build_object('taskIds', to_jsonb((array_agg(i.id::text order by a.name, i.id))[1:20]), 'play', ${p.playName}::text, 'total', count(*))`;
  return sql`insert into email_outbox (workspace_id, to_address, subject, text_body, payload, kind, status, next_attempt_at, created_at)
    select ${ws}::uuid, u.email,
      case when count(*) = 1 then 'New task: ' || left(min(i.title), 190)
        else 'New tasks: ' || count(*) || ' from ' || left(${oneLine(p.playName)}, 150) end,
      case when count(*) = 1 then ${single} else ${summary} end, ${payload},
      'task_assigned', ${status}, ${now}, ${now}
    from ins i join accounts a on a.id = i.account_id ${recipients(ws)}
    group by u.id, u.email, u.name`;
}
