// Test-only: a hand-built data set for the Work-focus report (not imported by production code).
// Workspace time zone America/New_York; "now" is 2026-03-31 11:00 local, so a 30-day period is
// 2026-03-02 … 2026-03-31 and starts at 05:00Z (EST), while DST (8 March) moves later days to UTC-4.
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import {
  accountRoles,
  accounts,
  accountTeams,
  contacts,
  flows,
  tasks,
  workspaces,
} from '../db/schema/index.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';
import type { TestContext } from '../test/harness.ts';

export const NOW = '2026-03-31T15:00:00Z';

type TaskSpec = {
  account: string;
  flow: string;
  due: string;
  created: string;
  completed?: string;
  deleted?: boolean;
  user?: string;
  contact?: string;
  role?: string;
  priority?: 1 | 2 | 3;
};

async function insertTasks(t: TestContext, workspaceId: string, specs: Record<string, TaskSpec>) {
  const ids: Record<string, string> = {};
  for (const [title, s] of Object.entries(specs)) {
    const [row] = await t.deps.db
      .insert(tasks)
      .values({
        workspaceId,
        accountId: s.account,
        kind: 'todo',
        title,
        description: '<p>x</p>',
        flowId: s.flow,
        assigneeUserId: s.user ?? null,
        assigneeContactId: s.contact ?? null,
        assigneeRoleId: s.role ?? null,
        dueDate: s.due,
        priority: s.priority ?? 2,
        createdAt: new Date(s.created),
        updatedAt: new Date(s.created),
        status: s.deleted ? 'deleted' : s.completed ? 'completed' : 'open',
        completedAt: s.completed ? new Date(s.completed) : null,
        deletedAt: s.deleted ? new Date(s.created) : null,
      })
      .returning({ id: tasks.id });
    ids[title] = row!.id;
  }
  return ids;
}

/**
 * seedWorkspace plus: accounts Gamma (team A), Shared (teams A and B) and Orphan (no team), a
 * contact, the role "Success Manager", and the tasks below (titles are the keys the tests use).
 */
