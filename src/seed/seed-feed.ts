import { and, asc, desc, eq, isNotNull, ne } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { accounts, accountTeams, tasks } from '../db/schema/index.ts';
import { recordOutcomeFeed } from '../tasks/outcome-feed.ts';
import { writeKnownTasks } from '../tasks/write/write-known-tasks.ts';
import type { Catalog } from './seed-catalog.ts';
import type { DemoUser, People } from './seed-people.ts';
import type { DemoTime } from './seed-time.ts';

/** Tasks the feed's demo adds to the planned ones. */
export const demoFeedTasks = 2;

/**
 * Gives the demo admin's bell something on first start, through the feed's own writers: the
 * Enterprise lead assigns the admin two tasks through the task writer (which writes their feed
 * items), and the latest planned task the admin gave someone, completed with an outcome, is told
 * to the admin by the completion's feed writer. Like the rest of the demo, no change events.
 */
export async function seedFeed(
  deps: Deps,
  tx: Tx,
  ws: string,
  people: People,
  catalog: Catalog,
  time: DemoTime,
): Promise<void> {
  const lead = people.leads.Enterprise;
  const [first, second] = await tx
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .innerJoin(accountTeams, eq(accountTeams.accountId, accounts.id))
    .where(and(eq(accounts.workspaceId, ws), eq(accountTeams.teamId, people.teamIds.Enterprise)))
    .orderBy(asc(accounts.name))
    .limit(2);
  if (!first || !second) return;
  const task = (account: { id: string; name: string }, title: string, due: number) => ({
    accountId: account.id,
    accountName: account.name,
    kind: 'todo' as const,
    title,
    description: `<p>${title}.</p>`,
    flowId: catalog.flowIds.Renewal,
    assigneeUserId: people.admin.id,
    assigneeName: people.admin.name,
    assignedById: lead.id,
    createdById: lead.id,
    dueDate: time.day(due),
    priority: 1,
    outcomes: [],
    source: 'manual' as const,
    completionRules: {},
  });
  // The older news first, so the feed's newest-first order matches the dates shown.
  const [done] = await tx
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.workspaceId, ws),
        eq(tasks.createdById, people.admin.id),
        ne(tasks.completedById, people.admin.id),
        isNotNull(tasks.outcome),
      ),
    )
    .orderBy(desc(tasks.completedAt))
    .limit(1);
  const completer = people.users.find((u) => u.id === done?.completedById);
  if (done?.completedAt && completer)
    await recordOutcomeFeed(
      tx,
      actorOf(ws, people, completer),
      done,
      done.outcome,
      done.completedAt,
    );

  await writeKnownTasks(deps, tx, {
    workspaceId: ws,
    actor: { id: lead.id, name: lead.name },
    tasks: [
      task(first, 'Approve the renewal discount', 2),
      task(second, 'Join the executive QBR', 6),
    ],
    changes: false,
    emails: false,
  });
}

const actorOf = (ws: string, people: People, u: DemoUser): Actor => ({
  userId: u.id,
  workspaceId: ws,
  role: u.role,
  name: u.name,
  email: u.email,
  teamIds: u.teams.map((t) => people.teamIds[t]),
  via: 'token',
});
