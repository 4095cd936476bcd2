// The "Add data" picker's list (issue 9): the merge fields a destination fills, by label, with the
// workspace's own attributes; bad input is refused with the one error shape.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearer } from '../test/fixtures.ts';
import { playWorld, type PlayWorld } from '../plays/test-setup.ts';

describe('merge fields by destination', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const get = (query: string) =>
    p.t.app.inject({
      method: 'GET',
      url: `/api/v1/merge-fields${query}`,
      headers: bearer(p.w.tokens.advanced),
    });
  const fields = async (query: string) => {
    const res = await get(query);
    assert.equal(res.statusCode, 200, res.body);
    return new Map(
      (res.json().data as Array<{ field: string; label: string }>).map((f) => [f.field, f.label]),
    );
  };

  it('lists what each destination fills, attributes by their label', async () => {
    const title = await fields('?destination=task_title&subject=accounts');
    assert.equal(title.get('account.name'), 'Account name');
    assert.equal(title.get('account.attributes.arr'), 'Account: ARR');
    assert.equal(title.get('assignee.name'), 'Assignee name');
    assert.equal(title.has('task.title'), false, 'empty inside the title itself');
    assert.equal(title.has('contact.first_name'), false, 'an account play has no contact');
    assert.equal(title.has('contact.attributes.nps'), false);

    const description = await fields('?destination=task_description&subject=contacts');
    assert.equal(description.get('task.title'), 'Task title');
    assert.equal(description.get('contact.attributes.nps'), 'Contact: NPS');

    const hook = await fields('?destination=webhook_body&subject=accounts');
    assert.equal(hook.get('account.external_id'), 'Account external ID');
    assert.equal(hook.has('assignee.name'), false, 'a webhook has no assignee');
    assert.equal(hook.has('task.due_date'), false);
  });

  it('refuses an unknown destination at query.destination', async () => {
    const res = await get('?destination=sms');
    assert.equal(res.statusCode, 400);
    assert.deepEqual(
      res.json().error.details.map((d: { path: string }) => d.path),
      ['query.destination'],
    );
  });
});
