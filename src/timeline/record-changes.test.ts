import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from '../test/harness.ts';
import { bearer, oneWorkspace, type Seeded } from '../test/fixtures.ts';
import { multipart } from '../test/multipart.ts';

type Event = {
  type: string;
  payload: Record<string, unknown>;
  actor: { id: string; name: string } | null;
};

describe('timeline: every change to an account, its contacts and assets is recorded', () => {
  let t: TestContext, w: Seeded;
  before(async () => ({ t, w } = await oneWorkspace()));
  after(() => t.close());

  const api = async (
    method: 'POST' | 'PATCH' | 'DELETE' | 'GET',
    url: string,
    payload?: object,
  ) => {
    const res = await t.app.inject({
      method,
      url,
      headers: bearer(w.tokens.admin),
      ...(payload ? { payload } : {}),
    });
    assert.ok(res.statusCode < 300, `${method} ${url} → ${res.statusCode} ${res.body}`);
    return res.body ? res.json() : null;
  };
  const timeline = async (accountId: string): Promise<Event[]> =>
    (await api('GET', `/api/v1/accounts/${accountId}/timeline?limit=100`)).data;

  it('account created and edited (name, stage, tags, parent), with before and after values and the actor', async () => {
    const { id } = await api('POST', '/api/v1/accounts', {
      name: 'Initech',
      externalId: 'initech',
      teams: [w.teamA.id],
      tags: ['smb'],
    });
    const created = (await timeline(id)).find((e) => e.type === 'account_created');
    assert.deepEqual(created?.payload, { name: 'Initech' });
    assert.equal(created?.actor?.id, w.users.admin.id);

    await api('PATCH', `/api/v1/accounts/${id}`, {
      version: 1,
      name: 'Initech Corp',
      lifecycleStage: 'onboarding',
      tags: ['smb', 'priority'],
      parentId: w.acmeA.id,
    });
    const updated = (await timeline(id)).filter((e) => e.type === 'account_updated');
    assert.equal(updated.length, 1);
    assert.deepEqual(updated[0]!.payload.fields, ['name', 'lifecycleStage', 'tags', 'parentId']);
    assert.deepEqual(updated[0]!.payload.changes, {
      name: { from: 'Initech', to: 'Initech Corp' },
      lifecycleStage: { from: null, to: 'onboarding' },
      tags: { from: ['smb'], to: ['smb', 'priority'] },
      parentId: { from: null, to: w.acmeA.id },
    });
    // A PATCH that changes nothing records nothing.
    await api('PATCH', `/api/v1/accounts/${id}`, { version: 2, name: 'Initech Corp' });
    assert.equal((await timeline(id)).filter((e) => e.type === 'account_updated').length, 1);
  });

  it("contacts created, edited and deleted, on their account's timeline", async () => {
    const { id } = await api('POST', '/api/v1/contacts', {
      accountId: w.acmeA.id,
      firstName: 'Carla',
      lastName: 'Diaz',
      email: 'carla@acme.test',
    });
    await api('PATCH', `/api/v1/contacts/${id}`, { version: 1, email: 'c.diaz@acme.test' });
    await api('DELETE', `/api/v1/contacts/${id}`);
    const events = (await timeline(w.acmeA.id))
      .filter((e) => e.type.startsWith('contact_'))
      .reverse();
    assert.deepEqual(
      events.map((e) => e.type),
      ['contact_created', 'contact_updated', 'contact_deleted'],
    );
    assert.deepEqual(events[0]!.payload, { contactId: id, name: 'Carla Diaz' });
    assert.deepEqual(events[1]!.payload.changes, {
      email: { from: 'carla@acme.test', to: 'c.diaz@acme.test' },
    });
    assert.deepEqual(events[2]!.payload, { contactId: id, name: 'Carla Diaz' });
  });

  it("filters an account's timeline to one task (the task panel's history), however many other events there are", async () => {
    const task = await api('POST', '/api/v1/tasks', {
      accountId: w.acmeA.id,
      title: 'Old task',
      description: '<p>x</p>',
      flowId: w.flow.id,
      assignee: { type: 'user', userId: w.users.standard.id },
      dueDate: '2026-03-20',
    });
    await api('PATCH', `/api/v1/tasks/${task.id}`, {
      version: task.version,
      assignee: { type: 'user', userId: w.users.advanced.id },
    });
    for (let i = 0; i < 5; i++)
      await api('PATCH', `/api/v1/accounts/${w.acmeA.id}`, {
        version: (await api('GET', `/api/v1/accounts/${w.acmeA.id}`)).version,
        tags: [`t${i}`],
      });
    const page = await api(
      'GET',
      `/api/v1/accounts/${w.acmeA.id}/timeline?taskId=${task.id}&limit=2`,
    );
    assert.deepEqual(
      page.data.map((e: Event) => e.type),
      ['task_reassigned', 'task_created'],
    );
    const other = await api('GET', `/api/v1/accounts/${w.betaB.id}/timeline?taskId=${task.id}`);
    assert.deepEqual(other.data, [], 'a task id from another account finds nothing there');
  });

  it("files added to and deleted from the account's assets", async () => {
    const m = multipart([
      { name: 'file', filename: 'notes.txt', type: 'text/plain', data: 'meeting notes' },
    ]);
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${w.acmeA.id}/attachments`,
      headers: { ...bearer(w.tokens.admin), ...m.headers },
      payload: m.payload,
    });
    assert.equal(up.statusCode, 201, up.body);
    await api('DELETE', `/api/v1/attachments/${up.json().id}`);
    const events = (await timeline(w.acmeA.id))
      .filter((e) => e.type.startsWith('attachment_'))
      .reverse();
    assert.deepEqual(
      events.map((e) => [e.type, e.payload.filename]),
      [
        ['attachment_added', 'notes.txt'],
        ['attachment_deleted', 'notes.txt'],
      ],
    );
  });
});
