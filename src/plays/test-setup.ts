import { eq, sql } from 'drizzle-orm';
import { testContext, actor, type TestContext } from '../test/harness.ts';
import { seedWorkspace } from '../test/fixtures.ts';
import {
  accountRoles,
  accounts,
  accountTeams,
  attributeDefinitions,
  tasks,
} from '../db/schema/index.ts';
import { recordChange, recordChanges } from '../events/record-change.ts';
import { startJobs, type JobsRuntime } from '../jobs/runtime.ts';
import { completeTask } from '../tasks/complete-task.ts';
import { drainChanges } from './engine/process-changes.ts';
import { createPlay } from './manage-plays.ts';
import { enablePlay } from './enable-play.ts';
import type { PlayInput } from './schema.ts';

/** A workspace for play tests: attribute definitions, a role, and helpers that write like the app does. */
export async function playWorld() {
  const t: TestContext = await testContext();
  const w = await seedWorkspace(t.deps);
  const jobs: JobsRuntime = await startJobs(t.deps, t.database, { work: false });
  const ws = w.workspace.id;
  await t.deps.db.insert(attributeDefinitions).values([
    { workspaceId: ws, entity: 'account', key: 'health', label: 'Health', type: 'text' },
    { workspaceId: ws, entity: 'account', key: 'arr', label: 'ARR', type: 'number' },
    { workspaceId: ws, entity: 'account', key: 'renewal_date', label: 'Renewal', type: 'date' },
    {
      workspaceId: ws,
      entity: 'account',
      key: 'crm_owner',
      label: 'CRM owner',
      type: 'text',
      crmSynced: true,
    },
    { workspaceId: ws, entity: 'account', key: 'onboarded', label: 'Onboarded', type: 'date' },
    { workspaceId: ws, entity: 'contact', key: 'nps', label: 'NPS', type: 'number' },
  ]);
  const [csm] = await t.deps.db
    .insert(accountRoles)
    .values({ workspaceId: ws, name: 'Success Manager' })
    .returning();
  const admin = actor(w.users.admin, []);
  const advanced = actor(w.users.advanced, [w.teamA.id]);

  /** Writes attributes the way every write path must: the update and its outbox row in one transaction. */
  const setAttrs = async (accountId: string, values: Record<string, unknown>) => {
    await t.deps.db.transaction(async (tx) => {
      await tx
        .update(accounts)
        .set({
          attributes: sql`${accounts.attributes} || ${JSON.stringify(values)}::jsonb`,
          version: sql`${accounts.version} + 1`,
        })
        .where(eq(accounts.id, accountId));
      await recordChange(tx, {
        workspaceId: ws,
        entity: 'account',
        entityId: accountId,
        accountId,
        kind: 'updated',
        payload: {},
      });
    });
  };
  const newAccounts = async (
    n: number,
    attrs: Record<string, unknown> = {},
    extra: Partial<typeof accounts.$inferInsert> = {},
  ) => {
    const rows = await t.deps.db
      .insert(accounts)
      .values(
        Array.from({ length: n }, (_, i) => ({
          workspaceId: ws,
          externalId: `x-${Math.random().toString(36).slice(2)}-${i}`,
          name: `Acc ${i}`,
          attributes: attrs,
          ...extra,
        })),
      )
      .returning();
    await t.deps.db
      .insert(accountTeams)
      .values(rows.map((r) => ({ workspaceId: ws, accountId: r.id, teamId: w.teamA.id })));
    await recordChanges(
      t.deps.db,
      rows.map((r) => ({
        workspaceId: ws,
        entity: 'account' as const,
        entityId: r.id,
        accountId: r.id,
        kind: 'created' as const,
      })),
    );
    return rows;
  };
  const drain = () => drainChanges(t.deps, { maxMs: 60_000 });
  const playTasks = (playId: string) =>
    t.deps.db.select().from(tasks).where(eq(tasks.playId, playId));
  const openTasks = async (playId: string) =>
    (await playTasks(playId)).filter((x) => x.status === 'open');
  const complete = (taskId: string, outcome?: string) =>
    completeTask(t.deps, admin, taskId, outcome ? { outcome } : {});
  const play = async (
    over: Partial<PlayInput> = {},
    enable: false | { fireNow: boolean } = { fireNow: false },
  ) => {
    const p = await createPlay(t.deps, advanced, {
      name: 'At risk',
      description: 'Reach out when health turns red',
      subject: 'accounts',
      collaboratorIds: [],
      trigger: { type: 'enter' },
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'red' },
      options: { hierarchy: null, contactGrouping: 'per_contact' },
      actions: [
        {
          id: 'call',
          type: 'create_task',
          title: 'Call {{account.name}}',
          description: '<p>Health is {{account.attributes.health}}</p>',
          dueInDays: 3,
          flowId: w.flow.id,
          assignee: { type: 'user', userId: w.users.standard.id },
        },
      ],
      ...over,
    });
    if (enable) await enablePlay(t.deps, advanced, p.id, enable);
    return p;
  };
  return {
    t,
    w,
    ws,
    jobs,
    csm: csm!,
    admin,
    advanced,
    setAttrs,
    newAccounts,
    drain,
    playTasks,
    openTasks,
    complete,
    play,
    async close() {
      await jobs.stop();
      await t.close();
    },
  };
}
export type PlayWorld = Awaited<ReturnType<typeof playWorld>>;
