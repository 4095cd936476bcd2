import { sql } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { assignmentEmail } from './assignment-email.ts';
import { valuesSource, withIds, type TaskValues } from './task-rows.ts';
import { writeTasks, type TaskWriteOptions } from './write-tasks.ts';

/** A task known in code, with the names its assignment e-mail uses. */
export type KnownTaskInput = TaskValues & { accountName: string; assigneeName: string };

/**
 * Tasks whose values are known in code (manual, a template applied by hand, an outcome follow-up),
 * through the one writer: ids are made here so each assignment e-mail can carry its task's signed
 * complete link; the e-mails are written here, queued by the same statement. Returns the ids in order.
 */
export async function writeKnownTasks(
  deps: Pick<Deps, 'mailer' | 'secrets' | 'config' | 'clock'>,
  tx: DbOrTx,
  input: {
    workspaceId: string;
    /** The user who created them (timeline actor, "X assigned you"); null: automation. */
    actor: { id: string; name: string } | null;
    /** Who the e-mail says assigned the task when there is no actor. */
    by?: string;
    tasks: KnownTaskInput[];
    changes: TaskWriteOptions['changes'];
    /** False when someone else sends the assignment e-mail (a template's own "when assigned" rule). */
    emails?: boolean;
  },
): Promise<string[]> {
  if (input.tasks.length === 0) return [];
  const rows = withIds(input.tasks);
  const by = input.actor?.name ?? input.by ?? 'Playmaker';
  const messages =
    input.emails === false
      ? []
      : rows
          .filter((r) => r.assigneeUserId)
          .map((r) => ({
            task_id: r.id,
            ...assignmentEmail(deps, {
              task: { ...r, version: 1 },
              accountName: r.accountName,
              userName: r.assigneeName,
              by,
            }),
          }));
  await writeTasks(deps, tx, valuesSource(rows), {
    workspaceId: input.workspaceId,
    now: deps.clock.now(),
    actorId: input.actor?.id ?? null,
    changes: input.changes,
    emails: messages.length
      ? {
          mode: 'each',
          messages: sql`select m.task_id, m.subject, m.text, m.html from jsonb_to_recordset(${JSON.stringify(messages)}::jsonb) as m(task_id uuid, subject text, text text, html text)`,
        }
      : { mode: 'none' },
  });
  return rows.map((r) => r.id);
}
