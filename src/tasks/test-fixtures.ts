// Test-only helpers for the tasks, touchpoints and timeline suites (not imported by production code).
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import {
  accountRoleHolders,
  accountRoles,
  attributeDefinitions,
  contacts,
  forms,
  tasks,
  teamMembers,
  users,
} from '../db/schema/index.ts';
import { testContext, type TestContext } from '../test/harness.ts';
import { queryRows } from '../db/rows.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';

export type World = Awaited<ReturnType<typeof seedWorld>>;

/** seedWorkspace plus what tasks need: contacts, roles, attribute definitions, forms and a disabled user. */
export async function seedWorld(t: TestContext, label = 'w1') {
  const w = await seedWorkspace(t.deps, label);
  const ws = w.workspace.id;
  const db = t.deps.db;
  const [c1, c2, cB] = await db
    .insert(contacts)
    .values([
      {
        workspaceId: ws,
        accountId: w.acmeA.id,
        externalId: `${label}-c1`,
        firstName: 'Carla',
        lastName: 'Contact',
        email: 'carla@acme.test',
      },
      {
        workspaceId: ws,
        accountId: w.acmeA.id,
        externalId: `${label}-c2`,
        firstName: 'Dan',
        lastName: 'Doe',
        email: 'dan@acme.test',
      },
      {
        workspaceId: ws,
        accountId: w.betaB.id,
        externalId: `${label}-cb`,
        firstName: 'Bob',
        lastName: 'Beta',
        email: 'bob@beta.test',
      },
    ])
    .returning();
  const [successManager, salesManager] = await db
    .insert(accountRoles)
    .values([
      { workspaceId: ws, name: 'Success Manager' },
      { workspaceId: ws, name: 'Sales Manager' },
    ])
    .returning();
  await db.insert(accountRoleHolders).values({
    workspaceId: ws,
    accountId: w.acmeA.id,
    roleId: successManager!.id,
    userId: w.users.standard.id,
  });
  await db.insert(attributeDefinitions).values([
    { workspaceId: ws, entity: 'account', key: 'licenses', label: 'Licenses', type: 'number' },
    {
      workspaceId: ws,
      entity: 'account',
      key: 'health',
      label: 'Health',
      type: 'enum',
      enumValues: ['green', 'yellow', 'red'],
    },
    {
      workspaceId: ws,
      entity: 'account',
      key: 'renewal_date',
      label: 'Renewal date',
      type: 'date',
    },
    { workspaceId: ws, entity: 'account', key: 'notes', label: 'Notes', type: 'text' },
  ]);
  const [renewalForm, partnerForm] = await db
    .insert(forms)
    .values([
      {
        workspaceId: ws,
        name: 'Renewal info',
        accountType: 'customer',
        fields: [
          { attributeKey: 'licenses', label: 'Licenses', required: true },
          { attributeKey: 'renewal_date', label: 'Renewal date', required: false },
        ],
      },
      {
        workspaceId: ws,
        name: 'Partner profile',
        accountType: 'partner',
        fields: [{ attributeKey: 'notes', label: 'Notes', required: true }],
      },
    ])
    .returning();
  const [disabled] = await db
    .insert(users)
    .values({
      workspaceId: ws,
      email: `disabled@${label}.test`,
      name: 'Dee Disabled',
      enabled: false,
    })
    .returning();
  await db
    .insert(teamMembers)
    .values({ workspaceId: ws, teamId: w.teamA.id, userId: disabled!.id });
  return {
    ...w,
    contacts: { c1: c1!, c2: c2!, cB: cB! },
    roles: { successManager: successManager!, salesManager: salesManager! },
    forms: { renewal: renewalForm!, partner: partnerForm! },
    disabled: disabled!,
  };
}

export async function world(label = 'w1') {
  const t = await testContext();
  return { t, w: await seedWorld(t, label) };
}

/** The fields of one task in every task list (My Work, the task collections, a spotlight drill-down), sorted. */
export const TASK_ITEM_FIELDS = [
  'account',
  'assignee',
  'completedAt',
  'createdAt',
  'dueDate',
  'fallbackReason',
  'flow',
  'id',
  'kind',
  'outcome',
  'outcomes',
  'overdue',
  'playId',
  'priority',
  'source',
  'status',
  'title',
  'version',
].sort();

/** `app.inject` with a bearer token; `payload` objects are sent as JSON. */
export function api(t: TestContext, token: string) {
  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method,
      url,
      headers: { ...bearer(token), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  return {
    get: (url: string, headers?: Record<string, string>) => call('GET', url, undefined, headers),
    post: (url: string, payload?: unknown, headers?: Record<string, string>) =>
      call('POST', url, payload ?? {}, headers),
    patch: (url: string, payload?: unknown, headers?: Record<string, string>) =>
      call('PATCH', url, payload ?? {}, headers),
    del: (url: string, headers?: Record<string, string>) => call('DELETE', url, undefined, headers),
  };
}

/** A valid to-do body on acmeA for the standard user; override any field. */
export function todo(w: World, over: Record<string, unknown> = {}) {
  return {
    accountId: w.acmeA.id,
    title: 'Call about renewal',
    description: '<p>Ask about seats</p>',
    flowId: w.flow.id,
    assignee: { userId: w.users.standard.id },
    dueDate: '2026-03-10',
    priority: 'normal',
    ...over,
  };
}

/** Creates a to-do through the API and returns its body (asserting 201 is the caller's job when it matters). */
export async function createTodo(
  t: TestContext,
  w: World,
  over: Record<string, unknown> = {},
  token = w.tokens.admin,
) {
  const res = await api(t, token).post('/api/v1/tasks', todo(w, over));
  if (res.statusCode !== 201) throw new Error(`create failed ${res.statusCode}: ${res.body}`);
  return res.json() as { id: string; version: number } & Record<string, unknown>;
}

/** Sets post-completion rules (and other play-only columns) directly: plays are built elsewhere. */
export async function setTaskColumns(
  t: TestContext,
  taskId: string,
  set: Partial<typeof tasks.$inferInsert>,
) {
  await t.deps.db.update(tasks).set(set).where(eq(tasks.id, taskId));
}

/** Raw SQL rows on either driver (both return `{ rows }`). */
export const rows = <T = Record<string, unknown>>(t: TestContext, query: SQL): Promise<T[]> =>
  queryRows<T>(t.deps.db, query);

export async function countRows(
  t: TestContext,
  table:
    | 'tasks'
    | 'touchpoints'
    | 'timeline_events'
    | 'change_events'
    | 'email_outbox'
    | 'task_contacts',
  workspaceId: string,
) {
  const [row] = await rows<{ n: number }>(
    t,
    sql`select count(*)::int as n from ${sql.identifier(table)} where workspace_id = ${workspaceId}`,
  );
  return Number(row?.n);
}

/** A snapshot of everything a task write touches, to prove a refused request changed nothing. */
export async function snapshot(t: TestContext, w: World) {
  const ws = w.workspace.id;
  const [acme] = await rows(
    t,
    sql`select attributes, version from accounts where id = ${w.acmeA.id}`,
  );
  const taskRows = await t.deps.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.workspaceId, ws)))
    .orderBy(tasks.id);
  return {
    tasks: taskRows,
    acme,
    touchpoints: await countRows(t, 'touchpoints', ws),
    timeline: await countRows(t, 'timeline_events', ws),
    changes: await countRows(t, 'change_events', ws),
    emails: await countRows(t, 'email_outbox', ws),
    links: await countRows(t, 'task_contacts', ws),
  };
}
