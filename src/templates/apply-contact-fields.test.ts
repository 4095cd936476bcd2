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
      name: 'Call the contact', title: 'Call {{contact.first_name}} at {{account.name}}', description: '<p>Ask {{contact.last_name}} about renewal</p>',
      dueOffsetDays: 2, flowId: w.flow.id, assigneeRule: { type: 'user', userId: w.users.standard.id },
    });
    assert.equal(created.statusCode, 201, created.body);
    const tpl = created.json();
    const refused = await a.post(`/api/v1/templates/${tpl.id}/apply`, { accountIds: [w.acmeA.id] });
    assert.equal(refused.statusCode, 400, refused.body);
    const error = refused.json().error;
    assert.deepEqual(error.details.map((d: { path: string }) => d.path), ['body.accountIds']);
    assert.match(error.details[0].message, /\{\{contact\.first_name\}\}, \{\{contact\.last_name\}\}.*contacts/);
    assert.equal((await t.deps.db.select().from(tasks).where(eq(tasks.templateId, tpl.id))).length, 0, 'nothing was created');

    const applied = await a.post(`/api/v1/templates/${tpl.id}/apply`, { contactIds: [w.contacts.c1.id] });
    assert.equal(applied.statusCode, 201, applied.body);
    assert.equal(applied.json().tasks[0].title, 'Call Carla at Acme');
  });
});
