import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq, inArray } from 'drizzle-orm';
import { emailOutbox, tasks, timelineEvents } from '../db/schema/index.ts';
import type { TestContext } from '../test/harness.ts';
import { api, createTodo, setTaskColumns, snapshot, world, type World } from './test-fixtures.ts';

describe('bulk task actions', () => {
  let t: TestContext;
  let w: World;
  before(async () => ({ t, w } = await world()));
  after(() => t.close());
  const bulk = (body: unknown, token = w.tokens.standard) =>
    api(t, token).post('/api/v1/tasks/bulk', body);
  const rows = (ids: string[]) => t.deps.db.select().from(tasks).where(inArray(tasks.id, ids));

  it('completes with an outcome; tasks needing a touchpoint or attribute update fail alone with a clear error', async () => {
    const plain = await createTodo(t, w, { outcomes: ['Done', 'Skipped'] });
    const needsTouchpoint = await createTodo(t, w, { outcomes: ['Done'] });
    const needsAttribute = await createTodo(t, w, { outcomes: ['Done'] });
    const wrongOutcome = await createTodo(t, w, { outcomes: ['Won'] });
    const other = await createTodo(t, w, {
      accountId: w.betaB.id,
      assignee: { userId: w.users.standardB.id },
    });
    await setTaskColumns(t, needsTouchpoint.id, { completionRules: { touchpointRequired: true } });
    await setTaskColumns(t, needsAttribute.id, {
      completionRules: { attributeUpdateRequired: { key: 'licenses' } },
    });
    const res = await bulk({
      action: 'complete',
      outcome: 'Done',
      taskIds: [plain.id, needsTouchpoint.id, needsAttribute.id, wrongOutcome.id, other.id],
    });
    assert.equal(res.statusCode, 200, res.body);
    const results = res.json().results as Array<{
      taskId: string;
      ok: boolean;
      error?: { code: string; message: string };
    }>;
    const by = Object.fromEntries(results.map((r) => [r.taskId, r]));
    assert.equal(by[plain.id]!.ok, true);
    assert.equal(by[needsTouchpoint.id]!.ok, false);
    assert.match(by[needsTouchpoint.id]!.error!.message, /touchpoint/);
    assert.match(by[needsAttribute.id]!.error!.message, /licenses/);
    assert.match(by[wrongOutcome.id]!.error!.message, /outcome/i);
    assert.equal(by[other.id]!.error!.code, 'not_found');
    const status = Object.fromEntries(
      (await rows(results.map((r) => r.taskId))).map((r) => [r.id, r.status]),
    );
    assert.deepEqual(status, {
      [plain.id]: 'completed',
      [needsTouchpoint.id]: 'open',
      [needsAttribute.id]: 'open',
      [wrongOutcome.id]: 'open',
      [other.id]: 'open',
    });
  });

  it('reassigns (with timeline events), reschedules and cancels, each task on its own', async () => {
    const a = await createTodo(t, w);
    const b = await createTodo(t, w);
    const done = await createTodo(t, w);
    await api(t, w.tokens.standard).post(`/api/v1/tasks/${done.id}/complete`, {});
    const re = await bulk({
      action: 'reassign',
      assignee: { userId: w.users.advanced.id },
      taskIds: [a.id, b.id, done.id],
    });
    assert.deepEqual(
      re.json().results.map((r: { ok: boolean }) => r.ok),
      [true, true, false],
    );
    assert.equal(re.json().results[2].error.code, 'conflict');
    assert.ok((await rows([a.id, b.id])).every((r) => r.assigneeUserId === w.users.advanced.id));
    const events = await t.deps.db
      .select()
      .from(timelineEvents)
      .where(inArray(timelineEvents.taskId, [a.id, b.id]));
    assert.equal(events.filter((e) => e.type === 'task_reassigned').length, 2);

    const rs = await bulk({ action: 'reschedule', dueDate: '2026-05-01', taskIds: [a.id, b.id] });
    assert.ok(rs.json().results.every((r: { ok: boolean }) => r.ok));
    assert.ok((await rows([a.id, b.id])).every((r) => r.dueDate === '2026-05-01'));

    const cancel = await bulk({ action: 'cancel', taskIds: [a.id] });
    assert.equal(cancel.json().results[0].ok, true);
    assert.equal((await rows([a.id]))[0]!.status, 'deleted');
    assert.equal((await api(t, w.tokens.standard).get(`/api/v1/tasks/${a.id}`)).statusCode, 404);
  });

  it('an invalid reassignment fails per task and changes nothing', async () => {
    const a = await createTodo(t, w);
    const before = await snapshot(t, w);
    const res = await bulk({
      action: 'reassign',
      assignee: { userId: w.users.standardB.id },
      taskIds: [a.id],
    });
    assert.equal(res.json().results[0].ok, false);
    assert.equal(res.json().results[0].error.code, 'validation_failed');
    assert.deepEqual(await snapshot(t, w), before);
  });

  it('reminds the assignee by e-mail (whatever their opt-in), never a contact', async () => {
    const a = await createTodo(t, w, { assignee: { userId: w.users.advanced.id } });
    const c = await createTodo(t, w, { assignee: { contactId: w.contacts.c1.id } });
    const res = await bulk({ action: 'remind', taskIds: [a.id, c.id] });
    assert.deepEqual(
      res.json().results.map((r: { ok: boolean }) => r.ok),
      [true, false],
    );
    const reminders = await t.deps.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.kind, 'task_reminder'));
    assert.equal(reminders.length, 1);
    assert.equal(reminders[0]!.toAddress, 'advanced@w1.test');
  });

  it('validates the request as a whole', async () => {
    const before = await snapshot(t, w);
    const ok = await createTodo(t, w);
    const after = await snapshot(t, w);
    for (const body of [
      { action: 'complete', taskIds: [] },
      { action: 'explode', taskIds: [ok.id] },
      { action: 'reassign', taskIds: [ok.id] },
      { action: 'reschedule', taskIds: [ok.id] },
      { action: 'complete', taskIds: ['not-a-uuid'] },
      { action: 'complete', taskIds: Array.from({ length: 1001 }, () => ok.id) },
    ]) {
      const res = await bulk(body);
      assert.equal(res.statusCode, 400, JSON.stringify(body).slice(0, 80));
      assert.equal(res.json().error.code, 'validation_failed');
    }
    assert.notDeepEqual(before, after);
    assert.deepEqual(await snapshot(t, w), after);
  });
});
