import { sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { accountVisible } from '../auth/access.ts';
import { queryRows } from '../db/rows.ts';
import { containsPattern } from '../accounts/cursor.ts';
import type { SearchQuery, SearchResult } from './schema.ts';

/** `q%` with the user's `%`, `_` and `\` taken literally: a match at the start ranks first. */
const prefixPattern = (q: string) => containsPattern(q).slice(1);

/**
 * The header's global search: accounts (name, external id), contacts (name, e-mail) and tasks
 * (title, not deleted) on accounts the caller may see, at most `limit` of each, matches at the start
 * first, then alphabetical. Three bounded statements; each scans only the caller's workspace.
 */
export async function search(deps: Deps, actor: Actor, query: SearchQuery): Promise<SearchResult> {
  const ws = actor.workspaceId;
  const any = containsPattern(query.q);
  const start = prefixPattern(query.q);
  const [accounts, contacts, tasks] = await Promise.all([
    queryRows<{ id: string; name: string; external_id: string }>(
      deps.db,
      sql`select a.id, a.name, a.external_id from accounts a
        where a.workspace_id = ${ws}::uuid and (a.name ilike ${any} or a.external_id ilike ${any})
          and ${accountVisible(actor, sql`a.id`)}
        order by (a.name ilike ${start}) desc, a.name, a.id limit ${query.limit}`,
    ),
    queryRows<{
      id: string;
      name: string;
      email: string | null;
      account_id: string;
      account_name: string;
    }>(
      deps.db,
      sql`select c.id, trim(c.first_name || ' ' || c.last_name) as name, c.email,
          a.id as account_id, a.name as account_name
        from contacts c join accounts a on a.id = c.account_id
        where c.workspace_id = ${ws}::uuid
          and ((c.first_name || ' ' || c.last_name) ilike ${any} or c.last_name ilike ${any}
            or c.email ilike ${any})
          and ${accountVisible(actor, sql`c.account_id`)}
        order by ((c.first_name || ' ' || c.last_name) ilike ${start} or c.last_name ilike ${start}
            or c.email ilike ${start}) desc, c.last_name, c.first_name, c.id
        limit ${query.limit}`,
    ),
    queryRows<{
      id: string;
      title: string;
      status: 'open' | 'completed';
      due_date: string;
      account_id: string;
      account_name: string;
    }>(
      deps.db,
      sql`select t.id, t.title, t.status, t.due_date::text as due_date,
          a.id as account_id, a.name as account_name
        from tasks t join accounts a on a.id = t.account_id
        where t.workspace_id = ${ws}::uuid and t.status <> 'deleted' and t.title ilike ${any}
          and ${accountVisible(actor, sql`t.account_id`)}
        order by (t.status = 'open') desc, (t.title ilike ${start}) desc, t.due_date, t.id
        limit ${query.limit}`,
    ),
  ]);
  return {
    accounts: accounts.map((a) => ({ id: a.id, name: a.name, externalId: a.external_id })),
    contacts: contacts.map((c) => ({
      id: c.id,
      name: c.name,
      email: c.email,
      account: { id: c.account_id, name: c.account_name },
    })),
    tasks: tasks.map((t) => ({
      id: t.id,
      title: t.title,
      status: t.status,
      dueDate: t.due_date,
      account: { id: t.account_id, name: t.account_name },
    })),
  };
}
