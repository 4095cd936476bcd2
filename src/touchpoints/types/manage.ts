import { and, eq, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { diffOf } from '../../audit/events.ts';
import { requireRole } from '../../auth/access.ts';
import { touchpointTypes } from '../../db/schema/index.ts';
import { errors } from '../../http/errors.ts';
import { isUniqueViolation } from '../../workspaces/db-errors.ts';
import { BUILTIN_TOUCHPOINT_TYPES, isBuiltinTouchpointType } from './builtin.ts';
import { toItem } from './queries.ts';
import type { CreateTouchpointTypeInput, UpdateTouchpointTypeInput } from './schema.ts';

/** "Onsite visit" → `onsite_visit`, "Café ☕" → `cafe`, "2nd call" → `t_2nd_call` (the key's pattern). */
export function keyFromLabel(label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const key = /^[a-z]/.test(slug) ? slug : `t_${slug}`.replace(/_+$/, '');
  return key.slice(0, 40).replace(/_+$/, '');
}

const nameTaken = (label: string) =>
  errors.conflict(`A touchpoint type named "${label}" already exists.`);

/** Built-in words and the workspace's labels (archived too) are all taken, ignoring case. */
async function assertLabelFree(db: DbOrTx, workspaceId: string, label: string, exceptId?: string) {
  const lower = label.toLowerCase();
  if (Object.values(BUILTIN_TOUCHPOINT_TYPES).some((l) => l.toLowerCase() === lower))
    throw nameTaken(label);
  const clash = await db
    .select({ id: touchpointTypes.id })
    .from(touchpointTypes)
    .where(
      and(
        eq(touchpointTypes.workspaceId, workspaceId),
        sql`lower(${touchpointTypes.label}) = ${lower}`,
        exceptId ? sql`${touchpointTypes.id} <> ${exceptId}` : undefined,
      ),
    );
  if (clash.length) throw nameTaken(label);
}

/** The derived key, made unique in the workspace with a counter ("qbr", "qbr_2", …). */
async function freeKey(db: DbOrTx, workspaceId: string, base: string): Promise<string> {
  const taken = new Set(
    (
      await db
        .select({ key: touchpointTypes.key })
        .from(touchpointTypes)
        .where(
          and(
            eq(touchpointTypes.workspaceId, workspaceId),
            sql`${touchpointTypes.key} like ${`${base.slice(0, 36)}%`}`,
          ),
        )
    ).map((r) => r.key),
  );
  for (let n = 1; ; n++) {
    const key = n === 1 ? base : `${base.slice(0, 40 - String(n).length - 1)}_${n}`;
    if (!taken.has(key) && !isBuiltinTouchpointType(key)) return key;
  }
}

/** Adds a workspace touchpoint type (admin); offered for new touchpoints at once. */
export async function createTouchpointType(
  deps: Deps,
  actor: Actor,
  input: CreateTouchpointTypeInput,
) {
  requireRole(actor, 'admin');
  if (input.key && isBuiltinTouchpointType(input.key))
    throw errors.field('body.key', `"${input.key}" is a built-in type; choose another key.`);
  try {
    return await deps.db.transaction(async (tx) => {
      await assertLabelFree(tx, actor.workspaceId, input.label);
      const key = input.key ?? (await freeKey(tx, actor.workspaceId, keyFromLabel(input.label)));
      const [row] = await tx
        .insert(touchpointTypes)
        .values({
          workspaceId: actor.workspaceId,
          key,
          label: input.label,
          createdAt: deps.clock.now(),
        })
        .returning();
      await recordAudit(
        tx,
        actor,
        {
          kind: 'touchpoint_type.created',
          target: { type: 'touchpoint_type', id: row!.id, name: row!.label },
          changes: { key: row!.key, label: row!.label },
        },
        deps.clock.now(),
      );
      return toItem(row!);
    });
  } catch (err) {
    // Two admins adding the same key at once: the unique index decides.
    if (isUniqueViolation(err))
      throw errors.conflict(`A touchpoint type with the key "${input.key ?? input.label}" exists.`);
    throw err;
  }
}

/** Renames (the key stays, so logged touchpoints follow) or archives / restores a type (admin). */
export async function updateTouchpointType(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateTouchpointTypeInput,
) {
  requireRole(actor, 'admin');
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(touchpointTypes)
      .where(and(eq(touchpointTypes.id, id), eq(touchpointTypes.workspaceId, actor.workspaceId)))
      .for('update');
    if (!row) throw errors.notFound('Touchpoint type');
    if (input.label !== undefined) await assertLabelFree(tx, actor.workspaceId, input.label, id);
    const archivedAt =
      input.archived === undefined
        ? row.archivedAt
        : input.archived
          ? (row.archivedAt ?? deps.clock.now())
          : null;
    const [updated] = await tx
      .update(touchpointTypes)
      .set({ label: input.label ?? row.label, archivedAt })
      .where(eq(touchpointTypes.id, id))
      .returning();
    const changes = diffOf(toItem(row), toItem(updated!), ['label', 'archived']);
    if (Object.keys(changes).length)
      await recordAudit(
        tx,
        actor,
        {
          kind: 'touchpoint_type.updated',
          target: { type: 'touchpoint_type', id, name: updated!.label },
          changes,
        },
        deps.clock.now(),
      );
    return toItem(updated!);
  });
}
