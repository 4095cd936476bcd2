import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { diffOf } from '../audit/events.ts';
import { forms } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { isUniqueViolation } from '../workspaces/db-errors.ts';
import { assertNameFree, duplicateName } from '../workspaces/unique-name.ts';
import { bindFields, describeForm, formNames, loadForm } from './queries.ts';
import type { UpdateFormInput } from './schema.ts';

/** Edits a form; open request-information tasks show the current fields when opened. */
export async function updateForm(deps: Deps, actor: Actor, id: string, input: UpdateFormInput) {
  requireRole(actor, 'advanced');
  try {
    return await deps.db.transaction(async (tx) => {
      const current = await loadForm(tx, actor.workspaceId, id);
      const fields = input.fields
        ? await bindFields(tx, actor.workspaceId, input.fields)
        : undefined;
      if (input.name !== undefined)
        await assertNameFree(tx, formNames, actor.workspaceId, input.name, id);
      if (input.name === undefined && input.accountType === undefined && !fields)
        return describeForm(tx, actor.workspaceId, current);
      const [row] = await tx
        .update(forms)
        .set({ name: input.name, accountType: input.accountType, fields })
        .where(eq(forms.id, id))
        .returning();
      const diff = diffOf<Record<string, unknown>>(current, row!, [
        'name',
        'accountType',
        'fields',
      ]);
      if (Object.keys(diff).length) {
        await recordAudit(
          tx,
          actor,
          { kind: 'form.updated', target: { type: 'form', id, name: row!.name }, changes: diff },
          deps.clock.now(),
        );
      }
      return describeForm(tx, actor.workspaceId, row!);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName('form', input.name ?? '');
    throw err;
  }
}
