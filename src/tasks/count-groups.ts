import { count, inArray, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.ts';
import { accounts, contacts, flows, tasks, users } from '../db/schema/index.ts';
import { contactName } from './assignee.ts';
import { priorityName } from './priority.ts';

export type GroupBy = 'assignee' | 'outcome' | 'status' | 'flow' | 'priority' | 'account';
export type TaskGroup = { key: string | null; label: string; count: number };

async function countBy(db: DbOrTx, where: SQL, col: PgColumn) {
  const rows = await db.select({ key: col, n: count() }).from(tasks).where(where).groupBy(col);
  return rows.map((r) => ({ key: r.key === null ? null : String(r.key), n: Number(r.n) }));
}

async function namesOf(
  db: DbOrTx,
  table: typeof accounts | typeof flows | typeof users,
  ids: string[],
) {
  if (ids.length === 0) return new Map<string, string>();
  const rows: Array<{ id: string; name: string }> = [];
  // Chunked: a group per account can mean many thousands of keys.
  for (let i = 0; i < ids.length; i += 5000) {
    rows.push(
      ...(await db
        .select({ id: table.id, name: table.name })
        .from(table)
        .where(inArray(table.id, ids.slice(i, i + 5000)))),
    );
  }
  return new Map(rows.map((r) => [r.id, r.name]));
}

const byLabel = (a: TaskGroup, b: TaskGroup) =>
  a.label.localeCompare(b.label) || String(a.key).localeCompare(String(b.key));

/**
 * Counts per group over the whole filtered set (not one page), aggregated on the tasks table alone;
 * labels are looked up afterwards for the distinct keys only.
 */
export async function countTaskGroups(
  db: DbOrTx,
  where: SQL,
  groupBy: GroupBy,
): Promise<TaskGroup[]> {
  switch (groupBy) {
    case 'status':
      return (await countBy(db, where, tasks.status))
        .map((r) => ({
          key: r.key,
          label: r.key === 'completed' ? 'Completed' : 'Open',
          count: r.n,
        }))
        .sort((a, b) => (a.key === 'open' ? -1 : b.key === 'open' ? 1 : 0));
    case 'priority':
      return (await countBy(db, where, tasks.priority))
        .sort((a, b) => Number(a.key) - Number(b.key))
        .map((r) => {
          const name = priorityName(Number(r.key));
          return { key: name, label: name.charAt(0).toUpperCase() + name.slice(1), count: r.n };
        });
    case 'outcome':
      return (await countBy(db, where, tasks.outcome))
        .map((r) => ({ key: r.key, label: r.key ?? 'No outcome', count: r.n }))
        .sort(byLabel);
    case 'flow':
    case 'account': {
      const rows = await countBy(db, where, groupBy === 'flow' ? tasks.flowId : tasks.accountId);
      const names = await namesOf(
        db,
        groupBy === 'flow' ? flows : accounts,
        rows.map((r) => r.key ?? ''),
      );
      return rows
        .map((r) => ({ key: r.key, label: names.get(r.key ?? '') ?? '', count: r.n }))
        .sort(byLabel);
    }
    case 'assignee': {
      const rows = await db
        .select({ uid: tasks.assigneeUserId, cid: tasks.assigneeContactId, n: count() })
        .from(tasks)
        .where(where)
        .groupBy(tasks.assigneeUserId, tasks.assigneeContactId);
      const userNames = await namesOf(
        db,
        users,
        rows.flatMap((r) => (r.uid ? [r.uid] : [])),
      );
      const contactIds = rows.flatMap((r) => (r.cid ? [r.cid] : []));
      const contactRows = contactIds.length
        ? await db.select().from(contacts).where(inArray(contacts.id, contactIds))
        : [];
      const contactNames = new Map(contactRows.map((c) => [c.id, contactName(c)]));
      return rows
        .map((r) => ({
          key: r.uid ?? r.cid,
          label: (r.uid ? userNames.get(r.uid) : contactNames.get(r.cid ?? '')) ?? '',
          count: Number(r.n),
        }))
        .sort(byLabel);
    }
  }
}
