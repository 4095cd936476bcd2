import type { Deps } from '../context.ts';
import { testContext, type TestContext } from './harness.ts';
import { accounts, accountTeams, flows, teamMembers, teams, users } from '../db/schema/index.ts';
import { createWorkspace } from '../workspaces/create-workspace.ts';
import { createApiToken } from '../auth/tokens.ts';
import { hashPassword } from '../auth/credentials.ts';

export const PASSWORD = 'correct horse battery';

/**
 * A workspace with two teams and one user per role, each with an API token:
 * admin; advanced and standard in team A; standardB in team B; accounts acmeA (team A) and betaB (team B).
 */
export async function seedWorkspace(deps: Deps, label = 'w1') {
  const passwordHash = await hashPassword(PASSWORD);
  const { workspace, admin } = await createWorkspace(deps.db, {
    name: `Workspace ${label}`,
    admin: { email: `admin@${label}.test`, name: 'Admin', password: PASSWORD },
  });
  const ws = workspace.id;
  const [teamA, teamB] = await deps.db
    .insert(teams)
    .values([
      { workspaceId: ws, name: 'Team A' },
      { workspaceId: ws, name: 'Team B' },
    ])
    .returning();
  const [advanced, standard, standardB] = await deps.db
    .insert(users)
    .values([
      {
        workspaceId: ws,
        email: `advanced@${label}.test`,
        name: 'Avery Advanced',
        role: 'advanced',
        passwordHash,
      },
      {
        workspaceId: ws,
        email: `standard@${label}.test`,
        name: 'Sam Standard',
        role: 'standard',
        passwordHash,
      },
      {
        workspaceId: ws,
        email: `standardb@${label}.test`,
        name: 'Bea B',
        role: 'standard',
        passwordHash,
      },
    ])
    .returning();
  await deps.db.insert(teamMembers).values([
    { workspaceId: ws, teamId: teamA!.id, userId: advanced!.id },
    { workspaceId: ws, teamId: teamA!.id, userId: standard!.id },
    { workspaceId: ws, teamId: teamB!.id, userId: standardB!.id },
  ]);
  const [acmeA, betaB] = await deps.db
    .insert(accounts)
    .values([
      { workspaceId: ws, externalId: 'acme', name: 'Acme', accountType: 'customer' },
      { workspaceId: ws, externalId: 'beta', name: 'Beta', accountType: 'customer' },
    ])
    .returning();
  await deps.db.insert(accountTeams).values([
    { workspaceId: ws, accountId: acmeA!.id, teamId: teamA!.id },
    { workspaceId: ws, accountId: betaB!.id, teamId: teamB!.id },
  ]);
  const [onboarding] = await deps.db
    .insert(flows)
    .values([
      { workspaceId: ws, name: 'Onboarding' },
      { workspaceId: ws, name: 'Renewal' },
    ])
    .returning();
  const token = async (u: { id: string }) =>
    (await createApiToken(deps.db, { workspaceId: ws, userId: u.id }, 'test')).token;
  return {
    workspace,
    teamA: teamA!,
    teamB: teamB!,
    acmeA: acmeA!,
    betaB: betaB!,
    flow: onboarding!,
    users: { admin, advanced: advanced!, standard: standard!, standardB: standardB! },
    tokens: {
      admin: await token(admin),
      advanced: await token(advanced!),
      standard: await token(standard!),
      standardB: await token(standardB!),
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export type Seeded = Awaited<ReturnType<typeof seedWorkspace>>;

/** A test context with one seeded workspace. */
export async function oneWorkspace(label = 'w1'): Promise<{ t: TestContext; w: Seeded }> {
  const t = await testContext();
  return { t, w: await seedWorkspace(t.deps, label) };
}

/** A test context with two seeded workspaces, for tests that check one cannot reach the other. */
export async function twoWorkspaces(
  labels: [string, string] = ['w1', 'w2'],
): Promise<{ t: TestContext; w: Seeded; w2: Seeded }> {
  const { t, w } = await oneWorkspace(labels[0]);
  return { t, w, w2: await seedWorkspace(t.deps, labels[1]) };
}

/** An in-process API request on `context()`'s app as `token`'s user, with a body (JSON) and headers when given. */
export const injectAs =
  (context: () => TestContext) =>
  (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    token: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    context().app.inject({
      method,
      url,
      headers: { ...bearer(token), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
