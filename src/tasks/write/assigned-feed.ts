import { sql, type SQL } from 'drizzle-orm';
import { feedItemsCtes, feedPayloadSql, feedPersonSql } from '../../feed/write-feed.ts';
import type { ByPlay } from './side-writes.ts';

/**
 * A `task_assigned` feed item per inserted task with an enabled user assignee (SPEC §9), by the
 * person who wrote it or the play that fired; never to someone who assigned a task to themselves.
 * The CTEs `feed_assigned` and `feed_assigned_told` of the writer's statement.
 */
export function assignedFeedSql(
  ws: string,
  now: Date,
  actorId: string | null,
  play: ByPlay | undefined,
): SQL {
  return feedItemsCtes('feed_assigned', 'task_assigned', {
    workspaceId: ws,
    userId: sql`i.assignee_user_id`,
    accountId: sql`i.account_id`,
    taskId: sql`i.id`,
    payload: feedPayloadSql('task_assigned', {
      title: sql`i.title`,
      accountName: sql`a.name`,
      dueDate: sql`to_char(i.due_date, 'YYYY-MM-DD')`,
      by: feedPersonSql(sql`by_user.id`, sql`by_user.name`),
      play: play
        ? sql`${JSON.stringify({ id: play.id, name: play.name })}::jsonb`
        : sql`null::jsonb`,
      reassigned: sql`false`,
    }),
    at: now,
    rows: sql`from ins i join users u on u.id = i.assignee_user_id and u.enabled
      join accounts a on a.id = i.account_id
      left join users by_user on by_user.id = ${actorId}::uuid
      where i.assignee_user_id is distinct from ${actorId}::uuid`,
  });
}
