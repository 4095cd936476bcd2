// Rich text that a play writes (task descriptions rendered from merge fields, request-information
// messages) is sanitized on every path, as when a template is applied by hand (issue 8 #17, #18).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { forms, plays, tasks, taskTemplates } from '../db/schema/index.ts';
import { bearer } from '../test/fixtures.ts';
import { playWorld, type PlayWorld } from './test-setup.ts';

describe('rich text written by plays', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const hostileName = 'javascript:alert(document.cookie)//';
  // Markup that runs: a javascript: URL in an attribute, an event-handler attribute, script or svg (escaped text is fine).
  const active = /\b(?:href|src)\s*=\s*["']?\s*javascript:|<[a-z][^>]*\son[a-z]+\s*=|<script|<svg/i;

  it('a merge field in an href cannot make an active link in a play-made description', async () => {
    const play = await p.play(
      {
        name: 'Links',
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'link' },
        actions: [
          {
            id: 'call',
            type: 'create_task',
            title: 'Call {{account.name}}',
            dueInDays: 2,
            flowId: p.w.flow.id,
            assignee: { type: 'user', userId: p.w.users.standard.id },
            description:
              '<p><a href="{{account.name}}">Open {{account.name}}</a> <img src="{{account.attributes.health}}"></p>',
          },
        ],
      },
      { fireNow: false },
    );
    const [a] = await p.newAccounts(1, { health: 'green' }, { name: hostileName });
    await p.setAttrs(a!.id, { health: 'link' });
    await p.drain();
    const [task] = await p.playTasks(play.id);
    assert.ok(task, 'the play created the task');
    assert.doesNotMatch(task.description, active, task.description);
    assert.match(
      task.description,
      /Open javascript:alert\(document\.cookie\)/,
      'the name still shows as text',
    );
  });

  it('a request-information message is sanitized when the play is saved and when it fires', async () => {
    const [form] = await p.t.deps.db
      .insert(forms)
      .values({
        workspaceId: p.ws,
        name: 'Health <b>check</b>',
        accountType: 'customer',
        fields: [{ attributeKey: 'health', label: 'Health', required: true }],
      })
      .returning();
    const message =
      '<p>Please update {{account.name}}<img src=x onerror="alert(1)"><svg onload="alert(2)"></svg><a href="javascript:alert(3)">here</a></p>';
    const res = await p.t.app.inject({
      method: 'POST',
      url: '/api/v1/plays',
      headers: bearer(p.w.tokens.advanced),
      payload: {
        name: 'Ask',
        description: 'Ask for data',
        subject: 'accounts',
        trigger: { type: 'enter' },
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'ask' },
        actions: [
          {
            id: 'ask',
            type: 'request_information',
            formId: form!.id,
            flowId: p.w.flow.id,
            dueInDays: 3,
            assignee: { type: 'user', userId: p.w.users.standard.id },
            message,
          },
          {
            id: 'ask2',
            type: 'request_information',
            formId: form!.id,
            flowId: p.w.flow.id,
            dueInDays: 3,
            assignee: { type: 'user', userId: p.w.users.advanced.id },
          },
        ],
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.doesNotMatch(JSON.stringify(res.json().actions), active, 'the stored message is clean');
    // A message saved before sanitization existed is still cleaned when it fires.
    const [row] = await p.t.deps.db.select().from(plays).where(eq(plays.id, res.json().id));
    await p.t.deps.db
      .update(plays)
      .set({
        actions: (row!.actions as Array<Record<string, unknown>>).map((x) =>
          x.id === 'ask' ? { ...x, message } : x,
        ),
      })
      .where(eq(plays.id, row!.id));
    await p.t.app.inject({
      method: 'POST',
      url: `/api/v1/plays/${row!.id}/enable`,
      headers: bearer(p.w.tokens.advanced),
      payload: { fireNow: false },
    });
    const [a] = await p.newAccounts(
      1,
      { health: 'green' },
      { name: '<img src=x onerror=alert(4)>' },
    );
    await p.setAttrs(a!.id, { health: 'ask' });
    await p.drain();
    const made = await p.playTasks(row!.id);
    assert.equal(made.length, 2);
    for (const task of made) {
      assert.doesNotMatch(task.description, active, task.description);
      const read = await p.t.app.inject({
        method: 'GET',
        url: `/api/v1/tasks/${task.id}`,
        headers: bearer(p.w.tokens.admin),
      });
      assert.doesNotMatch(read.json().description, active);
    }
    assert.ok(
      made.some((t) => t.description.includes('Please update &lt;img src=x onerror=alert(4)&gt;')),
      made.map((t) => t.description).join('\n'),
    );
    assert.ok(
      made.some(
        (t) =>
          t.description === '<p>Please fill in the form "Health &lt;b&gt;check&lt;/b&gt;".</p>',
      ),
      made.map((t) => t.description).join('\n'),
    );
  });

  it('a play-made task renders a template exactly as applying it by hand does ({{task.title}}, {{task.priority}}, …)', async () => {
    const [tpl] = await p.t.deps.db
      .insert(taskTemplates)
      .values({
        workspaceId: p.ws,
        name: 'Parity',
        title: 'Call {{account.name}}\tnow',
        dueOffsetDays: 2,
        flowId: p.w.flow.id,
        priority: 1,
        description:
          '<p>{{task.title}} · {{task.priority}} · {{task.due_date}} · {{assignee.name}} · {{workspace.name}} · {{account.attributes.health}}</p>',
        assigneeRule: { type: 'user', userId: p.w.users.standard.id },
      })
      .returning();
    const play = await p.play(
      {
        name: 'Parity',
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'same' },
        actions: [
          {
            id: 'c',
            type: 'create_task',
            templateId: tpl!.id,
            assignee: { type: 'user', userId: p.w.users.standard.id },
          },
        ],
      } as never,
      { fireNow: false },
    );
    const [a, b] = await p.newAccounts(2, { health: 'same' }, { name: 'Same & Co <b>' });
    await p.setAttrs(a!.id, { health: 'same' });
    await p.drain();
    const [byPlay] = (await p.playTasks(play.id)).filter((x) => x.accountId === a!.id);
    const res = await p.t.app.inject({
      method: 'POST',
      url: `/api/v1/templates/${tpl!.id}/apply`,
      headers: bearer(p.w.tokens.advanced),
      payload: { accountIds: [b!.id], dueDate: byPlay!.dueDate },
    });
    assert.equal(res.statusCode, 201, res.body);
    const [byHand] = await p.t.deps.db
      .select()
      .from(tasks)
      .where(eq(tasks.id, res.json().tasks[0].id));
    assert.equal(byPlay!.title, 'Call Same & Co <b> now');
    assert.equal(byHand!.title, byPlay!.title);
    assert.match(
      byPlay!.description,
      /^<p>Call Same &amp; Co &lt;b&gt; now · high · \d{4}-\d\d-\d\d · Sam Standard · /,
    );
    assert.equal(byHand!.description, byPlay!.description);
  });
});
