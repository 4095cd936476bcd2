import { and, eq, ne, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.ts';
import { errors } from '../http/errors.ts';

/** A per-workspace catalogue table with a unique display name (teams, flows, account roles, forms). */
export type NamedTable = {
  table: PgTable;
  id: PgColumn;
  workspaceId: PgColumn;
  name: PgColumn;
  label: string;
};

/**
 * Refuses a name already used in the workspace, ignoring case ("Renewal" and "renewal" would
 * confuse every picker). The unique index still guards the race; callers map it to 409 too.
 */
export async function assertNameFree(
  db: DbOrTx,
  t: NamedTable,
  workspaceId: string,
  name: string,
  exceptId?: string,
): Promise<void> {
  const clash = await db
    .select({ id: t.id })
    .from(t.table)
    .where(
      and(
        eq(t.workspaceId, workspaceId),
        sql`lower(${t.name}) = lower(${name})`,
        exceptId ? ne(t.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (clash.length > 0) throw duplicateName(t.label, name);
}

export const duplicateName = (label: string, name: string) =>
  errors.conflict(`A ${label} named "${name}" already exists.`);
