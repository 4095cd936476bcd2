import { and, asc, eq, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { teamMembers, users } from '../db/schema/index.ts';
import { isAdmin } from '../auth/access.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { loadUser, teamIdsByUser, toUserSummary, userDetail } from './queries.ts';

export type ListUsersInput = {
  q?: string;
  teamId?: string;
  enabled?: 'true' | 'false';
  cursor?: string;
  limit: number;
};

const cursorShape = z.tuple([z.string(), z.uuid()]);
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The workspace's users for pickers and admin pages: any signed-in user may list them. */
export async function listUsers(deps: Deps, actor: Actor, input: ListUsersInput) {
  const after = decodeCursor(input.cursor, cursorShape);
  const rows = await deps.db
    .select()
    .from(users)
    .where(
      and(
        eq(users.workspaceId, actor.workspaceId),
        input.q
          ? or(
              sql`${users.name} ilike ${likePattern(input.q)}`,
              sql`${users.email} ilike ${likePattern(input.q)}`,
            )
          : undefined,
        input.teamId
          ? sql`exists (select 1 from ${teamMembers} tm where tm.user_id = ${users.id} and tm.team_id = ${input.teamId})`
          : undefined,
        input.enabled ? eq(users.enabled, input.enabled === 'true') : undefined,
        after ? sql`(${users.name}, ${users.id}) > (${after[0]}, ${after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const teamIds = await teamIdsByUser(
    deps.db,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    data: page.map((r) => toUserSummary(r, teamIds.get(r.id) ?? [])),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}

/** Any signed-in user may look a colleague up; their phone and pool attributes are only for themselves and admins. */
export async function getUser(deps: Deps, actor: Actor, id: string) {
  const detail = await userDetail(deps.db, await loadUser(deps.db, actor.workspaceId, id));
  if (isAdmin(actor) || actor.userId === id) return detail;
  return { ...detail, phone: null, attributes: {} };
}
