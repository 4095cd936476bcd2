import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { forms } from '../db/schema/index.ts';
import { validateAttributes } from '../accounts/attributes.ts';
import { recordTimeline } from '../timeline/record-event.ts';
import { errors, type ErrorDetail } from '../http/errors.ts';
import { assertOpen, markCompleted } from './mark-completed.ts';
import { loadVisibleTask } from './queries.ts';
import { writeAttributes } from '../attributes/write-attributes.ts';

const blank = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * The only way to complete a request-information task: the submitted values (only the form's
 * fields, required ones present) are written to the account and the task completes, in one transaction.
 */
export async function submitForm(
  deps: Deps,
  actor: Actor,
  taskId: string,
  input: { values: Record<string, unknown>; version?: number },
) {
  return deps.db.transaction(async (tx) => {
    const { task, account } = await loadVisibleTask(tx, actor, taskId, { lock: true });
    if (task.kind !== 'request_info' || !task.formId)
      throw errors.unprocessable(
        'Only request-information tasks have a form; complete to-dos with POST /api/v1/tasks/{id}/complete.',
      );
    assertOpen(task, input.version);
    const [form] = await tx.select().from(forms).where(eq(forms.id, task.formId));
    if (!form) throw errors.notFound('Form');
    const fieldKeys = new Set(form.fields.map((f) => f.attributeKey));
    const problems: ErrorDetail[] = [];
    for (const key of Object.keys(input.values)) {
      if (!fieldKeys.has(key))
        problems.push({
          path: `body.values.${key}`,
          message: `"${key}" is not a field of the form "${form.name}".`,
        });
    }
    for (const f of form.fields) {
      if (f.required && blank(input.values[f.attributeKey]))
        problems.push({
          path: `body.values.${f.attributeKey}`,
          message: `${f.label} is required.`,
        });
    }
    if (problems.length) throw errors.validation(problems, 'The form is not complete.');
    const values = await validateAttributes(tx, actor.workspaceId, 'account', input.values, {
      pathPrefix: 'body.values',
    });

    const at = deps.clock.now();
    await markCompleted(tx, actor, task, { outcome: null, version: input.version, at });
    const [written] = await writeAttributes(
      tx,
      { entity: 'account', workspaceId: actor.workspaceId, ids: [account.id] },
      values,
      { origin: { actorId: actor.userId, cause: 'form', taskId: task.id }, at, validated: true },
    );
    const attributes = written?.attributes ?? {};
    await recordTimeline(tx, {
      workspaceId: actor.workspaceId,
      accountId: account.id,
      userId: task.assigneeUserId,
      actorId: actor.userId,
      taskId: task.id,
      type: 'form_submitted',
      at,
      payload: { formId: form.id, formName: form.name, values },
    });
    return { taskId: task.id, attributes };
  });
}
