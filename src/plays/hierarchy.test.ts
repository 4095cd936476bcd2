// SPEC §5 Hierarchy: tasks on the immediate parent record the qualifying child ("one per child"),
// render {{child.*}} merge fields, and post-completion updates may write the child and/or the parent.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray } from 'drizzle-orm';
import { accounts, accountTeams, changeEvents, plays, timelineEvents } from '../db/schema/index.ts';
import { bearer } from '../test/fixtures.ts';
import type { PlayInput } from './schema.ts';
import { playWorld, type PlayWorld } from './test-setup.ts';

type Rules = NonNullable<
  Extract<PlayInput['actions'][number], { type: 'create_task' }>['completionRules']
>;

describe('hierarchy plays: the qualifying child', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const api = (
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
    token = p.w.tokens.advanced,
  ) => p.t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  const perChild = {
    hierarchy: { mode: 'one_per_child' as const },
    contactGrouping: 'per_contact' as const,
  };
  const perParent = {
    hierarchy: { mode: 'one_per_parent' as const },
    contactGrouping: 'per_contact' as const,
  };
  const when = (health: string) => ({
    kind: 'compare' as const,
    field: 'attributes.health',
    op: 'eq' as const,
    value: health,
  });
  const todo = (title: string, description = 'x', completionRules?: Rules) => ({
    id: 'h',
    type: 'create_task' as const,
    title,
    description,
    dueInDays: 2,
    flowId: p.w.flow.id,
    assignee: { type: 'user' as const, userId: p.w.users.standard.id },
    ...(completionRules ? { completionRules } : {}),
  });
  /** A parent with `n` children (in team A), all green until a test turns them. */
  const family = async (n: number, names: string[] = []) => {
    const [parent] = await p.newAccounts(1, { arr: 1 }, { name: 'Parent Co' });
    const kids = [];
    for (let i = 0; i < n; i++)
      kids.push(
        ...(await p.newAccounts(
          1,
          { health: 'green', arr: 10 + i },
          { name: names[i] ?? `Kid ${i}`, parentId: parent!.id },
        )),
      );
    await p.drain();
    return { parent: parent!, kids };
  };
  const turn = async (ids: string[], health: string) => {
    for (const id of ids) await p.setAttrs(id, { health });
    await p.drain();
  };
  const attrs = async (id: string) =>
    (await p.t.deps.db.select().from(accounts).where(eq(accounts.id, id)))[0]!.attributes;

  it('one per child records the child and renders {{child.*}}; one per parent and plain plays record none and render it empty', async () => {
    const { parent, kids } = await family(2, ['Kid <A>', 'Kid B']);
    const child = await p.play({
      name: 'PerChild',
      criteria: when('teal'),
      options: perChild,
      actions: [
        todo(
          'Child {{child.name}} ({{child.external_id}}) of {{account.name}}',
          '<p>{{child.name}}: ARR {{child.attributes.arr}}</p>',
        ),
      ],
    });
    const shared = await p.play({
      name: 'PerParent',
      criteria: when('teal'),
      options: perParent,
      actions: [todo('Kids of {{account.name}}{{child.name}}')],
    });
    const plain = await p.play({
      name: 'Plain',
      criteria: when('teal'),
      actions: [todo('Own {{account.name}}[{{child.name}}]')],
    });
    await turn(
      kids.map((k) => k.id),
      'teal',
    );

    const pc = (await p.openTasks(child.id)).sort((a, b) => a.title.localeCompare(b.title));
    assert.deepEqual(
      pc.map((t) => [t.accountId, t.childAccountId]),
      [
        [parent.id, kids[0]!.id],
        [parent.id, kids[1]!.id],
      ],
    );
    assert.equal(pc[0]!.title, `Child Kid <A> (${kids[0]!.externalId}) of Parent Co`);
    assert.equal(pc[0]!.description, '<p>Kid &lt;A&gt;: ARR 10</p>', 'escaped for HTML');
    assert.equal(pc[1]!.description, '<p>Kid B: ARR 11</p>');

    const pp = await p.openTasks(shared.id);
    assert.deepEqual(
      pp.map((t) => [t.accountId, t.childAccountId, t.title]),
      [[parent.id, null, 'Kids of Parent Co']],
    );
    const own = await p.openTasks(plain.id);
    assert.equal(own.length, 2);
    assert.ok(
      own.every((t) => t.childAccountId === null && /^Own Kid .+\[\]$/.test(t.title)),
      own.map((t) => t.title).join(),
    );
  });

  it('target both: completing a one-per-child task writes the parent and the child, each with timeline entries and change events', async () => {
    const { parent, kids } = await family(2);
    const both = await p.play({
      name: 'Both',
      criteria: when('amber'),
      options: perChild,
      actions: [
        todo('Review {{child.name}}', 'x', {
          automaticAttributeUpdate: { key: 'arr', value: 42, target: 'both' },
        }),
      ],
    });
    await turn([kids[0]!.id], 'amber');
    const [task] = await p.openTasks(both.id);
    assert.equal(task!.childAccountId, kids[0]!.id);

    const res = await api('POST', `/api/v1/tasks/${task!.id}/complete`, { version: task!.version });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().task.childAccount, { id: kids[0]!.id, name: 'Kid 0' });
    assert.equal((await attrs(parent.id)).arr, 42);
    assert.equal((await attrs(kids[0]!.id)).arr, 42);
    assert.equal((await attrs(kids[1]!.id)).arr, 11, 'the other child is untouched');

    const tl = await p.t.deps.db
      .select()
      .from(timelineEvents)
      .where(
        and(eq(timelineEvents.taskId, task!.id), eq(timelineEvents.type, 'attribute_changed')),
      );
    assert.deepEqual(
      tl
        .map((e) => [e.accountId, e.payload])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      [
        [parent.id, { key: 'arr', from: 1, to: 42, entity: 'account', cause: 'task_completion' }],
        [
          kids[0]!.id,
          { key: 'arr', from: 10, to: 42, entity: 'account', cause: 'task_completion' },
        ],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const ce = await p.t.deps.db
      .select()
      .from(changeEvents)
      .where(
        and(
          eq(changeEvents.entity, 'account'),
          inArray(changeEvents.entityId, [parent.id, kids[0]!.id]),
        ),
      );
    for (const id of [parent.id, kids[0]!.id]) {
      assert.ok(
        ce.some(
          (e) =>
            e.entityId === id &&
            e.accountId === id &&
            (e.payload as { taskId?: string; cause?: string }).taskId === task!.id &&
            (e.payload as { cause?: string }).cause === 'task_completion',
        ),
        `change event for ${id}`,
      );
    }
  });

  it("target child writes only the child; the user's own update in the complete dialog stays on the task's account", async () => {
    const { parent, kids } = await family(1);
    const only = await p.play({
      name: 'ChildOnly',
      criteria: when('plum'),
      options: perChild,
      actions: [
        todo('Onboard {{child.name}}', 'x', {
          automaticAttributeUpdate: { key: 'onboarded', value: '2026-03-02', target: 'child' },
        }),
      ],
    });
    await turn([kids[0]!.id], 'plum');
    const [task] = await p.openTasks(only.id);
    const res = await api('POST', `/api/v1/tasks/${task!.id}/complete`, {
      attributeUpdate: { arr: 7 },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(await attrs(parent.id), { arr: 7 });
    assert.deepEqual(await attrs(kids[0]!.id), {
      health: 'plum',
      arr: 10,
      onboarded: '2026-03-02',
    });
  });

  it('the task API shows childAccount and the update target; null for one-per-parent tasks and for a child the caller cannot see', async () => {
    const { kids } = await family(2);
    const child = await p.play({
      name: 'View',
      criteria: when('cyan'),
      options: perChild,
      actions: [
        todo('See {{child.name}}', 'x', {
          automaticAttributeUpdate: { key: 'arr', value: 1, target: 'both' },
        }),
      ],
    });
    const shared = await p.play({
      name: 'ViewShared',
      criteria: when('cyan'),
      options: perParent,
      actions: [todo('Shared')],
    });
    await turn([kids[0]!.id], 'cyan');
    const [task] = await p.openTasks(child.id);
    const got = await api('GET', `/api/v1/tasks/${task!.id}`);
    assert.equal(got.statusCode, 200, got.body);
    assert.deepEqual(got.json().childAccount, { id: kids[0]!.id, name: 'Kid 0' });
    assert.deepEqual(got.json().completionRules.automaticAttributeUpdate, {
      key: 'arr',
      value: 1,
      target: 'both',
    });
    const [sharedTask] = await p.openTasks(shared.id);
    assert.equal((await api('GET', `/api/v1/tasks/${sharedTask!.id}`)).json().childAccount, null);

    await p.t.deps.db.delete(accountTeams).where(eq(accountTeams.accountId, kids[0]!.id));
    const hidden = await api('GET', `/api/v1/tasks/${task!.id}`);
    assert.equal(hidden.statusCode, 200, 'the task is on the visible parent');
    assert.equal(
      hidden.json().childAccount,
      null,
      "no leak of an account outside the caller's teams",
    );
    assert.deepEqual(
      (await api('GET', `/api/v1/tasks/${task!.id}`, undefined, p.w.tokens.admin)).json()
        .childAccount,
      { id: kids[0]!.id, name: 'Kid 0' },
    );
  });

  for (const [label, options, health] of [
    ['one per child', perChild, 'olive'],
    ['one per parent', perParent, 'ochre'],
  ] as const) {
    it(`${label}: a qualifying account with no parent is recorded "skipped — no parent account" in the run results and counted`, async () => {
      const [orphan] = await p.newAccounts(1, { health }, { name: `Orphan ${label}` });
      await p.drain();
      const created = await api('POST', '/api/v1/plays', {
        name: `Parents ${label}`,
        description: 'd',
        subject: 'accounts',
        trigger: { type: 'enter' },
        criteria: when(health),
        options,
        actions: [todo('Parent of {{child.name}}')],
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id;
      const dry = (await api('POST', `/api/v1/plays/${id}/dry-run`)).json();
      assert.deepEqual(
        dry.summary,
        [{ actionId: 'h', result: 'skipped', count: 1 }],
        JSON.stringify(dry),
      );
      assert.equal(
        (await api('POST', `/api/v1/plays/${id}/enable`, { fireNow: true })).statusCode,
        200,
      );
      const runs = (await api('GET', `/api/v1/plays/${id}/runs`)).json().data as Array<{
        id: string;
        kind: string;
        counts: Record<string, number>;
      }>;
      const run = runs.find((r) => r.kind === 'enable')!;
      assert.deepEqual([run.counts.targets, run.counts.created, run.counts.skipped], [1, 0, 1]);
      const results = (await api('GET', `/api/v1/plays/${id}/runs/${run.id}/results`)).json().data;
      assert.deepEqual(
        results.map(
          (r: { recordId: string; recordName: string; result: string; detail: unknown }) => [
            r.recordId,
            r.recordName,
            r.result,
            r.detail,
          ],
        ),
        [[orphan!.id, `Orphan ${label}`, 'skipped', { reason: 'no_parent_account' }]],
      );
      const timeline = (await api('GET', `/api/v1/accounts/${orphan!.id}/timeline`)).json()
        .data as Array<{ type: string; payload: { runId?: string } }>;
      assert.ok(
        timeline.some((e) => e.type === 'play_fired' && e.payload.runId === run.id),
        "the firing is on the account's timeline",
      );
    });
  }

  it('refuses a child or both target without the one-per-child hierarchy option (400 on the path); accepts {{child.*}} in any play', async () => {
    const body = (over: Record<string, unknown>) => ({
      name: 'Targets',
      description: 'd',
      subject: 'accounts',
      trigger: { type: 'enter' },
      criteria: when('navy'),
      actions: [todo('T')],
      ...over,
    });
    const path = 'body.actions.0.completionRules.automaticAttributeUpdate.target';
    const before = (await p.t.deps.db.select().from(plays)).length;
    for (const [options, target] of [
      [undefined, 'child'],
      [undefined, 'both'],
      [perParent, 'child'],
    ] as const) {
      const res = await api(
        'POST',
        '/api/v1/plays',
        body({
          ...(options ? { options } : {}),
          actions: [todo('T', 'x', { automaticAttributeUpdate: { key: 'arr', value: 1, target } })],
        }),
      );
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(
        res.json().error.details.some((d: { path: string }) => d.path === path),
        res.body,
      );
    }
    const unknown = await api(
      'POST',
      '/api/v1/plays',
      body({ options: perChild, actions: [todo('{{child.attributes.nope}}')] }),
    );
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().error.details[0].path, 'body.actions.0.title');
    assert.equal(
      (await p.t.deps.db.select().from(plays)).length,
      before,
      'a rejected request changes nothing',
    );

    const ok = await api(
      'POST',
      '/api/v1/plays',
      body({
        options: perChild,
        actions: [
          todo('{{child.name}}', 'x', {
            automaticAttributeUpdate: { key: 'arr', value: 5, target: 'child' },
          }),
        ],
      }),
    );
    assert.equal(ok.statusCode, 201, ok.body);
    assert.deepEqual(ok.json().actions[0].completionRules, {
      automaticAttributeUpdate: { key: 'arr', value: 5, target: 'child' },
    });
    const plain = await api(
      'POST',
      '/api/v1/plays',
      body({
        actions: [
          todo('Hi {{child.name}}', 'x', {
            automaticAttributeUpdate: { key: 'arr', value: 5, target: 'account' },
          }),
        ],
      }),
    );
    assert.equal(plain.statusCode, 201, plain.body);
    assert.deepEqual(
      plain.json().actions[0].completionRules,
      { automaticAttributeUpdate: { key: 'arr', value: 5 } },
      'the default target is not stored',
    );
  });
});
