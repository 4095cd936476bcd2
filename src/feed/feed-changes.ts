import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';
import { uuidArray } from '../db/arrays.ts';

/**
 * Which of these users got feed items after `afterId`, and the newest item id (from `afterId`
 * when none): one primary-key range read per pass of the live hub.
 */
export async function feedRecipientsAfter(
  db: Db,
  afterId: number,
  userIds: string[],
): Promise<{ userIds: Set<string>; newest: number }> {
  const [row] = await queryRows<{ newest: string | null; users: string[] }>(
    db,
    sql`select (select max(id) from feed_items where id > ${afterId})::text as newest,
      array(select distinct user_id::text from feed_items
        where id > ${afterId} and user_id = any(${uuidArray(userIds)})) as users`,
  );
  return { userIds: new Set(row?.users ?? []), newest: Number(row?.newest ?? afterId) };
}
