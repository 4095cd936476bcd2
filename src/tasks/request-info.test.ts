import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { accounts, changeEvents, timelineEvents } from '../db/schema/index.ts';
import type { TestContext } from '../test/harness.ts';
import { api, snapshot, world, type World } from './test-fixtures.ts';

describe('request-information tasks', () => {
  let t: TestContext;
  let w: World;
  before(async () => ({ t, w } = await world()));
  after(() => t.close());
  const body = (over: Record<string, unknown> = {}) => ({
    accountId: w.acmeA.id,
    formId: w.forms.renewal.id,
    assignee: { userId: w.users.standard.id },
    dueDate: '2026-03-12',
    flowId: w.flow.id,
    message: '<p>Please fill <a href="javascript:x()">this</a></p>',
    ...over,
  });
  const create = async (over: Record<string, unknown> = {}) => {
    const res = await api(t, w.tokens.advanced).post('/api/v1/tasks/request-info', body(over));
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };
  const acme = async () =>
    (await t.deps.db.select().from(accounts).where(eq(accounts.id, w.acmeA.id)))[0]!;

  it('is created from a form of the account type, titled after the form, with the form shown on read', async () => {
    const task = await create();
    assert.equal(task.kind, 'request_info');
    assert.equal(task.title, 'Update information: Renewal info');
    assert.doesNotMatch(task.description, /javascript:/);
    assert.deepEqual(task.form, {
      id: w.forms.renewal.id,
      name: 'Renewal info',
      fields: w.forms.renewal.fields,
    });
    const viaRole = await create({ assignee: { roleId: w.roles.successManager.id } });
    assert.equal(viaRole.assignee.id, w.users.standard.id);
  });

  it('refuses a form for another account type, contacts as assignees and empty roles', async () => {
    const before = await snapshot(t, w);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ formId: w.forms.partner.id }, 'body.formId'],
      [{ assignee: { contactId: w.contacts.c1.id } }, 'body.assignee'],
      [{ assignee: { roleId: w.roles.salesManager.id } }, 'body.assignee.roleId'],
      [{ formId: '00000000-0000-4000-8000-000000000000' }, 'body.formId'],
    ];
    for (const [over, path] of cases) {
      const res = await api(t, w.tokens.advanced).post('/api/v1/tasks/request-info', body(over));
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(
        res.json().error.details.some((d: { path: string }) => d.path === path),
        res.body,
      );
    }
    assert.deepEqual(await snapshot(t, w), before);
  });

  it('cannot be edited, deleted or completed through /complete', async () => {
    const task = await create();
    const a = api(t, w.tokens.admin);
    const before = await snapshot(t, w);
    for (const res of [
      await a.patch(`/api/v1/tasks/${task.id}`, { version: 1, title: 'New' }),
      await a.del(`/api/v1/tasks/${task.id}`),
      await a.post(`/api/v1/tasks/${task.id}/complete`, {}),
    ]) {
      assert.equal(res.statusCode, 422, res.body);
      assert.equal(res.json().error.code, 'unprocessable');
      assert.match(res.json().error.message, /request-information/i);
    }
    const bulk = await a.post('/api/v1/tasks/bulk', { action: 'cancel', taskIds: [task.id] });
    assert.equal(bulk.json().results[0].ok, false);
    assert.deepEqual(await snapshot(t, w), before);
  });

  it('validates the form: only its fields, required ones present, values typed', async () => {
    const task = await create();
    const before = await snapshot(t, w);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ renewal_date: '2026-09-01' }, 'body.values.licenses'],
      [{ licenses: '' }, 'body.values.licenses'],
      [{ licenses: 10, health: 'green' }, 'body.values.health'],
      [{ licenses: 10, not_a_key: 1 }, 'body.values.not_a_key'],
      [{ licenses: 'ten' }, 'body.values.licenses'],
      [{ licenses: 10, renewal_date: '2026-13-01' }, 'body.values.renewal_date'],
    ];
    for (const [values, path] of cases) {
      const res = await api(t, w.tokens.standard).post(`/api/v1/tasks/${task.id}/form`, { values });
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(
        res.json().error.details.some((d: { path: string }) => d.path === path),
        res.body,
      );
    }
    assert.deepEqual(await snapshot(t, w), before);
  });

  it('submitting the form writes the attributes and completes the task in one go', async () => {
    const task = await create();
    const versionBefore = (await acme()).version;
    const res = await api(t, w.tokens.standard).post(`/api/v1/tasks/${task.id}/form`, {
      values: { licenses: 40, renewal_date: '2026-09-01' },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().task.status, 'completed');
    const account = await acme();
    assert.equal(account.attributes.licenses, 40);
    assert.equal(account.attributes.renewal_date, '2026-09-01');
    assert.equal(account.version, versionBefore + 1);
    const events = await t.deps.db
      .select()
      .from(timelineEvents)
      .where(eq(timelineEvents.taskId, task.id));
    const types = events.map((e) => e.type);
    for (const type of ['form_submitted', 'attribute_changed', 'task_completed'])
      assert.ok(types.includes(type), type);
    const changes = await t.deps.db
      .select()
      .from(changeEvents)
      .where(and(eq(changeEvents.entityId, w.acmeA.id), eq(changeEvents.entity, 'account')));
    assert.ok(changes.some((c) => c.payload.cause === 'form' && c.payload.taskId === task.id));
    // Once completed, the form cannot be submitted again.
    const again = await api(t, w.tokens.standard).post(`/api/v1/tasks/${task.id}/form`, {
      values: { licenses: 41 },
    });
    assert.equal(again.statusCode, 409);
    assert.equal((await acme()).attributes.licenses, 40);
  });

  it('a to-do has no form to submit; team B cannot see the form task', async () => {
    const task = await create();
    const todoRes = await api(t, w.tokens.admin).post('/api/v1/tasks', {
      accountId: w.acmeA.id,
      title: 'x',
      description: 'y',
      flowId: w.flow.id,
      assignee: { userId: w.users.standard.id },
      dueDate: '2026-03-05',
    });
    const form = await api(t, w.tokens.admin).post(`/api/v1/tasks/${todoRes.json().id}/form`, {
      values: { licenses: 1 },
    });
    assert.equal(form.statusCode, 422);
    const b = await api(t, w.tokens.standardB).post(`/api/v1/tasks/${task.id}/form`, {
      values: { licenses: 1 },
    });
    assert.equal(b.statusCode, 404);
  });
});
