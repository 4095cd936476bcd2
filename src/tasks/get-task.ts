import type { Actor, Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { loadVisibleTask } from './queries.ts';
import { workspaceToday } from '../workspaces/workspace-today.ts';
import type { TaskDetail } from './schema.ts';
import { taskDetail } from './task-view.ts';

/** One task the caller can see (deleted or invisible → 404), with `overdue` from the workspace's today. */
export async function getTask(
  deps: Deps,
  actor: Actor,
  taskId: string,
  db: DbOrTx = deps.db,
): Promise<TaskDetail> {
  const { task } = await loadVisibleTask(db, actor, taskId);
  const { today } = await workspaceToday(db, actor.workspaceId, deps.clock.now());
  return taskDetail(db, actor, task.id, today);
}
