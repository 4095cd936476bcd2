import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { cursorPart, decodeCursor, encodeCursor } from '../http/cursor.ts';

/** The tasks collection's cursor: [priority, due date, created_at to the microsecond, id]. */
export const workOrderKey = z.tuple([
  z.union([z.literal(1), z.literal(2), z.literal(3)]),
  cursorPart.date,
  cursorPart.instant,
  cursorPart.id,
]);

/** A task's place in work order as `workOrder(...).key` selects it. */
export type WorkOrderRow = { id: string; priority: number; due_date: string; ck: string };

/**
 * Work order (priority, due date, created, id; priority is stored 1 = high, so ascending) over the
 * task columns of `alias`: the key to select, the ORDER BY list, and the rows strictly after a
 * cursor as one row comparison the (…, priority, due_date, created_at, id) indexes can seek to.
 */
export function workOrder(alias: string) {
  const col = (name: string) => sql.raw(`${alias}.${name}`);
  const columns = sql`${col('priority')}, ${col('due_date')}, ${col('created_at')}, ${col('id')}`;
  return {
    // The cursor keeps created_at to the microsecond: a millisecond Date would skip or repeat rows.
    key: sql`${col('id')}, ${col('priority')}, ${col('due_date')}::text as due_date,
      to_char(${col('created_at')} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as ck`,
    orderBy: columns,
    after(cursor: string | undefined): SQL | undefined {
      const k = decodeCursor(cursor, workOrderKey);
      return k
        ? sql`(${columns}) > (${k[0]}::smallint, ${k[1]}::date, ${k[2]}::timestamptz, ${k[3]}::uuid)`
        : undefined;
    },
  };
}

/** The cursor of the page that follows `row`. */
export const workOrderCursor = (row: WorkOrderRow) =>
  encodeCursor([Number(row.priority), row.due_date, row.ck, row.id]);
