import { and, asc, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { diffOf } from '../audit/events.ts';
import { attributeDefinitions } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { AppError, errors } from '../http/errors.ts';
import type { CreateDefinitionInput, DefinitionOut, UpdateDefinitionInput } from './schema.ts';

type Row = typeof attributeDefinitions.$inferSelect;
const toOut = (r: Row): DefinitionOut => ({
  id: r.id,
  entity: r.entity,
  key: r.key,
  label: r.label,
  type: r.type,
  enumValues: r.enumValues ?? null,
  crmSynced: r.crmSynced,
  createdAt: new Date(r.createdAt).toISOString(),
});

/** Every user may read the definitions (forms, filters and the account page need them). */
export async function listDefinitions(
  deps: Deps,
  actor: Actor,
  entity?: 'account' | 'contact',
): Promise<DefinitionOut[]> {
  const rows = await deps.db
    .select()
    .from(attributeDefinitions)
    .where(
      and(
        eq(attributeDefinitions.workspaceId, actor.workspaceId),
        entity ? eq(attributeDefinitions.entity, entity) : undefined,
      ),
    )
    .orderBy(asc(attributeDefinitions.entity), asc(attributeDefinitions.key));
  return rows.map(toOut);
}

/** Admin: a new attribute; enum values are required for enums and refused for other types. */
export async function createDefinition(
  deps: Deps,
  actor: Actor,
  input: CreateDefinitionInput,
): Promise<DefinitionOut> {
  requireRole(actor, 'admin');
  checkEnumValues(input.type, input.enumValues);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(attributeDefinitions)
      .values({
        workspaceId: actor.workspaceId,
        entity: input.entity,
        key: input.key,
        label: input.label,
        type: input.type,
        enumValues: input.type === 'enum' ? input.enumValues! : null,
        crmSynced: input.crmSynced ?? false,
      })
      .onConflictDoNothing({
        target: [
          attributeDefinitions.workspaceId,
          attributeDefinitions.entity,
          attributeDefinitions.key,
        ],
      })
      .returning();
    if (!row)
      throw new AppError(
        'conflict',
        `There is already a ${input.entity} attribute "${input.key}".`,
        [{ path: 'body.key', message: 'already used' }],
      );
    await recordAudit(
      tx,
      actor,
      {
        kind: 'attribute.created',
        target: { type: 'attribute', id: row.id, name: row.label },
        changes: { entity: row.entity, key: row.key, type: row.type },
      },
      deps.clock.now(),
    );
    return toOut(row);
  });
}

/** Admin: label, enum values and the CRM flag may change; the key and the type may not. */
export async function updateDefinition(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateDefinitionInput,
): Promise<DefinitionOut> {
  requireRole(actor, 'admin');
  const current = await loadDefinition(deps, actor, id);
  if (input.type !== undefined && input.type !== current.type)
    throw errors.field('body.type', 'The type of an attribute cannot change once created.');
  if (input.enumValues !== undefined) checkEnumValues(current.type, input.enumValues);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(attributeDefinitions)
      .set({
        ...(input.label !== undefined ? { label: input.label } : {}),
        ...(input.enumValues !== undefined ? { enumValues: input.enumValues } : {}),
        ...(input.crmSynced !== undefined ? { crmSynced: input.crmSynced } : {}),
      })
      .where(eq(attributeDefinitions.id, id))
      .returning();
    const diff = diffOf<Record<string, unknown>>(current, row!, [
      'label',
      'enumValues',
      'crmSynced',
    ]);
    if (Object.keys(diff).length) {
      await recordAudit(
        tx,
        actor,
        {
          kind: 'attribute.updated',
          target: { type: 'attribute', id, name: row!.label },
          changes: diff,
        },
        deps.clock.now(),
      );
    }
    return toOut(row!);
  });
}

export async function loadDefinition(deps: Deps, actor: Actor, id: string): Promise<Row> {
  const [row] = await deps.db
    .select()
    .from(attributeDefinitions)
    .where(
      and(eq(attributeDefinitions.id, id), eq(attributeDefinitions.workspaceId, actor.workspaceId)),
    );
  if (!row) throw errors.notFound('Attribute definition');
  return row;
}

function checkEnumValues(type: Row['type'], values: string[] | undefined) {
  if (type === 'enum' && !values?.length)
    throw errors.field('body.enumValues', 'An enum attribute needs its values.');
  if (type !== 'enum' && values !== undefined)
    throw errors.field('body.enumValues', 'Only enum attributes have values.');
}
