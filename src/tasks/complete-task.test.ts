import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { accounts, changeEvents, tasks, timelineEvents, touchpoints } from '../db/schema/index.ts';
import type { TestContext } from '../test/harness.ts';
import { api, createTodo, setTaskColumns, snapshot, world, type World } from './test-fixtures.ts';

describe('completing tasks', () => {
  let t: TestContext;
  let w: World;
  before(async () => ({ t, w } = await world()));
  after(() => t.close());
  const complete = (id: string, body: unknown, token = w.tokens.standard) =>
    api(t, token).post(`/api/v1/tasks/${id}/complete`, body);
  const acme = async () =>
    (await t.deps.db.select().from(accounts).where(eq(accounts.id, w.acmeA.id)))[0]!;

  it('completes with an outcome and records completion, timeline and the task change', async () => {
    const task = await createTodo(t, w, { outcomes: ['Interested', 'Not interested'] });
    const res = await complete(task.id, { outcome: 'Interested', version: 1 });
    assert.equal(res.statusCode, 200, res.body);
    const { task: done } = res.json();
    assert.equal(done.status, 'completed');
    assert.equal(done.outcome, 'Interested');
    assert.equal(done.version, 2);
    assert.deepEqual(done.completedBy, { id: w.users.standard.id, name: 'Sam Standard' });
    assert.equal(done.completedAt, t.clock.now().toISOString());
    const [change] = await t.deps.db
      .select()
      .from(changeEvents)
      .where(and(eq(changeEvents.entityId, task.id), eq(changeEvents.kind, 'completed')));
    assert.deepEqual(change!.payload, { outcome: 'Interested', playId: null, templateId: null });
    const events = await t.deps.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.taskId, task.id), eq(timelineEvents.type, 'task_completed')));
    assert.equal(events[0]!.payload.outcome, 'Interested');
  });

  it('requires an outcome when the task has outcomes, and rejects unknown ones', async () => {
    const task = await createTodo(t, w, { outcomes: ['Interested', 'Not interested'] });
    const plain = await createTodo(t, w);
    const before = await snapshot(t, w);
    for (const [id, body] of [
      [task.id, {}],
      [task.id, { outcome: 'Maybe' }],
      [plain.id, { outcome: 'Interested' }],
    ] as const) {
      const res = await complete(id, body);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.details[0].path, 'body.outcome');
    }
    assert.deepEqual(await snapshot(t, w), before);
  });

  it('a mandatory touchpoint must be given; participants default to the associated contacts', async () => {
    const task = await createTodo(t, w, { contactIds: [w.contacts.c1.id, w.contacts.c2.id] });
    await setTaskColumns(t, task.id, { completionRules: { touchpointRequired: true } });
    const before = await snapshot(t, w);
    const missing = await complete(task.id, {});
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().error.details[0].path, 'body.touchpoint');
    assert.deepEqual(await snapshot(t, w), before);
    const ok = await complete(task.id, {
      touchpoint: {
        type: 'call',
        subject: 'Renewal call',
        body: '<p>Went <script>x</script>well</p>',
      },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const [tp] = await t.deps.db
      .select()
      .from(touchpoints)
      .where(eq(touchpoints.id, ok.json().touchpointId));
    assert.deepEqual([...tp!.participantIds].sort(), [w.contacts.c1.id, w.contacts.c2.id].sort());
    assert.equal(tp!.body, '<p>Went well</p>');
    assert.equal(tp!.taskId, task.id);
    assert.equal(tp!.flowId, w.flow.id);
  });

  it('a touchpoint participant must be a contact of the account', async () => {
    const task = await createTodo(t, w);
    const before = await snapshot(t, w);
    const res = await complete(task.id, {
      touchpoint: { type: 'note', subject: 'x', participantIds: [w.contacts.cB.id] },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.details[0].path, 'body.touchpoint.participantIds.0');
    assert.deepEqual(await snapshot(t, w), before);
  });

  it('a mandatory attribute update must include the key, and is validated against the definitions', async () => {
    const task = await createTodo(t, w);
    await setTaskColumns(t, task.id, {
      completionRules: { attributeUpdateRequired: { key: 'licenses' } },
    });
    const before = await snapshot(t, w);
    for (const [body, path] of [
      [{}, 'body.attributeUpdate.licenses'],
      [{ attributeUpdate: { health: 'green' } }, 'body.attributeUpdate.licenses'],
      [{ attributeUpdate: { licenses: 'many' } }, 'body.attributeUpdate.licenses'],
      [{ attributeUpdate: { licenses: 5, bogus: 1 } }, 'body.attributeUpdate.bogus'],
    ] as const) {
      const res = await complete(task.id, body);
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(
        res.json().error.details.some((d: { path: string }) => d.path === path),
        res.body,
      );
    }
    assert.deepEqual(await snapshot(t, w), before);
    const versionBefore = (await acme()).version;
    const ok = await complete(task.id, { attributeUpdate: { licenses: 25 } });
    assert.equal(ok.statusCode, 200, ok.body);
    const after = await acme();
    assert.equal(after.attributes.licenses, 25);
    assert.equal(after.version, versionBefore + 1);
    const [ev] = await t.deps.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.taskId, task.id), eq(timelineEvents.type, 'attribute_changed')));
    assert.deepEqual(ev!.payload, {
      key: 'licenses',
      from: null,
      to: 25,
      entity: 'account',
      cause: 'task_completion',
    });
    const accountChanges = await t.deps.db
      .select()
      .from(changeEvents)
      .where(and(eq(changeEvents.entityId, w.acmeA.id), eq(changeEvents.entity, 'account')));
    assert.ok(
      accountChanges.some(
        (c) => (c.payload.attributes as Record<string, unknown> | undefined)?.licenses,
      ),
    );
  });

  it('an automatic attribute update is applied without being sent', async () => {
    const task = await createTodo(t, w);
    await setTaskColumns(t, task.id, {
      completionRules: { automaticAttributeUpdate: { key: 'health', value: 'yellow' } },
    });
    const res = await complete(task.id, {});
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await acme()).attributes.health, 'yellow');
  });

  it('creates a follow-up task (source follow_up, same flow and contacts by default)', async () => {
    const task = await createTodo(t, w, { contactIds: [w.contacts.c2.id] });
    const res = await complete(task.id, {
      followUp: {
        title: 'Check in next week',
        description: 'Follow up',
        dueDate: '2026-03-09',
        assignee: { userId: w.users.advanced.id },
        priority: 'high',
      },
    });
    assert.equal(res.statusCode, 200, res.body);
    const follow = (
      await api(t, w.tokens.standard).get(`/api/v1/tasks/${res.json().followUpTaskId}`)
    ).json();
    assert.equal(follow.source, 'follow_up');
    assert.equal(follow.status, 'open');
    assert.equal(follow.flow.id, w.flow.id);
    assert.equal(follow.priority, 'high');
    assert.deepEqual(
      follow.contacts.map((c: { id: string }) => c.id),
      [w.contacts.c2.id],
    );
  });

  it('is one transaction: a bad follow-up leaves the task open, no touchpoint, attributes unchanged', async () => {
    const task = await createTodo(t, w, { contactIds: [w.contacts.c1.id] });
    const before = await snapshot(t, w);
    const res = await complete(task.id, {
      touchpoint: { type: 'meeting', subject: 'QBR' },
      attributeUpdate: { licenses: 999, health: 'red' },
      followUp: {
        title: 'Next',
        description: 'x',
        dueDate: '2026-03-09',
        assignee: { userId: w.users.standardB.id },
      },
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.details[0].path, 'body.followUp.assignee.userId');
    assert.deepEqual(await snapshot(t, w), before);
    const [row] = await t.deps.db.select().from(tasks).where(eq(tasks.id, task.id));
    assert.equal(row!.status, 'open');
    assert.notEqual((await acme()).attributes.licenses, 999);
  });

  it('two simultaneous completions: exactly one wins, the other gets 409', async () => {
    const task = await createTodo(t, w, { outcomes: ['Done'] });
    const [a, b] = await Promise.all([
      complete(task.id, { outcome: 'Done', touchpoint: { type: 'note', subject: 'A' } }),
      complete(
        task.id,
        { outcome: 'Done', touchpoint: { type: 'note', subject: 'B' } },
        w.tokens.advanced,
      ),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
    const tps = await t.deps.db.select().from(touchpoints).where(eq(touchpoints.taskId, task.id));
    assert.equal(tps.length, 1);
    const completions = await t.deps.db
      .select()
      .from(changeEvents)
      .where(and(eq(changeEvents.entityId, task.id), eq(changeEvents.kind, 'completed')));
    assert.equal(completions.length, 1);
  });

  it('a stale version is refused with 409 and nothing changes', async () => {
    const task = await createTodo(t, w);
    await api(t, w.tokens.standard).patch(`/api/v1/tasks/${task.id}`, {
      version: 1,
      title: 'Edited',
    });
    const before = await snapshot(t, w);
    const res = await complete(task.id, { version: 1, attributeUpdate: { licenses: 1 } });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'version_conflict');
    assert.deepEqual(await snapshot(t, w), before);
    const viaHeader = await api(t, w.tokens.standard).post(
      `/api/v1/tasks/${task.id}/complete`,
      {},
      { 'if-match': '"1"' },
    );
    assert.equal(viaHeader.statusCode, 409);
  });

  it('unknown body types are refused with the one error shape', async () => {
    const task = await createTodo(t, w);
    const before = await snapshot(t, w);
    for (const body of [
      { outcome: 5 },
      { touchpoint: { type: 'fax', subject: 'x' } },
      { attributeUpdate: 'licenses=5' },
      { version: 'one' },
    ]) {
      const res = await complete(task.id, body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.equal(res.json().error.code, 'validation_failed');
    }
    assert.deepEqual(await snapshot(t, w), before);
  });
});
