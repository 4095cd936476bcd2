import type { Actor, Deps } from '../context.ts';
import { AppError } from '../http/errors.ts';
import { completeTask } from './complete-task.ts';
import { deleteTask } from './delete-task.ts';
import { remindTask } from './remind-task.ts';
import type { BulkInput } from './schema.ts';
import { updateTask } from './update-task.ts';

export type BulkOutcome = {
  taskId: string;
  ok: boolean;
  error?: { code: string; message: string };
};

/** One bulk action on one task, through the same use case (and rules) as the single-task API. */
function runOne(deps: Deps, actor: Actor, input: BulkInput, taskId: string): Promise<unknown> {
  switch (input.action) {
    case 'complete':
      return completeTask(deps, actor, taskId, {
        outcome: input.outcomeByTask?.[taskId] ?? input.outcome,
      });
    case 'reassign':
      return updateTask(deps, actor, taskId, { assignee: input.assignee }, null);
    case 'reschedule':
      return updateTask(deps, actor, taskId, { dueDate: input.dueDate }, null);
    case 'cancel':
      return deleteTask(deps, actor, taskId);
    case 'remind':
      return remindTask(deps, actor, taskId);
  }
}

// A validation error's details say which rule failed ("requires a touchpoint"); fold them into the message.
function describe(err: AppError): string {
  const details = err.details.map((d) => d.message).filter((m) => m !== err.message);
  return details.length ? `${err.message} ${details.join(' ')}` : err.message;
}

/**
 * Bulk actions of the tasks collection (SPEC §2): each task in its own transaction, so one failure
 * (not visible, completed, needs a touchpoint…) is reported for that task and the others still apply.
 */
export async function bulkTasks(
  deps: Deps,
  actor: Actor,
  input: BulkInput,
): Promise<BulkOutcome[]> {
  const results: BulkOutcome[] = [];
  for (const taskId of [...new Set(input.taskIds)]) {
    try {
      await runOne(deps, actor, input, taskId);
      results.push({ taskId, ok: true });
    } catch (err) {
      const e =
        err instanceof AppError
          ? err
          : new AppError('internal', 'Something went wrong on our side.');
      results.push({ taskId, ok: false, error: { code: e.code, message: describe(e) } });
    }
  }
  return results;
}
