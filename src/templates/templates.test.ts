import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq, inArray } from 'drizzle-orm';
import { testContext, type TestContext } from '../test/harness.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';
import {
  accounts,
  attributeDefinitions,
  contacts,
  taskContacts,
  tasks,
  timelineEvents,
} from '../db/schema/index.ts';

describe('task templates', () => {
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  let templateId = '';
  const body = () => ({
    name: 'Welcome call',
    title: 'Call {{contact.first_name}} at {{account.name}}',
    description:
      '<p>Renewal on {{account.attributes.renewal_date}} for <b>{{account.name}}</b></p><script>alert(1)</script>',
    dueOffsetDays: 3,
    priority: 'high',
    flowId: w.flow.id,
    assigneeRule: { type: 'user', userId: w.users.advanced.id },
    outcomes: [
      { name: 'Interested', actions: [{ type: 'add_tag', target: 'contact', tag: 'interested' }] },
      { name: 'No further action', actions: [] },
    ],
    completionRules: { touchpointRequired: false },
  });
  const post = (payload: Record<string, unknown>, token = w.tokens.advanced) =>
    t.app.inject({ method: 'POST', url: '/api/v1/templates', headers: bearer(token), payload });

  before(async () => {
    t = await testContext();
    w = await seedWorkspace(t.deps);
    await t.deps.db.insert(attributeDefinitions).values({
      workspaceId: w.workspace.id,
      entity: 'account',
      key: 'renewal_date',
      label: 'Renewal',
      type: 'date',
    });
  });
  after(() => t.close());

  it('creates a template (advanced only) and sanitizes the description', async () => {
    assert.equal((await post(body(), w.tokens.standard)).statusCode, 403);
    const res = await post(body());
    assert.equal(res.statusCode, 201, res.body);
    const tpl = res.json();
    templateId = tpl.id;
    assert.equal(tpl.priority, 'high');
    assert.equal(tpl.version, 1);
    assert.ok(!tpl.description.includes('<script>'));
    assert.ok(tpl.description.includes('{{account.name}}'));
    assert.equal(
      (await post(body())).json().error.details[0].path,
      'body.name',
      'names are unique',
    );
    const got = await t.app.inject({
      method: 'GET',
      url: `/api/v1/templates/${templateId}`,
      headers: bearer(w.tokens.standard),
    });
    assert.equal(got.statusCode, 200);
    assert.equal(got.headers.etag, '"1"');
  });

  it('refuses unsafe or unknown merge fields at save time with the field path', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: 'Hi {{{account.name}}}' }, 'body.title'],
      [{ title: '{{#account}}x{{/account}}' }, 'body.title'],
      [{ title: '{{^account.name}}x{{/account.name}}' }, 'body.title'],
      [{ description: '{{>partial}}' }, 'body.description'],
      [{ description: '{{=<% %>=}}' }, 'body.description'],
      [{ title: '{{__proto__}}' }, 'body.title'],
      [{ title: '{{constructor}}' }, 'body.title'],
      [{ title: '{{account.__proto__.x}}' }, 'body.title'],
      [{ title: '{{account.attributes.unknown_key}}' }, 'body.title'],
      [{ title: '{{nope}}' }, 'body.title'],
      [
        {
          outcomes: [
            {
              name: 'x',
              actions: [{ type: 'send_email', subject: 'Hi {{{contact.first_name}}}', body: 'b' }],
            },
          ],
        },
        'body.outcomes.0.actions.0.subject',
      ],
      [
        {
          outcomes: [
            {
              name: 'x',
              actions: [{ type: 'set_attribute', target: 'account', key: 'missing', value: 1 }],
            },
          ],
        },
        'body.outcomes.0.actions.0.key',
      ],
      [
        { assigneeRule: { type: 'user', userId: '00000000-0000-4000-8000-000000000000' } },
        'body.assigneeRule.userId',
      ],
      [{ dueOffsetDays: 0 }, 'body.dueOffsetDays'],
    ];
    for (const [patch, path] of cases) {
      const res = await post({
        ...body(),
        name: `bad ${path} ${JSON.stringify(patch).length}`,
        ...patch,
      });
      assert.equal(res.statusCode, 400, JSON.stringify(patch));
      assert.ok(
        res.json().error.details.some((d: { path: string }) => d.path === path),
        `${JSON.stringify(patch)} → ${res.body}`,
      );
    }
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/templates',
      headers: bearer(w.tokens.advanced),
    });
    assert.equal(list.json().data.length, 1, 'nothing invalid was saved');
  });

  it('edits with optimistic concurrency', async () => {
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/templates/${templateId}`,
      headers: { ...bearer(w.tokens.advanced), 'if-match': '"1"' },
      payload: { dueOffsetDays: 5 },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().version, 2);
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/templates/${templateId}`,
      headers: bearer(w.tokens.advanced),
      payload: { version: 1, dueOffsetDays: 2 },
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'version_conflict');
  });

  it('applies to accounts and contacts: one task per target, rendered per target, visible accounts only', async () => {
    await t.deps.db
      .update(accounts)
      .set({ attributes: { renewal_date: '2026-09-01' } })
      .where(eq(accounts.id, w.acmeA.id));
    const [c1, c2] = await t.deps.db
      .insert(contacts)
      .values([
        { workspaceId: w.workspace.id, accountId: w.acmeA.id, externalId: 'c1', firstName: 'Ana' },
        {
          workspaceId: w.workspace.id,
          accountId: w.acmeA.id,
          externalId: 'c2',
          firstName: '{{account.external_id}}',
        },
      ])
      .returning();
    const hidden = await t.app.inject({
      method: 'POST',
      url: `/api/v1/templates/${templateId}/apply`,
      headers: bearer(w.tokens.standard),
      payload: { accountIds: [w.acmeA.id, w.betaB.id] },
    });
    assert.equal(hidden.statusCode, 400);
    assert.equal(hidden.json().error.details[0].path, 'body.accountIds.1');
    assert.equal(
      (await t.deps.db.select().from(tasks).where(eq(tasks.templateId, templateId))).length,
      0,
      'a refused apply creates nothing',
    );

    // The template names {{contact.first_name}}: an account target is refused, never rendered "Call  at Acme" (SPEC §3).
    const onAccount = await t.app.inject({
      method: 'POST',
      url: `/api/v1/templates/${templateId}/apply`,
      headers: bearer(w.tokens.standard),
      payload: { accountIds: [w.acmeA.id], contactIds: [c1!.id, c2!.id] },
    });
    assert.equal(onAccount.statusCode, 400, onAccount.body);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/templates/${templateId}/apply`,
      headers: bearer(w.tokens.standard),
      payload: { contactIds: [c1!.id, c2!.id] },
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().created, 2);
    const rows = await t.deps.db
      .select()
      .from(tasks)
      .where(
        inArray(
          tasks.id,
          res.json().tasks.map((x: { id: string }) => x.id),
        ),
      );
    const titles = rows.map((r) => r.title).sort();
    assert.deepEqual(titles, ['Call Ana at Acme', 'Call {{account.external_id}} at Acme']);
    for (const r of rows) {
      assert.equal(r.source, 'template');
      assert.equal(r.templateId, templateId);
      assert.equal(r.accountId, w.acmeA.id);
      assert.equal(r.assigneeUserId, w.users.advanced.id);
      assert.equal(r.priority, 1);
      assert.equal(r.dueDate, '2026-03-07');
      assert.deepEqual(r.outcomes, ['Interested', 'No further action']);
      assert.ok(r.description.includes('Renewal on 2026-09-01 for <b>Acme</b>'), r.description);
    }
    const links = await t.deps.db
      .select()
      .from(taskContacts)
      .where(
        inArray(
          taskContacts.taskId,
          rows.map((r) => r.id),
        ),
      );
    assert.deepEqual(links.map((l) => l.contactId).sort(), [c1!.id, c2!.id].sort());
    const events = await t.deps.db
      .select()
      .from(timelineEvents)
      .where(
        inArray(
          timelineEvents.taskId,
          rows.map((r) => r.id),
        ),
      );
    assert.equal(events.filter((e) => e.type === 'task_created').length, 2);

    const dated = await t.app.inject({
      method: 'POST',
      url: `/api/v1/templates/${templateId}/apply`,
      headers: bearer(w.tokens.standard),
      payload: { contactIds: [c1!.id], dueDate: '2026-04-01' },
    });
    assert.equal(dated.json().tasks[0].dueDate, '2026-04-01');
  });

  it('a deleted template disappears but its tasks keep it', async () => {
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/templates/${templateId}`,
      headers: bearer(w.tokens.advanced),
    });
    assert.equal(del.statusCode, 204);
    assert.equal(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/templates/${templateId}`,
          headers: bearer(w.tokens.advanced),
        })
      ).statusCode,
      404,
    );
    assert.ok(
      (await t.deps.db.select().from(tasks).where(eq(tasks.templateId, templateId))).length > 0,
    );
    assert.equal((await post(body())).statusCode, 201, 'the name is free again');
  });
});
