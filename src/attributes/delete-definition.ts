import { and, eq, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { attributeDefinitions, forms } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { errors } from '../http/errors.ts';
import { recordChangesInBulk } from '../accounts/bulk-events.ts';
import { queryRows } from '../db/rows.ts';
import { loadDefinition } from './manage-definitions.ts';

/**
 * Admin: removes an attribute and its values from every account or contact (each such record gets
 * a version bump and a change event). Refused (409) while a form still asks for it.
 */
export async function deleteDefinition(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<{ clearedRecords: number }> {
  requireRole(actor, 'admin');
  const def = await loadDefinition(deps, actor, id);
  const ws = actor.workspaceId;
  return deps.db.transaction(async (tx) => {
    if (def.entity === 'account') {
      const using = await tx
        .select({ name: forms.name })
        .from(forms)
        .where(
          and(
            eq(forms.workspaceId, ws),
            sql`${forms.fields} @> ${JSON.stringify([{ attributeKey: def.key }])}::jsonb`,
          ),
        );
      if (using.length)
        throw errors.conflict(
          `Forms still use this attribute: ${using.map((f) => f.name).join(', ')}.`,
        );
    }
    await tx.delete(attributeDefinitions).where(eq(attributeDefinitions.id, id));
    const now = deps.clock.now().toISOString();
    const cleared =
      def.entity === 'account'
        ? await queryRows<{ id: string; account_id: string }>(
            tx,
            sql`update accounts set attributes = attributes - ${def.key}, version = version + 1,
          updated_at = ${now}::timestamptz where workspace_id = ${ws}::uuid and attributes ? ${def.key} returning id, id as account_id`,
          )
        : await queryRows<{ id: string; account_id: string }>(
            tx,
            sql`update contacts set attributes = attributes - ${def.key}, version = version + 1,
          updated_at = ${now}::timestamptz where workspace_id = ${ws}::uuid and attributes ? ${def.key} returning id, account_id`,
          );
    await recordChangesInBulk(
      tx,
      cleared.map((r) => ({
        workspaceId: ws,
        entity: def.entity,
        entityId: r.id,
        accountId: r.account_id,
        kind: 'updated' as const,
        payload: {
          changed: [`attributes.${def.key}`],
          reason: 'attribute_deleted',
          actorId: actor.userId,
        },
      })),
    );
    await recordAudit(
      tx,
      actor,
      {
        kind: 'attribute.deleted',
        target: { type: 'attribute', id, name: def.label },
        changes: { entity: def.entity, key: def.key, clearedRecords: cleared.length },
      },
      deps.clock.now(),
    );
    return { clearedRecords: cleared.length };
  });
}
