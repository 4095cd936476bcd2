import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import {
  accountRoleHolders,
  accounts,
  plays,
  taskTemplates,
  tasks,
  webhookDeliveries,
  webhookSettings,
} from '../db/schema/index.ts';
import { bearer } from '../test/fixtures.ts';
import { playWorld, type PlayWorld } from './test-setup.ts';
import { runRecurring } from './engine/recurring.ts';

describe('plays API', () => {
  let p: PlayWorld;
  let tok: string;
  before(async () => {
    p = await playWorld();
    tok = p.w.tokens.advanced;
  });
  after(() => p.close());

  const api = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    token = tok,
  ) =>
    p.t.app.inject({
      method,
      url,
      headers: bearer(token),
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const task = (over: Record<string, unknown> = {}) => ({
    id: 't1',
    type: 'create_task',
    title: 'Call {{account.name}}',
    description: 'Hi',
    dueInDays: 1,
    flowId: p.w.flow.id,
    assignee: { type: 'user', userId: p.w.users.standard.id },
    ...over,
  });
  const body = (over: Record<string, unknown> = {}) => ({
    name: 'Renewal prep',
    description: 'Prepare renewals',
    subject: 'accounts',
    trigger: { type: 'enter' },
    criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'red' },
    actions: [task()],
    ...over,
  });
  const paths = (res: { json(): { error: { details: Array<{ path: string }> } } }) =>
    res.json().error.details.map((d) => d.path);

  it('validates every play rule with field paths', async () => {
    assert.equal((await api('POST', '/api/v1/plays', body(), p.w.tokens.standard)).statusCode, 403);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: '' }, 'body.name'],
      [{ description: '' }, 'body.description'],
      [{ actions: [task({ dueInDays: 0 })] }, 'body.actions.0.dueInDays'],
      [
        {
          trigger: { type: 'manual' },
          actions: [{ type: 'update_information', set: [{ key: 'health', value: 'x' }] }],
        },
        'body.actions.0.type',
      ],
      [
        {
          options: { hierarchy: { mode: 'one_per_parent' } },
          actions: [{ type: 'update_information', set: [{ key: 'health', value: 'x' }] }],
        },
        'body.actions.0.type',
      ],
      [
        { actions: [{ type: 'update_information', set: [{ key: 'crm_owner', value: 'x' }] }] },
        'body.actions.0.set.0.key',
      ],
      [
        { trigger: { type: 'manual' }, actions: [{ type: 'celebrate', message: 'Yay' }] },
        'body.actions.0.type',
      ],
      [
        { subject: 'contacts', criteria: null, actions: [{ type: 'notify', message: 'Hm' }] },
        'body.actions.0.type',
      ],
      [
        { subject: 'contacts', criteria: null, options: { hierarchy: { mode: 'one_per_child' } } },
        'body.options.hierarchy',
      ],
      [
        { trigger: { type: 'manual' }, actions: [task(), { type: 'add_tag', tag: 'x' }] },
        'body.actions.1.type',
      ],
      [
        { criteria: { kind: 'compare', field: 'attributes.nope', op: 'eq', value: 1 } },
        'body.criteria.field',
      ],
      [{ actions: [task({ title: '{{account.secret}}' })] }, 'body.actions.0.title'],
      [{ trigger: { type: 'recurring' } }, 'body.trigger.recurring'],
      [
        { trigger: { type: 'recurring', recurring: { cron: '61 * * * *' } } },
        'body.trigger.recurring.cron',
      ],
      [
        { trigger: { type: 'recurring', recurring: { cron: '* * * * MON-FOO' } } },
        'body.trigger.recurring.cron',
      ],
      [
        {
          actions: [
            task({
              completionRules: { automaticAttributeUpdate: { key: 'crm_owner', value: 'x' } },
            }),
          ],
        },
        'body.actions.0.completionRules.automaticAttributeUpdate.key',
      ],
      [
        {
          actions: [
            task({ completionRules: { automaticAttributeUpdate: { key: 'nope', value: 'x' } } }),
          ],
        },
        'body.actions.0.completionRules.automaticAttributeUpdate.key',
      ],
      [
        {
          actions: [
            task({ completionRules: { automaticAttributeUpdate: { key: 'arr', value: 'lots' } } }),
          ],
        },
        'body.actions.0.completionRules.automaticAttributeUpdate.value.arr',
      ],
      [
        { actions: [task({ completionRules: { attributeUpdateRequired: { key: 'nope' } } })] },
        'body.actions.0.completionRules.attributeUpdateRequired.key',
      ],
    ];
    for (const [over, path] of cases) {
      const res = await api('POST', '/api/v1/plays', body(over));
      assert.equal(res.statusCode, 400, `${JSON.stringify(over)} → ${res.body}`);
      assert.ok(paths(res).includes(path), `${path} in ${paths(res).join(', ')}`);
    }
    assert.equal(
      (await p.t.deps.db.select().from(plays)).length,
      0,
      'a rejected request changes nothing',
    );
  });

  it('copies segment criteria at save time (a snapshot)', async () => {
    const seg = await api('POST', '/api/v1/segments', {
      name: 'Reds',
      subject: 'accounts',
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'red' },
    });
    const created = await api(
      'POST',
      '/api/v1/plays',
      body({ criteria: undefined, fromSegmentId: seg.json().id }),
    );
    assert.equal(created.statusCode, 201, created.body);
    await api('PATCH', `/api/v1/segments/${seg.json().id}`, {
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'blue' },
    });
    const got = await api('GET', `/api/v1/plays/${created.json().id}`);
    assert.equal(got.json().criteria.value, 'red');
    assert.equal(got.json().sourceSegmentId, seg.json().id);
    assert.equal(got.json().status, 'disabled');
    await api('DELETE', `/api/v1/plays/${created.json().id}`);
  });

  it('dry run shows what would happen and writes no tasks; runs and results are inspectable', async () => {
    const [a1, a2] = await p.newAccounts(2, { health: 'red' });
    const created = (await api('POST', '/api/v1/plays', body({ name: 'Dry' }))).json();
    const dry = await api('POST', `/api/v1/plays/${created.id}/dry-run`);
    assert.equal(dry.statusCode, 200, dry.body);
    assert.equal(dry.json().targets, 2);
    assert.deepEqual(dry.json().summary, [{ actionId: 't1', result: 'would_create', count: 2 }]);
    assert.equal(dry.json().data[0].detail.title.startsWith('Call Acc'), true);
    assert.deepEqual(
      dry
        .json()
        .data.map((r: { recordName: string }) => r.recordName)
        .sort(),
      ['Acc 0', 'Acc 1'],
      'records are named, not only ids',
    );
    assert.equal((await p.playTasks(created.id)).length, 0);
    const en = await api('POST', `/api/v1/plays/${created.id}/enable`, { fireNow: true });
    assert.equal(en.json().status, 'enabled');
    assert.equal((await p.openTasks(created.id)).length, 2);
    const dry2 = await api('POST', `/api/v1/plays/${created.id}/dry-run`);
    assert.deepEqual(dry2.json().summary, [
      { actionId: 't1', result: 'skipped_open_task', count: 2 },
    ]);
    const runs = await api('GET', `/api/v1/plays/${created.id}/runs`);
    assert.deepEqual(
      runs
        .json()
        .data.map((r: { kind: string }) => r.kind)
        .sort(),
      ['dry_run', 'dry_run', 'enable'],
    );
    const enableRun = runs.json().data.find((r: { kind: string }) => r.kind === 'enable');
    assert.equal(enableRun.counts.created, 2);
    const dryCounts = runs
      .json()
      .data.filter((r: { kind: string }) => r.kind === 'dry_run')
      .map((r: { counts: Record<string, number> }) => r.counts)
      .map((c: Record<string, number>) => [c.wouldCreate, c.created, c.skipped, c.other])
      .sort();
    assert.deepEqual(
      dryCounts,
      [
        [0, 0, 2, 0],
        [2, 0, 0, 0],
      ],
      'a dry run stores "would create" as wouldCreate, not under other',
    );
    const results = await api('GET', `/api/v1/plays/${created.id}/runs/${enableRun.id}/results`);
    assert.deepEqual(
      results
        .json()
        .data.map((r: { recordId: string }) => r.recordId)
        .sort(),
      [a1!.id, a2!.id].sort(),
    );
    assert.ok(
      results
        .json()
        .data.every((r: { result: string; taskId: string }) => r.result === 'created' && r.taskId),
    );
    assert.deepEqual(
      results
        .json()
        .data.map((r: { accountName: string }) => r.accountName)
        .sort(),
      ['Acc 0', 'Acc 1'],
    );
    await api('POST', `/api/v1/plays/${created.id}/disable`);
  });

  it('refuses unknown top-level fields (a misspelt option must not be silently dropped)', async () => {
    for (const [method, url, payload] of [
      ['POST', '/api/v1/plays', body({ segmentId: p.w.flow.id })],
    ] as const) {
      const res = await api(method, url, payload);
      assert.equal(res.statusCode, 400, res.body);
      assert.match(JSON.stringify(res.json().error.details), /segmentId/);
    }
    const created = (await api('POST', '/api/v1/plays', body({ name: 'Strict' }))).json();
    const patch = await api('PATCH', `/api/v1/plays/${created.id}`, {
      version: created.version,
      fromSegment: p.w.flow.id,
    });
    assert.equal(patch.statusCode, 400, patch.body);
    assert.match(JSON.stringify(patch.json().error.details), /fromSegment/);
  });

  it('dry run of webhook and notify actions says what would be sent and sends nothing', async () => {
    await p.newAccounts(1, { health: 'red' });
    const created = (
      await api(
        'POST',
        '/api/v1/plays',
        body({
          name: 'Dry hooks',
          criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'red' },
          actions: [
            {
              id: 'hook',
              type: 'webhook',
              webhook: {
                name: 'CRM',
                urlTemplate: 'https://crm.example.com/a/{{account.external_id}}',
              },
            },
            { id: 'cheer', type: 'notify', message: 'Health turned red', style: 'info' },
          ],
        }),
      )
    ).json();
    assert.ok(created.id, JSON.stringify(created));
    const dry = await api('POST', `/api/v1/plays/${created.id}/dry-run`);
    assert.equal(dry.statusCode, 200, dry.body);
    const byAction = Object.fromEntries(
      dry.json().summary.map((s: { actionId: string; result: string }) => [s.actionId, s.result]),
    );
    assert.deepEqual(byAction, { hook: 'would_send', cheer: 'would_notify' });
    assert.equal(
      (
        await p.t.deps.db
          .select()
          .from(webhookDeliveries)
          .where(eq(webhookDeliveries.playId, created.id))
      ).length,
      0,
    );
  });

  it('manual plays run for chosen accounts; running again creates nothing while tasks are open', async () => {
    const [a] = await p.newAccounts(1);
    const m = (
      await api(
        'POST',
        '/api/v1/plays',
        body({ name: 'Manual', trigger: { type: 'manual' }, criteria: null }),
      )
    ).json();
    assert.equal(
      (await api('POST', `/api/v1/plays/${m.id}/run`, { accountIds: [a!.id] })).statusCode,
      422,
      'disabled plays do not run',
    );
    await api('POST', `/api/v1/plays/${m.id}/enable`, { fireNow: false });
    const r1 = await api('POST', `/api/v1/plays/${m.id}/run`, {
      accountIds: [a!.id, p.w.betaB.id],
    });
    assert.equal(r1.statusCode, 200, r1.body);
    assert.deepEqual(
      r1.json().counts,
      { targets: 1, created: 1, wouldCreate: 0, skipped: 0, errors: 0, other: 0 },
      "advanced (team A) cannot target team B's account",
    );
    const r2 = await api('POST', `/api/v1/plays/${m.id}/run`, { accountIds: [a!.id] });
    assert.equal(r2.json().counts.skipped, 1);
  });

  it('recurring plays fire on their cadence and skip targets that still have an open task', async () => {
    const [a1, a2] = await p.newAccounts(2, { health: 'rec' });
    const r = (
      await api(
        'POST',
        '/api/v1/plays',
        body({
          name: 'QBR',
          trigger: { type: 'recurring', recurring: { every: { n: 7, unit: 'days' } } },
          criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'rec' },
        }),
      )
    ).json();
    await api('POST', `/api/v1/plays/${r.id}/enable`, { fireNow: true });
    const first = await p.openTasks(r.id);
    assert.equal(first.length, 2);
    assert.equal((await runRecurring(p.t.deps, r.id)).fired, false, 'already fired today');
    p.t.clock.advanceDays(3);
    assert.equal((await runRecurring(p.t.deps, r.id)).fired, false, 'not due');
    await p.complete(first.find((x) => x.accountId === a1!.id)!.id);
    p.t.clock.advanceDays(4);
    const res = await runRecurring(p.t.deps, r.id);
    assert.equal(res.fired, true);
    const open = await p.openTasks(r.id);
    assert.equal(open.length, 2);
    assert.equal(
      open.filter((x) => x.accountId === a2!.id).length,
      1,
      'the open task was not duplicated',
    );
    assert.equal((await p.playTasks(r.id)).length, 3);
    p.t.clock.advanceDays(-7);
  });

  it('task completed with an outcome fires task-completed plays and runs the template outcome actions', async () => {
    const [tpl] = await p.t.deps.db
      .insert(taskTemplates)
      .values({
        workspaceId: p.ws,
        name: 'Call',
        title: 'Call {{account.name}}',
        description: 'Call them',
        dueOffsetDays: 2,
        flowId: p.w.flow.id,
        assigneeRule: { type: 'user', userId: p.w.users.standard.id },
        outcomes: [
          {
            name: 'Interested',
            actions: [
              { type: 'add_tag', tag: 'hot' },
              { type: 'set_attribute', key: 'arr', value: 42 },
            ],
          },
          { name: 'Not interested', actions: [] },
        ],
      })
      .returning();
    const source = (
      await api(
        'POST',
        '/api/v1/plays',
        body({
          name: 'Source',
          criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'src' },
          actions: [
            task({
              templateId: tpl!.id,
              title: undefined,
              description: undefined,
              dueInDays: undefined,
              flowId: undefined,
            }),
          ],
        }),
      )
    ).json();
    assert.ok(source.id, JSON.stringify(source));
    const follow = (
      await api(
        'POST',
        '/api/v1/plays',
        body({
          name: 'Follow',
          trigger: {
            type: 'task_completed',
            taskCompleted: { playId: source.id, outcome: 'Interested' },
          },
          criteria: null,
          actions: [task({ title: 'Send pricing' })],
        }),
      )
    ).json();
    await api('POST', `/api/v1/plays/${source.id}/enable`, { fireNow: false });
    await api('POST', `/api/v1/plays/${follow.id}/enable`, { fireNow: false });
    const [a, b] = await p.newAccounts(2, { health: 'green' });
    await p.setAttrs(a!.id, { health: 'src' });
    await p.setAttrs(b!.id, { health: 'src' });
    await p.drain();
    const made = await p.openTasks(source.id);
    assert.equal(made.length, 2);
    assert.deepEqual(made[0]!.outcomes, ['Interested', 'Not interested']);
    assert.equal(made[0]!.templateId, tpl!.id);
    await p.complete(made.find((x) => x.accountId === a!.id)!.id, 'Interested');
    await p.complete(made.find((x) => x.accountId === b!.id)!.id, 'Not interested');
    await p.drain();
    assert.deepEqual(
      (await p.openTasks(follow.id)).map((x) => x.accountId),
      [a!.id],
    );
    const [acc] = await p.t.deps.db.select().from(accounts).where(eq(accounts.id, a!.id));
    assert.ok(acc!.tags.includes('hot'));
    assert.equal(acc!.attributes.arr, 42);
  });

  it('reassign dynamically re-runs the rule; webhooks are enqueued; effectiveness is reported', async () => {
    const [a] = await p.newAccounts(1, { health: 'green' });
    await p.t.deps.db.delete(webhookSettings).where(eq(webhookSettings.workspaceId, p.ws));
    const r = (
      await api(
        'POST',
        '/api/v1/plays',
        body({
          name: 'Roles',
          criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'wh' },
          actions: [
            task({ assignee: { type: 'role', roleId: p.csm.id } }),
            {
              id: 'hook',
              type: 'webhook',
              webhook: {
                name: 'CRM',
                urlTemplate: 'https://example.test/{{account.external_id}}',
                auth: { type: 'token', header: 'x-api-key', value: 's3cret' },
              },
            },
          ],
        }),
      )
    ).json();
    assert.ok(r.id, JSON.stringify(r));
    assert.equal(JSON.stringify(r).includes('s3cret'), false, 'credentials are never returned');
    await api('POST', `/api/v1/plays/${r.id}/enable`, { fireNow: false });
    await p.setAttrs(a!.id, { health: 'wh' });
    await p.drain();
    const [tk] = await p.openTasks(r.id);
    assert.equal(tk!.fallbackReason, 'no_role_holder');
    const deliveries = await p.t.deps.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.playId, r.id));
    assert.equal(deliveries.length, 1);
    assert.equal(
      deliveries[0]!.url,
      `https://example.test/${encodeURIComponent((await p.t.deps.db.select().from(accounts).where(eq(accounts.id, a!.id)))[0]!.externalId)}`,
    );
    await p.t.deps.db.insert(accountRoleHolders).values({
      workspaceId: p.ws,
      accountId: a!.id,
      roleId: p.csm.id,
      userId: p.w.users.standardB.id,
    });
    const re = await api('POST', `/api/v1/tasks/${tk!.id}/reassign-dynamically`);
    assert.equal(re.statusCode, 200, re.body);
    assert.equal(re.json().assigneeUserId, p.w.users.standardB.id);
    assert.equal(re.json().fallbackReason, null);
    await p.complete(tk!.id);
    await p.setAttrs(a!.id, { health: 'green' });
    await p.drain();
    const eff = await api('GET', `/api/v1/plays/${r.id}/effectiveness`);
    assert.equal(eff.statusCode, 200, eff.body);
    assert.deepEqual(eff.json().parts, { completedShare: 1, onTimeShare: 1, goalShare: 1 });
    assert.equal(eff.json().score, 100);
    assert.deepEqual(
      eff
        .json()
        .series.filter((w: { firedTasks: number }) => w.firedTasks > 0)
        .map((w: { score: number }) => w.score),
      [100],
      'the firing week scores like the headline',
    );
    const none = await p.t.deps.db
      .select()
      .from(tasks)
      .where(sql`${tasks.playId} = ${r.id}::uuid and ${tasks.status} = 'open'`);
    assert.equal(none.length, 0);
  });
});
