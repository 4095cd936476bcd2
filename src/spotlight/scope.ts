import { and, eq, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { teams } from '../db/schema/index.ts';
import { isAdmin } from '../auth/access.ts';
import { errors } from '../http/errors.ts';
import { queryRows } from '../db/rows.ts';
import { workspaceToday } from '../workspaces/workspace-today.ts';
import { addDays } from '../workspaces/dates.ts';

/** Which teams a report covers and the workspace-local dates it is measured in. */
export type FocusScope = {
  workspaceId: string;
  team: { id: string; name: string } | null;
  teamIds: string[];
  timeZone: string;
  /** Workspace-local date: "overdue now" is due before it. */
  today: string;
  period: { from: string; to: string; days: number };
  /** The period as instants: [fromTs, toTs) = local midnight of `from` up to local midnight after `to`. */
  fromTs: string;
  toTs: string;
};

/**
 * Access first: a named team must be one of the caller's (admins: any team of the workspace),
 * otherwise 404 so a team's existence is not leaked. No team = every team the caller can see.
 */
export async function resolveScope(
  deps: Deps,
  actor: Actor,
  input: { teamId?: string; days?: number },
): Promise<FocusScope> {
  let team: FocusScope['team'] = null;
  let teamIds: string[];
  if (input.teamId) {
    const [row] = await deps.db
      .select({ id: teams.id, name: teams.name })
      .from(teams)
      .where(and(eq(teams.id, input.teamId), eq(teams.workspaceId, actor.workspaceId)));
    if (!row || (!isAdmin(actor) && !actor.teamIds.includes(row.id))) throw errors.notFound('Team');
    team = row;
    teamIds = [row.id];
  } else if (isAdmin(actor)) {
    teamIds = (
      await deps.db
        .select({ id: teams.id })
        .from(teams)
        .where(eq(teams.workspaceId, actor.workspaceId))
    ).map((r) => r.id);
  } else {
    teamIds = actor.teamIds;
  }
  const { timeZone, today } = await workspaceToday(deps.db, actor.workspaceId, deps.clock.now());
  const days = input.days ?? 30;
  const from = addDays(today, -(days - 1));
  // Local midnights as UTC instants, computed by the database so DST changes inside the period are right.
  const [bounds] = await queryRows<{ from_ts: string; to_ts: string }>(
    deps.db,
    sql`select
    to_char((${from}::date::timestamp at time zone ${timeZone}::text) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as from_ts,
    to_char(((${today}::date + 1)::timestamp at time zone ${timeZone}::text) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as to_ts`,
  );
  return {
    workspaceId: actor.workspaceId,
    team,
    teamIds,
    timeZone,
    today,
    period: { from, to: today, days },
    fromTs: bounds!.from_ts,
    toTs: bounds!.to_ts,
  };
}
