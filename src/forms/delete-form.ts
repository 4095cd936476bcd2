import { and, eq, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { forms, tasks } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { errors } from '../http/errors.ts';
import { isForeignKeyViolation } from '../workspaces/db-errors.ts';
import { loadForm } from './queries.ts';

const inUse = (what: string) =>
  errors.conflict(`This form is used by ${what}; it cannot be deleted.`);

/** Deletes a form no task uses (request-information tasks keep showing their form). */
export async function deleteForm(deps: Deps, actor: Actor, id: string): Promise<void> {
  requireRole(actor, 'advanced');
  try {
    await deps.db.transaction(async (tx) => {
      const form = await loadForm(tx, actor.workspaceId, id);
      const [used] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(tasks)
        .where(eq(tasks.formId, id));
      if ((used?.n ?? 0) > 0) throw inUse(`${used!.n} task(s)`);
      await tx.delete(forms).where(and(eq(forms.id, id), eq(forms.workspaceId, actor.workspaceId)));
      await recordAudit(
        tx,
        actor,
        { kind: 'form.deleted', target: { type: 'form', id, name: form.name }, changes: {} },
        deps.clock.now(),
      );
    });
  } catch (err) {
    // Templates or plays may reference the form too; the foreign key has the last word.
    if (isForeignKeyViolation(err)) throw inUse('other records');
    throw err;
  }
}
