// What a journey's exit policy does to its open tasks, set-based: a fixed handful of statements however
// many journeys leave at once. Each is the SQL twin of the single-task write (tasks/delete-task.ts,
// tasks/mark-completed.ts): the same status change, timeline entry, feed and change events, so
// outcome actions and plays reacting to task changes follow as for a person's write.
import { sql } from 'drizzle-orm';
import type { Actor } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { uuidArray } from '../../db/arrays.ts';
import { recordChanges, type Change } from '../../events/record-change.ts';
import { feedPayloadSql, writeFeedItems } from '../../feed/write-feed.ts';
import { timelinePayloadSql } from '../../timeline/payload-sql.ts';

type Closed = {
  id: string;
  account_id: string;
  play_id: string | null;
  template_id: string | null;
};

const accountTouched = (
  workspaceId: string,
  t: Closed,
  cause: 'task_deleted' | 'task_completed',
): Change => ({
  workspaceId,
  entity: 'account',
  entityId: t.account_id,
  accountId: t.account_id,
  kind: 'updated',
  payload: { cause, taskId: t.id },
});

/** Cancels the tasks still open among `ids` (as a user's delete); answers how many. */
export async function cancelTasks(
  tx: DbOrTx,
  workspaceId: string,
  ids: string[],
  o: { now: Date; by: Actor | null },
): Promise<number> {
  const gone = await queryRows<Closed>(
    tx,
    sql`update tasks set status = 'deleted', deleted_at = ${o.now}, version = version + 1, updated_at = ${o.now}
      where id = any(${uuidArray(ids)}) and status = 'open' returning id, account_id, play_id, template_id`,
  );
  if (gone.length === 0) return 0;
  const done = uuidArray(gone.map((g) => g.id));
  await tx.execute(sql`insert into timeline_events (workspace_id, account_id, user_id, actor_id, task_id, type, payload, created_at)
    select ${workspaceId}::uuid, t.account_id, t.assignee_user_id, ${o.by?.userId ?? null}::uuid, t.id, 'task_deleted',
      ${timelinePayloadSql('task_deleted', { title: sql`t.title` })}, ${o.now}
    from tasks t where t.id = any(${done})`);
  await recordChanges(
    tx,
    gone.flatMap((t) => [
      {
        workspaceId,
        entity: 'task' as const,
        entityId: t.id,
        accountId: t.account_id,
        kind: 'deleted' as const,
        payload: { playId: t.play_id },
      },
      accountTouched(workspaceId, t, 'task_deleted'),
    ]),
  );
  return gone.length;
}

/**
 * Completes the tasks still open among `ids` with `outcome` by `actor` (as markCompleted does for
 * one): the timeline entry, the creator's and assigner's feed, and the change events whose consumer
 * runs the outcome's actions. Answers how many.
 */
export async function completeTasks(
  tx: DbOrTx,
  actor: Actor,
  ids: string[],
  outcome: string,
  at: Date,
): Promise<number> {
  const ws = actor.workspaceId;
  const done = await queryRows<Closed>(
    tx,
    sql`update tasks set status = 'completed', completed_at = ${at}, completed_by_id = ${actor.userId}::uuid,
        outcome = ${outcome}, version = version + 1, updated_at = ${at}
      where id = any(${uuidArray(ids)}) and status = 'open' returning id, account_id, play_id, template_id`,
  );
  if (done.length === 0) return 0;
  const doneIds = uuidArray(done.map((d) => d.id));
  await tx.execute(sql`insert into timeline_events (workspace_id, account_id, user_id, actor_id, task_id, type, payload, created_at)
    select ${ws}::uuid, t.account_id, t.assignee_user_id, ${actor.userId}::uuid, t.id, 'task_completed',
      ${timelinePayloadSql('task_completed', { title: sql`t.title`, kind: sql`t.kind`, outcome: sql`${outcome}::text` })}, ${at}
    from tasks t where t.id = any(${doneIds})`);
  // Not the person who completed them, who knows (tasks/outcome-feed.ts).
  await writeFeedItems(tx, 'task_outcome', {
    workspaceId: ws,
    userId: sql`u.id`,
    accountId: sql`t.account_id`,
    taskId: sql`t.id`,
    payload: feedPayloadSql('task_outcome', {
      title: sql`t.title`,
      accountName: sql`(select a.name from accounts a where a.id = t.account_id)`,
      outcome: sql`${outcome}::text`,
      completedBy: sql`${JSON.stringify({ id: actor.userId, name: actor.name })}::jsonb`,
    }),
    at,
    rows: sql`from tasks t join users u on u.id in (t.created_by_id, t.assigned_by_id)
      where t.id = any(${doneIds}) and u.workspace_id = ${ws}::uuid and u.enabled and u.id is distinct from ${actor.userId}::uuid`,
  });
  await recordChanges(
    tx,
    done.flatMap((t) => [
      {
        workspaceId: ws,
        entity: 'task' as const,
        entityId: t.id,
        accountId: t.account_id,
        kind: 'completed' as const,
        payload: { outcome, playId: t.play_id, templateId: t.template_id },
      },
      accountTouched(ws, t, 'task_completed'),
    ]),
  );
  return done.length;
}
