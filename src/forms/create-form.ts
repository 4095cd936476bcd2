import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { forms } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { isUniqueViolation } from '../workspaces/db-errors.ts';
import { assertNameFree, duplicateName } from '../workspaces/unique-name.ts';
import { bindFields, describeForm, formNames } from './queries.ts';
import type { CreateFormInput } from './schema.ts';

export async function createForm(deps: Deps, actor: Actor, input: CreateFormInput) {
  requireRole(actor, 'advanced');
  try {
    return await deps.db.transaction(async (tx) => {
      const fields = await bindFields(tx, actor.workspaceId, input.fields);
      await assertNameFree(tx, formNames, actor.workspaceId, input.name);
      const [row] = await tx
        .insert(forms)
        .values({
          workspaceId: actor.workspaceId,
          name: input.name,
          accountType: input.accountType,
          fields,
          createdAt: deps.clock.now(),
        })
        .returning();
      await recordAudit(
        tx,
        actor,
        {
          kind: 'form.created',
          target: { type: 'form', id: row!.id, name: row!.name },
          changes: {
            name: row!.name,
            accountType: row!.accountType ?? null,
            fieldCount: fields.length,
          },
        },
        deps.clock.now(),
      );
      return describeForm(tx, actor.workspaceId, row!);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName('form', input.name);
    throw err;
  }
}