export async function seedFocus(t: TestContext, label = 'w1') {
  const w = await seedWorkspace(t.deps, label);
  const ws = w.workspace.id;
  const db = t.deps.db;
  await db.update(workspaces).set({ timeZone: 'America/New_York' }).where(eq(workspaces.id, ws));
  const [gamma, shared, orphan] = await db
    .insert(accounts)
    .values([
      { workspaceId: ws, externalId: 'gamma', name: 'Gamma' },
      { workspaceId: ws, externalId: 'shared', name: 'Shared' },
      { workspaceId: ws, externalId: 'orphan', name: 'Orphan' },
    ])
    .returning();
  await db.insert(accountTeams).values([
    { workspaceId: ws, accountId: gamma!.id, teamId: w.teamA.id },
    { workspaceId: ws, accountId: shared!.id, teamId: w.teamA.id },
    { workspaceId: ws, accountId: shared!.id, teamId: w.teamB.id },
  ]);
  const [contact] = await db
    .insert(contacts)
    .values({
      workspaceId: ws,
      accountId: w.acmeA.id,
      externalId: `${label}-c`,
      firstName: 'Carla',
    })
    .returning();
  const [role] = await db
    .insert(accountRoles)
    .values({ workspaceId: ws, name: 'Success Manager' })
    .returning();
  const [renewal] = await db
    .select()
    .from(flows)
    .where(eq(flows.workspaceId, ws))
    .then((r) => r.filter((f) => f.name === 'Renewal'));
  const F1 = w.flow.id;
  const F2 = renewal!.id;
  const { admin, advanced: avery, standard: sam, standardB: bea } = w.users;
  const acme = w.acmeA.id;
  const ids = await insertTasks(t, ws, {
    // Completed 23:30 local on its due date (03:30Z the next day): on time.
    T1: {
      account: acme,
      user: sam.id,
      role: role!.id,
      flow: F1,
      due: '2026-03-10',
      created: '2026-03-05T15:00:00Z',
      completed: '2026-03-11T03:30:00Z',
    },
    // Completed 00:30 local the day after its due date: late.
    T2: {
      account: acme,
      user: sam.id,
      flow: F1,
      due: '2026-03-10',
      created: '2026-03-05T16:00:00Z',
      completed: '2026-03-11T04:30:00Z',
    },
    // Created 23:30 local on 1 March (already 2 March in UTC): before the period; completed inside it.
    T3: {
      account: acme,
      user: avery.id,
      flow: F2,
      due: '2026-03-20',
      created: '2026-03-02T04:30:00Z',
      completed: '2026-03-15T14:00:00Z',
    },
    // Created 00:30 local on the period's first day.
    T4: {
      account: gamma!.id,
      user: avery.id,
      flow: F2,
      due: '2026-04-15',
      created: '2026-03-02T05:30:00Z',
    },
    // Created 31 days ago, still open and overdue.
    T5: {
      account: acme,
      user: sam.id,
      role: role!.id,
      flow: F1,
      due: '2026-03-01',
      created: '2026-02-28T15:00:00Z',
    },
    // Created 30 days ago (outside a 30-day period that includes today), completed inside it; high priority.
    T6: {
      account: gamma!.id,
      user: sam.id,
      flow: F1,
      priority: 1,
      due: '2026-04-10',
      created: '2026-03-01T15:00:00Z',
      completed: '2026-03-03T15:00:00Z',
    },
    T7: {
      account: acme,
      user: avery.id,
      flow: F2,
      due: '2026-03-31',
      created: '2026-03-30T12:00:00Z',
    }, // due today: not overdue
    T8: {
      account: acme,
      user: avery.id,
      role: role!.id,
      flow: F1,
      due: '2026-03-30',
      created: '2026-03-25T12:00:00Z',
    },
    T9: {
      account: acme,
      user: sam.id,
      flow: F1,
      due: '2026-02-20',
      created: '2026-02-10T12:00:00Z',
      completed: '2026-02-25T12:00:00Z',
    },
    T10: {
      account: acme,
      user: sam.id,
      flow: F1,
      due: '2026-03-05',
      created: '2026-03-04T12:00:00Z',
      deleted: true,
    },
    // Deleted tasks (created in the period, due before today): never counted anywhere.
    T11: {
      account: gamma!.id,
      user: avery.id,
      flow: F2,
      due: '2026-03-06',
      created: '2026-03-05T12:00:00Z',
      deleted: true,
    },
    T12: {
      account: acme,
      contact: contact!.id,
      flow: F2,
      due: '2026-03-29',
      created: '2026-03-20T12:00:00Z',
    },
    T13: {
      account: shared!.id,
      user: admin.id,
      flow: F2,
      due: '2026-03-25',
      created: '2026-03-10T12:00:00Z',
      completed: '2026-03-24T12:00:00Z',
    },
    T14: {
      account: shared!.id,
      user: sam.id,
      flow: F1,
      due: '2026-03-28',
      created: '2026-03-26T12:00:00Z',
    },
    T15: {
      account: orphan!.id,
      user: admin.id,
      flow: F1,
      due: '2026-03-20',
      created: '2026-03-15T12:00:00Z',
    },
    T16: {
      account: gamma!.id,
      user: avery.id,
      flow: F1,
      due: '2026-03-27',
      created: '2026-03-27T12:00:00Z',
    },
    B1: {
      account: w.betaB.id,
      user: bea.id,
      flow: F1,
      due: '2026-03-15',
      created: '2026-03-10T12:00:00Z',
    },
    B2: {
      account: w.betaB.id,
      user: bea.id,
      flow: F2,
      due: '2026-03-20',
      created: '2026-03-12T12:00:00Z',
      completed: '2026-03-21T12:00:00Z',
    },
  });
  return {
    ...w,
    gamma: gamma!,
    shared: shared!,
    orphan: orphan!,
    contact: contact!,
    role: role!,
    flows: { F1, F2 },
    ids,
  };
}

export type FocusWorld = Awaited<ReturnType<typeof seedFocus>>;

/** GET with a bearer token through app.inject. */
export function get(t: TestContext, token: string, url: string): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'GET', url, headers: bearer(token) });
}
