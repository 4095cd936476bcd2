import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { teams } from '../db/schema/index.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { describeTeam, describeTeams, loadTeam } from './queries.ts';

const cursorShape = z.tuple([z.string(), z.uuid()]);

/** Every team of the workspace (any signed-in user: team pickers and filters need them). */
export async function listTeams(
  deps: Deps,
  actor: Actor,
  input: { cursor?: string; limit: number },
) {
  const after = decodeCursor(input.cursor, cursorShape);
  const rows = await deps.db
    .select()
    .from(teams)
    .where(
      and(
        eq(teams.workspaceId, actor.workspaceId),
        after ? sql`(${teams.name}, ${teams.id}) > (${after[0]}, ${after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(teams.name), asc(teams.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    data: await describeTeams(deps.db, actor, page),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}

export async function getTeam(deps: Deps, actor: Actor, id: string) {
  return describeTeam(deps.db, actor, await loadTeam(deps.db, actor.workspaceId, id));
}
