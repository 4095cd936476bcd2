// The records the write cases (write-cases.ts) point at, made through the API as w1's admin, and the
// request each case sends.
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createApiToken } from '../auth/tokens.ts';
import type { DbOrTx } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';
import { journeys, webhookDeliveries, webhookDisabled } from '../db/schema/index.ts';
import { bearer, type seedWorkspace } from './fixtures.ts';
import type { TestContext } from './harness.ts';
import { multipart } from './multipart.ts';
import { playBody, type Caller, type WriteCase, type WriteFixtures } from './write-cases.ts';

type Seeded = Awaited<ReturnType<typeof seedWorkspace>>;
type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Creates the records of `WriteFixtures` in w1, each through its own API route. */
export async function seedWriteFixtures(t: TestContext, w1: Seeded): Promise<WriteFixtures> {
  const create = async (url: string, body: unknown): Promise<string> => {
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: bearer(w1.tokens.admin),
      payload: body as object,
    });
    assert.ok(res.statusCode < 300, `fixture POST ${url} → ${res.statusCode} ${res.body}`);
    return res.json().id;
  };
  const acme = w1.acmeA.id;
  const ws = w1.workspace.id;
  const definition = { id: '', key: 'score' };
  definition.id = await create('/api/v1/attribute-definitions', {
    entity: 'account',
    key: definition.key,
    label: 'Score',
    type: 'number',
  });
  const form = await create('/api/v1/forms', {
    name: 'Score form',
    accountType: 'customer',
    fields: [{ attributeKey: definition.key }],
  });
  const todo = (title: string) =>
    create('/api/v1/tasks', {
      accountId: acme,
      flowId: w1.flow.id,
      title,
      description: 'x',
      assignee: { userId: w1.users.standard.id },
      dueDate: '2026-03-10',
    });
  const f: Omit<
    WriteFixtures,
    'play' | 'versionedPlay' | 'attachment' | 'deadDelivery' | 'disabledWebhook' | 'journey'
  > = {
    w1,
    definition,
    form,
    spareDefinition: await create('/api/v1/attribute-definitions', {
      entity: 'account',
      key: 'spare',
      label: 'Spare',
      type: 'text',
    }),
    spareForm: await create('/api/v1/forms', {
      name: 'Spare form',
      accountType: 'customer',
      fields: [{ attributeKey: definition.key }],
    }),
    contact: await create('/api/v1/contacts', { accountId: acme, firstName: 'Carla' }),
    spareContact: await create('/api/v1/contacts', { accountId: acme, firstName: 'Spare' }),
    spareAccount: await create('/api/v1/accounts', {
      name: 'Spare Co',
      externalId: 'spare-co',
      accountType: 'customer',
      teams: [w1.teamA.id],
    }),
    task: await todo('Matrix task'),
    taskToComplete: await todo('Matrix task to complete'),
    taskToDelete: await todo('Matrix task to delete'),
    requestInfoTask: await create('/api/v1/tasks/request-info', {
      accountId: acme,
      formId: form,
      flowId: w1.flow.id,
      assignee: { userId: w1.users.standard.id },
      dueDate: '2026-03-10',
    }),
    role: await create('/api/v1/account-roles', { name: 'Fixture role' }),
    spareRole: await create('/api/v1/account-roles', { name: 'Spare role' }),
    segment: await create('/api/v1/segments', {
      name: 'Fixture segment',
      subject: 'accounts',
      criteria: { kind: 'and', items: [] },
    }),
    template: await create('/api/v1/templates', {
      name: 'Fixture template',
      title: 'Call',
      description: 'Book it',
      dueOffsetDays: 3,
      flowId: w1.flow.id,
      assigneeRule: { type: 'user', userId: w1.users.standard.id },
    }),
    spareUser: await create('/api/v1/users', {
      name: 'Spare Person',
      email: 'spare@w1.test',
      role: 'standard',
    }),
    spareTeam: await create('/api/v1/teams', { name: 'Spare team' }),
    spareFlow: await create('/api/v1/flows', { name: 'Spare flow' }),
    touchpointType: await create('/api/v1/touchpoint-types', { label: 'Matrix visit' }),
    adminTokenToRevoke: (
      await createApiToken(t.deps.db, { workspaceId: ws, userId: w1.users.admin.id }, 'spare')
    ).id,
  };
  const play = await create('/api/v1/plays', playBody({ ...f } as WriteFixtures, 'Fixture play'));
  // An enabled play with a draft (version 2 of the row), for publish / restore / discard.
  const versionedPlay = await create(
    '/api/v1/plays',
    playBody({ ...f } as WriteFixtures, 'Versioned play'),
  );
  for (const [method, url, payload] of [
    ['POST', `/api/v1/plays/${versionedPlay}/enable`, { fireNow: false }],
    [
      'PATCH',
      `/api/v1/plays/${versionedPlay}`,
      {
        version: 1,
        actions: [{ ...playBody({ ...f } as WriteFixtures, '').actions[0], dueInDays: 9 }],
      },
    ],
  ] as const) {
    const res = await t.app.inject({ method, url, headers: bearer(w1.tokens.admin), payload });
    assert.ok(res.statusCode < 300, `fixture ${method} ${url} → ${res.statusCode} ${res.body}`);
  }
  await create('/api/v1/holidays', { calendar: 'matrix', date: '2026-12-25', name: 'Christmas' });
  const upload = multipart([
    { name: 'file', filename: 'notes.txt', type: 'text/plain', data: 'hello' },
  ]);
  const uploaded = await t.app.inject({
    method: 'POST',
    url: `/api/v1/accounts/${acme}/attachments`,
    headers: { ...bearer(w1.tokens.advanced), ...upload.headers },
    payload: upload.payload,
  });
  assert.ok(uploaded.statusCode < 300, `fixture upload → ${uploaded.statusCode} ${uploaded.body}`);
  // A dead delivery and a 410-disabled webhook action: made by the delivery worker in real life.
  await t.deps.db.insert(webhookDeliveries).values({
    id: 'msg_matrixdead01',
    workspaceId: ws,
    accountId: acme,
    playId: play,
    actionId: 'call',
    webhookName: 'Matrix hook',
    method: 'POST',
    url: 'http://127.0.0.1:9/hook',
    status: 'dead',
  });
  await t.deps.db
    .insert(webhookDisabled)
    .values({ workspaceId: ws, playId: play, actionId: 'call', reason: '410 Gone' });
  // A running journey on team A's account (journeys start when a play with steps fires).
  const [journey] = await t.deps.db
    .insert(journeys)
    .values({
      workspaceId: ws,
      playId: play,
      playVersion: 1,
      recordId: acme,
      accountId: acme,
      stepId: 'call',
      enteredAt: new Date(),
    })
    .returning();
  return {
    ...f,
    play,
    versionedPlay,
    attachment: uploaded.json().id,
    deadDelivery: 'msg_matrixdead01',
    disabledWebhook: { playId: play, actionId: 'call' },
    journey: journey!.id,
  };
}

