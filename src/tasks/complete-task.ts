import type { Actor, Deps } from '../context.ts';
import { writeAttributes } from '../attributes/write-attributes.ts';
import { errors, type ErrorDetail } from '../http/errors.ts';
import { insertTouchpoint } from '../touchpoints/insert-touchpoint.ts';
import { insertTask } from './insert-task.ts';
import { assertOpen, markCompleted } from './mark-completed.ts';
import { loadVisibleTask, taskContactIds, type TaskRow } from './queries.ts';
import type { CompleteTaskInput } from './schema.ts';

export type CompleteResult = {
  taskId: string;
  touchpointId: string | null;
  followUpTaskId: string | null;
  attributes: Record<string, unknown> | null;
};

/** What the task's outcomes and post-completion rules demand of this request (SPEC §2 Complete). */
export function completionProblems(
  task: TaskRow,
  input: Pick<CompleteTaskInput, 'outcome' | 'touchpoint' | 'attributeUpdate'>,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (task.outcomes.length > 0 && !input.outcome) {
    problems.push({
      path: 'body.outcome',
      message: `Choose an outcome: ${task.outcomes.join(', ')}.`,
    });
  } else if (input.outcome && !task.outcomes.includes(input.outcome)) {
    problems.push({
      path: 'body.outcome',
      message: task.outcomes.length
        ? `Unknown outcome; choose one of: ${task.outcomes.join(', ')}.`
        : 'This task has no outcomes to choose from.',
    });
  }
  const rules = task.completionRules ?? {};
  if (rules.touchpointRequired && !input.touchpoint)
    problems.push({
      path: 'body.touchpoint',
      message: 'This task requires a touchpoint on completion.',
    });
  const required = rules.attributeUpdateRequired?.key;
  if (required && !(input.attributeUpdate && Object.hasOwn(input.attributeUpdate, required))) {
    problems.push({
      path: `body.attributeUpdate.${required}`,
      message: `This task requires updating "${required}" on completion.`,
    });
  }
  return problems;
}

/**
 * Completes a to-do and, in the same transaction, logs the touchpoint, updates account attributes
 * (plus any automatic update the play set, on the task's account and/or the child account the task
 * recorded) and creates the follow-up: any failure undoes it all.
 */
export async function completeTask(
  deps: Deps,
  actor: Actor,
  taskId: string,
  input: CompleteTaskInput,
): Promise<CompleteResult> {
  return deps.db.transaction(async (tx) => {
    const { task, account } = await loadVisibleTask(tx, actor, taskId, { lock: true });
    if (task.kind === 'request_info') {
      throw errors.unprocessable(
        'Request-information tasks are completed by submitting their form (POST /api/v1/tasks/{id}/form).',
      );
    }
    assertOpen(task, input.version);
    const problems = completionProblems(task, input);
    if (problems.length)
      throw errors.validation(problems, 'This task cannot be completed like this.');
    const at = deps.clock.now();

    const contactIds = await taskContactIds(tx, task.id);
    let touchpointId: string | null = null;
    if (input.touchpoint) {
      const tp = await insertTouchpoint(
        tx,
        actor,
        account.id,
        {
          ...input.touchpoint,
          participantIds: input.touchpoint.participantIds ?? contactIds,
          flowId: task.flowId,
          taskId: task.id,
        },
        { at, path: 'body.touchpoint' },
      );
      touchpointId = tp.id;
    }

    const auto = task.completionRules?.automaticAttributeUpdate;
    const target = auto?.target ?? 'account';
    // The user's own update always goes to the task's account; the automatic one where its rule says.
    const wanted = {
      ...(input.attributeUpdate ?? {}),
      ...(auto && target !== 'child' ? { [auto.key]: auto.value } : {}),
    };
    let attributes: Record<string, unknown> | null = null;
    const origin = { actorId: actor.userId, cause: 'task_completion' as const, taskId: task.id };
    if (Object.keys(wanted).length) {
      const [written] = await writeAttributes(
        tx,
        { entity: 'account', workspaceId: actor.workspaceId, ids: [account.id] },
        wanted,
        { origin, at, pathPrefix: 'body.attributeUpdate' },
      );
      attributes = written?.attributes ?? null;
    }
    if (auto && target !== 'account' && task.childAccountId) {
      await writeAttributes(
        tx,
        { entity: 'account', workspaceId: actor.workspaceId, ids: [task.childAccountId] },
        { [auto.key]: auto.value },
        { origin, at, pathPrefix: 'body.attributeUpdate' },
      );
    }

    let followUpTaskId: string | null = null;
    if (input.followUp) {
      const { flowId, contactIds: followContacts, ...rest } = input.followUp;
      const follow = await insertTask(
        deps,
        tx,
        actor,
        account,
        {
          ...rest,
          kind: 'todo',
          source: 'follow_up',
          flowId: flowId ?? task.flowId,
          contactIds: followContacts ?? contactIds,
        },
        'body.followUp',
      );
      followUpTaskId = follow.id;
    }
    // Marked last, so its timeline entry can name the follow-up; the row lock taken above keeps a
    // concurrent completion out meanwhile, and any failure still undoes everything.
    await markCompleted(tx, actor, task, {
      outcome: input.outcome ?? null,
      version: input.version,
      at,
      followUpTaskId,
    });
    return { taskId: task.id, touchpointId, followUpTaskId, attributes };
  });
}
