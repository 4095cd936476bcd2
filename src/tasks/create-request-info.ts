import { and, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { forms } from '../db/schema/index.ts';
import { loadVisibleAccount } from '../auth/access.ts';
import { errors } from '../http/errors.ts';
import { insertTask } from './insert-task.ts';
import type { RequestInfoInput } from './schema.ts';

/**
 * Request information (SPEC §2): a task that asks a user (or a role's holder) to fill a form whose
 * fields write account attributes. Only forms for the account's type can be used.
 */
export async function createRequestInfo(
  deps: Deps,
  actor: Actor,
  input: RequestInfoInput,
): Promise<string> {
  return deps.db.transaction(async (tx) => {
    const account = await loadVisibleAccount(tx, actor, input.accountId);
    const [form] = await tx
      .select()
      .from(forms)
      .where(and(eq(forms.id, input.formId), eq(forms.workspaceId, actor.workspaceId)));
    if (!form) throw errors.field('body.formId', 'No such form in this workspace.');
    if (form.accountType !== account.accountType) {
      throw errors.field(
        'body.formId',
        `This form is for "${form.accountType}" accounts; ${account.name} is a "${account.accountType}" account.`,
      );
    }
    const task = await insertTask(deps, tx, actor, account, {
      kind: 'request_info',
      title: `Update information: ${form.name}`,
      description: input.message ?? '',
      flowId: input.flowId,
      assignee: input.assignee,
      dueDate: input.dueDate,
      priority: input.priority,
      formId: form.id,
      source: 'manual',
    });
    return task.id;
  });
}
