import type { Actor, Deps } from '../context.ts';
import { loadVisibleAccount } from '../auth/access.ts';
import { insertTask } from './insert-task.ts';
import type { CreateTodoInput } from './schema.ts';

/** Creates a manual to-do on an account the caller can see (SPEC §2). Returns the new task's id. */
export async function createTask(
  deps: Deps,
  actor: Actor,
  input: CreateTodoInput,
): Promise<string> {
  return deps.db.transaction(async (tx) => {
    const account = await loadVisibleAccount(tx, actor, input.accountId);
    const task = await insertTask(deps, tx, actor, account, {
      ...input,
      kind: 'todo',
      source: 'manual',
    });
    return task.id;
  });
}