/** Splits a route key `METHOD /path` into its parts. */
export const routeOf = (key: string) => {
  const [method, url] = key.split(' ') as [Method, string];
  return { method, url };
};

/** The request a case sends (its params filled in), with the caller's headers. */
export function writeRequest(
  key: string,
  c: WriteCase,
  f: WriteFixtures,
  headers: Record<string, string>,
  params: Record<string, string> = c.params?.(f) ?? {},
) {
  const { method, url } = routeOf(key);
  const path = url.replace(/:([A-Za-z]+)/g, (_, p: string) => {
    assert.ok(params[p], `${key}: no value for :${p}`);
    return encodeURIComponent(params[p]);
  });
  if (c.upload) {
    const upload = multipart([
      { name: 'file', filename: 'matrix.txt', type: 'text/plain', data: 'matrix' },
    ]);
    return {
      method,
      url: path,
      headers: { ...headers, ...upload.headers },
      payload: upload.payload,
    };
  }
  const body = c.body?.(f);
  return {
    method,
    url: path,
    headers,
    ...(body === undefined ? {} : { payload: body as object }),
  };
}

/** The bearer header of a w1 caller. */
export const callerHeaders = (f: WriteFixtures, caller: Caller) => bearer(f.w1.tokens[caller]);

/**
 * A digest of every row of a workspace, table by table, so a sweep can prove it changed nothing.
 * Token, session and idempotency rows are left out: the caller's own requests stamp them.
 */
export async function workspaceFingerprint(
  db: DbOrTx,
  workspaceId: string,
): Promise<Record<string, string>> {
  const tables = await queryRows<{ t: string }>(
    db,
    sql`select table_name as t from information_schema.columns
    where column_name = 'workspace_id' and table_schema = 'public' and table_name not in ('api_tokens', 'sessions', 'idempotency_keys') order by 1`,
  );
  const out: Record<string, string> = {};
  for (const { t: table } of tables) {
    const [row] = await queryRows<{ d: string }>(
      db,
      sql`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as d
      from ${sql.identifier(table)} x where x.workspace_id = ${workspaceId}::uuid`,
    );
    out[table] = row!.d;
  }
  return out;
}
