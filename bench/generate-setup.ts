import { createApiToken } from '../src/auth/tokens.ts';
import type { Db } from '../src/db/client.ts';
import { teamMembers, teams, users } from '../src/db/schema/index.ts';
import { seedCatalog, type Catalog } from '../src/seed/seed-catalog.ts';
import { createWorkspace } from '../src/workspaces/create-workspace.ts';

export const benchTimeZone = 'America/New_York';

export type BenchPeople = {
  workspaceId: string;
  adminId: string;
  teams: Array<{ idx: number; id: string; name: string }>;
  /** `slot` 0 is the team lead (advanced), 1… are standard users. */
  users: Array<{ teamIdx: number; slot: number; id: string; email: string }>;
  catalog: Catalog;
};

/**
 * The bench workspace: the demo catalog (roles, attributes, flows, forms), `teams` teams of
 * `perTeam` users each. Nobody logs in with a password; requests use API tokens.
 */
export async function setupWorkspace(
  db: Db,
  teamCount: number,
  perTeam: number,
): Promise<BenchPeople> {
  const { workspace, admin } = await createWorkspace(db, {
    name: 'Bench',
    timeZone: benchTimeZone,
    admin: { email: 'admin@bench.test', name: 'Bench Admin' },
  });
  const ws = workspace.id;
  const catalog = await db.transaction((tx) => seedCatalog(tx, ws));
  const teamRows = await db
    .insert(teams)
    .values(Array.from({ length: teamCount }, (_, i) => ({ workspaceId: ws, name: teamName(i) })))
    .returning();
  const planned = teamRows.flatMap((t, idx) =>
    Array.from({ length: perTeam }, (_, slot) => ({
      teamIdx: idx,
      slot,
      teamId: t.id,
      email: `t${String(idx + 1).padStart(2, '0')}u${slot}@bench.test`,
    })),
  );
  const userRows = await db
    .insert(users)
    .values(
      planned.map((p) => ({
        workspaceId: ws,
        email: p.email,
        name: `User ${p.teamIdx + 1}.${p.slot}`,
        role: p.slot === 0 ? ('advanced' as const) : ('standard' as const),
      })),
    )
    .returning();
  const byEmail = new Map(userRows.map((u) => [u.email, u.id]));
  await db
    .insert(teamMembers)
    .values(
      planned.map((p) => ({ workspaceId: ws, teamId: p.teamId, userId: byEmail.get(p.email)! })),
    );
  return {
    workspaceId: ws,
    adminId: admin.id,
    catalog,
    teams: teamRows.map((t, idx) => ({ idx, id: t.id, name: t.name })),
    users: planned.map((p) => ({
      teamIdx: p.teamIdx,
      slot: p.slot,
      id: byEmail.get(p.email)!,
      email: p.email,
    })),
  };
}

export const teamName = (idx: number) => `Team ${String(idx + 1).padStart(2, '0')}`;

export async function tokenFor(db: Db, workspaceId: string, userId: string): Promise<string> {
  return (await createApiToken(db, { workspaceId, userId }, 'bench')).token;
}
