import { sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { TASK_COLUMNS, type TaskSource } from './task-rows.ts';
import {
  changeEventsSql,
  eachEmailSql,
  oneContactSql,
  perAssigneeEmailSql,
  timelineSql,
  type ByPlay,
  type TaskCause,
} from './side-writes.ts';
import { assignedFeedSql } from './assigned-feed.ts';

/** How the new tasks' assignees are told. */
export type TaskEmails =
  | { mode: 'none' }
  /** One e-mail per task, written in code (`assignmentEmail`); `messages` yields `(task_id, subject, text, html)`. */
  | { mode: 'each'; messages: SQL }
  /** A firing's rows (one task definition): one e-mail per task, or one summary per assignee with several. */
  | {
      mode: 'per_assignee';
      playName: string;
      kind: string;
      /** A date, or an aggregate over the recipient's tasks `i` (working days differ per assignee). */
      dueDate: string | SQL;
      priority: number;
    };

export type TaskWriteOptions = {
  workspaceId: string;
  now: Date;
  /** Who did it (timeline `actor_id`); null for automation. */
  actorId: string | null;
  /** The firing the tasks came from (named in their timeline entries). */
  play?: ByPlay;
  /** `false`: no change events (the engine writes them only when some play reads tasks). */
  changes: false | { cause: TaskCause; accountEvent: boolean };
  emails: TaskEmails;
  /** Also return each inserted task's description (the engine sanitizes SQL-rendered ones). */
  returnDescription?: boolean;
  /**
   * More of the same statement after the writes, reading `ins` (and the source's CTEs): `ctes`
   * without a leading comma, and the final `select` (by default the inserted ids).
   */
  finish?: { ctes?: SQL; select: SQL };
};

const insertColumns = sql.raw(TASK_COLUMNS.join(', '));
const sourceColumns = sql.raw(TASK_COLUMNS.map((c) => `s.${c}`).join(', '));

/**
 * THE task writer: every path that creates tasks (manual, template applied by hand, outcome
 * follow-up, the play engine, journeys) hands it a set of rows and gets, in ONE data-modifying
 * statement, the tasks (`INSERT … SELECT … ON CONFLICT DO NOTHING`: the partial unique index on open
 * `dedupe_key` makes a play's task exactly-once), their contact links, `task_created` timeline
 * entries, change events and assignment e-mails — side writes only for rows really inserted.
 */
export async function writeTasks<R = { id: string }>(
  deps: Pick<Deps, 'mailer'>,
  tx: DbOrTx,
  source: TaskSource,
  o: TaskWriteOptions,
): Promise<R[]> {
  const ws = o.workspaceId;
  const status = deps.mailer.smtp ? 'pending' : 'outbox';
  const links = Boolean(source.contactLinks);
  const parts: SQL[] = [
    sql`ins as (
      insert into tasks (workspace_id, ${insertColumns}, created_at, updated_at)
      select ${ws}::uuid, ${sourceColumns}, ${o.now}, ${o.now} from (${source.rows}) s
      on conflict do nothing
      returning id, account_id, dedupe_key, kind, title, source, flow_id, due_date, priority, assignee_user_id,
        assignee_contact_id, play_id, template_id${o.returnDescription ? sql`, description` : sql``})`,
  ];
  if (links)
    parts.push(
      sql`links as materialized (select l.task_id, l.contact_id from (${source.contactLinks}) l where l.task_id in (select id from ins))`,
      sql`tc as (insert into task_contacts (workspace_id, task_id, contact_id) select ${ws}::uuid, task_id, contact_id from links)`,
    );
  parts.push(
    ...(links ? [sql`one_contact as (${oneContactSql})`] : []),
    sql`tl as (${timelineSql(ws, o.now, o.actorId, o.play, links)})`,
    assignedFeedSql(ws, o.now, o.actorId, o.play),
  );
  if (o.changes)
    changeEventsSql(ws, o.now, o.changes.cause, o.changes.accountEvent).forEach((c, n) =>
      parts.push(sql`ce${sql.raw(String(n))} as (${c})`),
    );
  if (o.emails.mode === 'each')
    parts.push(sql`em as (${eachEmailSql(ws, o.now, status, o.emails.messages)})`);
  if (o.emails.mode === 'per_assignee')
    parts.push(
      sql`em as (${perAssigneeEmailSql(ws, o.now, status, {
        playName: o.emails.playName,
        kind: o.emails.kind,
        due: o.emails.dueDate,
        priority: o.emails.priority,
      })})`,
    );
  if (o.finish?.ctes) parts.push(o.finish.ctes);
  const head = source.ctes ? sql`with ${source.ctes}, ` : sql`with `;
  return queryRows<R>(
    tx,
    sql`${head}${sql.join(parts, sql`, `)} ${o.finish?.select ?? sql`select id from ins`}`,
  );
}
