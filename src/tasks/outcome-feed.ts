import { sql } from 'drizzle-orm';
import type { Actor } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { uuidArray } from '../db/arrays.ts';
import { feedPayloadSql, feedRecipients, writeFeedItems } from '../feed/write-feed.ts';
import type { TaskRow } from './queries.ts';

/**
 * Tells the task's creator and whoever assigned it (SPEC §9 "my tasks' outcomes") that it was
 * completed and with which outcome — not the person who completed it, who knows.
 */
export async function recordOutcomeFeed(
  tx: DbOrTx,
  actor: Actor,
  task: TaskRow,
  outcome: string | null,
  at: Date,
): Promise<void> {
  const people = [task.createdById, task.assignedById].filter((id): id is string => Boolean(id));
  if (people.length === 0) return;
  await writeFeedItems(tx, 'task_outcome', {
    workspaceId: actor.workspaceId,
    userId: sql`u.id`,
    accountId: sql`${task.accountId}::uuid`,
    taskId: sql`${task.id}::uuid`,
    payload: feedPayloadSql('task_outcome', {
      title: sql`${task.title}::text`,
      accountName: sql`(select name from accounts where id = ${task.accountId}::uuid)`,
      outcome: sql`${outcome}::text`,
      completedBy: sql`${JSON.stringify({ id: actor.userId, name: actor.name })}::jsonb`,
    }),
    at,
    rows: feedRecipients(actor.workspaceId, uuidArray([...new Set(people)]), actor.userId),
  });
}
