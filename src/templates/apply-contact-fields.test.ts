// SPEC §3: a template using {{contact.*}} is refused on accounts (never rendered empty) and works on contacts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { tasks } from '../db/schema/index.ts';
import type { TestContext } from '../test/harness.ts';
import { api, world, type World } from '../tasks/test-fixtures.ts';

describe('applying a template that names the contact', () => {
  let t: TestContext;
  let w: World;
  before(async () => ({ t, w } = await world()));
  after(() => t.close());

  it('is refused on accounts with a 400 naming the field, and fills the name on contacts', async () => {
    const a = api(t, w.tokens.advanced);
    const created = await a.post('/api/v1/templates', {
      name: 'Call the contact',
      title: 'Call {{contact.first_name}} at {{account.name}}',
      description: '<p>Ask {{contact.last_name}} about renewal</p>',
      dueOffsetDays: 2,
      flowId: w.flow.id,
      assigneeRule: { type: 'user', userId: w.users.standard.id },
    });
    assert.equal(created.statusCode, 201, created.body);
    const tpl = created.json();
    const refused = await a.post(`/api/v1/templates/${tpl.id}/apply`, { accountIds: [w.acmeA.id] });
    assert.equal(refused.statusCode, 400, refused.body);
    const error = refused.json().error;
    assert.deepEqual(
      error.details.map((d: { path: string }) => d.path),
      ['body.accountIds'],
    );
    assert.match(
      error.details[0].message,
      /\{\{contact\.first_name\}\}, \{\{contact\.last_name\}\}.*contacts/,
    );
    assert.equal(
      (await t.deps.db.select().from(tasks).where(eq(tasks.templateId, tpl.id))).length,
      0,
      'nothing was created',
    );

    const applied = await a.post(`/api/v1/templates/${tpl.id}/apply`, {
      contactIds: [w.contacts.c1.id],
    });
    assert.equal(applied.statusCode, 201, applied.body);
    assert.equal(applied.json().tasks[0].title, 'Call Carla at Acme');
  });

  it('is refused in an account play (no contact there), naming the field, inline or through the template', async () => {
    const a = api(t, w.tokens.advanced);
    const tpl = (
      await a.post('/api/v1/templates', {
        name: 'Contact call',
        title: 'Call {{contact.first_name}}',
        description: '<p>Hi</p>',
        dueOffsetDays: 2,
        flowId: w.flow.id,
        assigneeRule: { type: 'user', userId: w.users.standard.id },
      })
    ).json();
    const play = (actions: unknown[], subject = 'accounts') =>
      a.post('/api/v1/plays', {
        name: 'Calls',
        description: 'd',
        subject,
        trigger: { type: 'enter' },
        criteria: {
          kind: 'compare',
          field: subject === 'accounts' ? 'attributes.health' : 'email',
          op: 'is_set',
        },
        actions,
      });
    const inline = {
      id: 'i',
      type: 'create_task',
      title: 'Call',
      description: '<p>Ask {{contact.email}}</p>',
      dueInDays: 2,
      flowId: w.flow.id,
      assignee: { type: 'user', userId: w.users.standard.id },
    };
    const viaTemplate = {
      id: 't',
      type: 'create_task',
      templateId: tpl.id,
      assignee: { type: 'user', userId: w.users.standard.id },
    };
    const res = await play([inline, viaTemplate]);
    assert.equal(res.statusCode, 400, res.body);
    const details = res.json().error.details as Array<{ path: string; message: string }>;
    assert.deepEqual(
      details.map((d) => d.path),
      ['body.actions.0.description', 'body.actions.1.templateId'],
    );
    assert.match(details[0]!.message, /\{\{contact\.email\}\}/);
    const forContacts = await play([inline, viaTemplate], 'contacts');
    assert.equal(forContacts.statusCode, 201, forContacts.body);
  });
});
