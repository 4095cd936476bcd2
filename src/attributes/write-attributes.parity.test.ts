// One attribute change (Licenses 10 → 25 on one account) made through every write path yields the
// same change event and the same timeline words (only the origin differs), and the same invalid
// value is refused with the same message under each path's own field path.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, gt, sql } from 'drizzle-orm';
import { accounts, changeEvents, taskTemplates, timelineEvents } from '../db/schema/index.ts';
import { actor, type TestContext } from '../test/harness.ts';
import { api, createTodo, setTaskColumns, world, type World } from '../tasks/test-fixtures.ts';
import { completeTask } from '../tasks/complete-task.ts';
import { drainChanges } from '../plays/engine/process-changes.ts';
import { describeEvent } from '../timeline/describe-event.ts';
import type { TimelineEvent } from '../timeline/events.ts';
import { createPlay } from '../plays/manage-plays.ts';
import { enablePlay } from '../plays/enable-play.ts';
import type { PlayInput } from '../plays/schema.ts';
import { writeAttributesSql } from './write-attributes-sql.ts';

describe('one attribute writer: every path writes the same change', () => {
  let t: TestContext;
  let w: World;
  before(async () => ({ t, w } = await world()));
  after(() => t.close());

  const acme = async () =>
    (await t.deps.db.select().from(accounts).where(eq(accounts.id, w.acmeA.id)))[0]!;
  /** Licenses back to 10 without an event, and the id after which this path's rows start. */
  const reset = async () => {
    await t.deps.db
      .update(accounts)
      .set({ attributes: sql`${accounts.attributes} || '{"licenses": 10}'::jsonb` })
      .where(eq(accounts.id, w.acmeA.id));
    const [c] = await t.deps.db
      .select({ id: sql<number>`coalesce(max(${changeEvents.id}), 0)::int` })
      .from(changeEvents);
    const [e] = await t.deps.db
      .select({ id: sql<number>`coalesce(max(${timelineEvents.id}), 0)::int` })
      .from(timelineEvents);
    return { change: c!.id, timeline: e!.id };
  };

  /** The account's attribute change event and timeline sentence written since `mark`. */
  const written = async (mark: { change: number; timeline: number }) => {
    const changes = await t.deps.db
      .select()
      .from(changeEvents)
      .where(
        and(
          gt(changeEvents.id, mark.change),
          eq(changeEvents.entityId, w.acmeA.id),
          sql`${changeEvents.payload} -> 'attributes' ? 'licenses'`,
        ),
      );
    assert.equal(changes.length, 1, JSON.stringify(changes));
    const entries = await t.deps.db
      .select()
      .from(timelineEvents)
      .where(
        and(
          gt(timelineEvents.id, mark.timeline),
          eq(timelineEvents.accountId, w.acmeA.id),
          eq(timelineEvents.type, 'attribute_changed'),
          sql`${timelineEvents.payload} ->> 'key' = 'licenses'`,
        ),
      );
    assert.equal(entries.length, 1, JSON.stringify(entries));
    const entry = entries[0];
    const line = describeEvent({ type: entry!.type, payload: entry!.payload } as TimelineEvent, {
      attributeLabel: (_e, key) => (key === 'licenses' ? 'Licenses' : undefined),
    });
    const { changed, attributes, ...origin } = changes[0]!.payload as Record<string, unknown>;
    return { change: { changed, attributes }, origin, line, entry: entry! };
  };

  const same = {
    changed: ['attributes.licenses'],
    attributes: { licenses: { from: 10, to: 25 } },
  };
  const words = 'Licenses changed: 10 → 25';
  const admin = () => actor(w.users.admin, []);
  const advanced = () => actor(w.users.advanced, [w.teamA.id]);

  it('edit, attribute event and bulk upsert', async () => {
    let mark = await reset();
    const edit = await api(t, w.tokens.admin).patch(`/api/v1/accounts/${w.acmeA.id}`, {
      attributes: { licenses: 25 },
      version: (await acme()).version,
    });
    assert.equal(edit.statusCode, 200, edit.body);
    let got = await written(mark);
    assert.deepEqual(got.change, same);
    assert.deepEqual(got.origin, { actorId: w.users.admin.id });
    assert.equal(got.line, words);

    mark = await reset();
    const push = await api(t, w.tokens.admin).post('/api/v1/events/attributes', {
      accountId: w.acmeA.id,
      attributes: { licenses: 25 },
    });
    assert.equal(push.statusCode, 200, push.body);
    got = await written(mark);
    assert.deepEqual(got.change, same);
    assert.deepEqual(got.origin, { actorId: w.users.admin.id, source: 'event' });
    assert.equal(got.line, words);

    mark = await reset();
    const row = await acme();
    const bulk = await api(t, w.tokens.admin).post('/api/v1/accounts/bulk', {
      rows: [{ externalId: row.externalId, name: row.name, attributes: { licenses: 25 } }],
    });
    assert.equal(bulk.statusCode, 200, bulk.body);
    got = await written(mark);
    assert.deepEqual(got.change, same);
    assert.deepEqual(got.origin, { actorId: w.users.admin.id, source: 'bulk' });
    assert.equal(got.line, words);
  });

  it('form submission and completion with an attribute update', async () => {
    let mark = await reset();
    const form = await api(t, w.tokens.advanced).post('/api/v1/tasks/request-info', {
      accountId: w.acmeA.id,
      formId: w.forms.renewal.id,
      assignee: { userId: w.users.standard.id },
      dueDate: '2026-03-12',
      flowId: w.flow.id,
    });
    assert.equal(form.statusCode, 201, form.body);
    const submitted = await api(t, w.tokens.standard).post(`/api/v1/tasks/${form.json().id}/form`, {
      values: { licenses: 25 },
    });
    assert.equal(submitted.statusCode, 200, submitted.body);
    let got = await written(mark);
    assert.deepEqual(got.change, same);
    assert.deepEqual(got.origin, {
      actorId: w.users.standard.id,
      cause: 'form',
      taskId: form.json().id,
    });
    assert.equal(got.line, `${words} by a form`);

    mark = await reset();
    const todo = await createTodo(t, w);
    const done = await api(t, w.tokens.admin).post(`/api/v1/tasks/${todo.id}/complete`, {
      attributeUpdate: { licenses: 25 },
    });
    assert.equal(done.statusCode, 200, done.body);
    got = await written(mark);
    assert.deepEqual(got.change, same);
    assert.deepEqual(got.origin, {
      actorId: w.users.admin.id,
      cause: 'task_completion',
      taskId: todo.id,
    });
    assert.equal(got.line, `${words} on task completion`);
    assert.equal(got.entry.taskId, todo.id);
  });

  /** A template whose outcome "Won" sets `value`, and a to-do from it on Acme completed with "Won". */
  const completeWithOutcome = async (value: unknown) => {
    const [tpl] = await t.deps.db
      .insert(taskTemplates)
      .values({
        workspaceId: w.workspace.id,
        name: `Renewal call ${Math.random()}`,
        title: 'Renewal call',
        description: '',
        dueOffsetDays: 3,
        flowId: w.flow.id,
        assigneeRule: { type: 'user', userId: w.users.standard.id },
        outcomes: [{ name: 'Won', actions: [{ type: 'set_attribute', key: 'licenses', value }] }],
      })
      .returning();
    const todo = await createTodo(t, w, { outcomes: ['Won'] });
    await setTaskColumns(t, todo.id, { templateId: tpl!.id });
    await completeTask(t.deps, admin(), todo.id, { outcome: 'Won' });
    await drainChanges(t.deps, { maxMs: 30_000 });
    return todo.id;
  };

  /** An enabled play: accounts entering "health is red" get `licenses` set to `value`. */
  const seatPlay = async (value: unknown, name = 'Seat count') => {
    const input = {
      name,
      description: '',
      subject: 'accounts',
      collaboratorIds: [],
      trigger: { type: 'enter' },
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'red' },
      options: { hierarchy: null, contactGrouping: 'per_contact' },
      actions: [{ id: 'seats', type: 'update_information', set: [{ key: 'licenses', value }] }],
    } as unknown as PlayInput;
    const play = await createPlay(t.deps, advanced(), input);
    await enablePlay(t.deps, advanced(), play.id, { fireNow: false });
    return play;
  };

  it('an outcome action and the play action', async () => {
    let mark = await reset();
    const taskId = await completeWithOutcome(25);
    let got = await written(mark);
    assert.deepEqual(got.change, same);
    assert.deepEqual(got.origin, { cause: 'outcome', taskId, outcome: 'Won', chain: [] });
    assert.equal(got.line, `${words} after outcome "Won"`);

    mark = await reset();
    const play = await seatPlay(25);
    const push = await api(t, w.tokens.admin).post('/api/v1/events/attributes', {
      accountId: w.acmeA.id,
      attributes: { health: 'red' },
    });
    assert.equal(push.statusCode, 200, push.body);
    await drainChanges(t.deps, { maxMs: 30_000 });
    got = await written(mark);
    assert.deepEqual(got.change, same);
    assert.deepEqual(got.origin, { cause: 'play', playId: play.id, chain: [play.id] });
    assert.equal(got.line, `${words} by play "Seat count"`);
    assert.equal(got.entry.actorId, null);
  });

  it('refuses an invalid value the same way on every path, writing nothing', async () => {
    await reset();
    const before = await acme();
    const refused = (res: { statusCode: number; body: string }, path: string) => {
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(
        JSON.parse(res.body).error.details.some(
          (d: { path: string; message: string }) =>
            d.path.endsWith(path) && d.message === 'must be a number',
        ),
        res.body,
      );
    };
    const bad = { licenses: 'many' };
    const as = (token: string) => api(t, token);
    refused(
      await as(w.tokens.admin).patch(`/api/v1/accounts/${w.acmeA.id}`, {
        attributes: bad,
        version: before.version,
      }),
      'body.attributes.licenses',
    );
    refused(
      await as(w.tokens.admin).post('/api/v1/events/attributes', {
        accountId: w.acmeA.id,
        attributes: bad,
      }),
      'body.attributes.licenses',
    );
    refused(
      await as(w.tokens.admin).post('/api/v1/accounts/bulk', {
        rows: [{ externalId: before.externalId, name: before.name, attributes: bad }],
      }),
      'attributes.licenses',
    );
    const todo = await createTodo(t, w);
    refused(
      await as(w.tokens.admin).post(`/api/v1/tasks/${todo.id}/complete`, {
        attributeUpdate: bad,
      }),
      'body.attributeUpdate.licenses',
    );
    const form = await as(w.tokens.advanced).post('/api/v1/tasks/request-info', {
      accountId: w.acmeA.id,
      formId: w.forms.renewal.id,
      assignee: { userId: w.users.standard.id },
      dueDate: '2026-03-12',
      flowId: w.flow.id,
    });
    refused(
      await as(w.tokens.standard).post(`/api/v1/tasks/${form.json().id}/form`, { values: bad }),
      'body.values.licenses',
    );
    await assert.rejects(
      seatPlay('many', 'Bad seats'),
      (err: { details?: Array<{ message: string }> }) =>
        Boolean(err.details?.some((d) => d.message === 'must be a number')),
    );
    await assert.rejects(
      t.deps.db.transaction((tx) =>
        writeAttributesSql(tx, {
          entity: 'account',
          workspaceId: w.workspace.id,
          targets: sql`select ${w.acmeA.id}::uuid as record_id`,
          set: bad,
          clear: [],
          origin: { actorId: null, cause: 'play' },
          at: t.deps.clock.now(),
          pathPrefix: 'actions.0.set',
        }),
      ),
      (err: { details?: Array<{ path: string; message: string }> }) =>
        err.details?.some(
          (d) => d.path === 'actions.0.set.licenses' && d.message === 'must be a number',
        ) ?? false,
    );
    const taskId = await completeWithOutcome('many');
    const [failure] = await t.deps.db
      .select()
      .from(timelineEvents)
      .where(
        and(eq(timelineEvents.taskId, taskId), eq(timelineEvents.type, 'outcome_action_failed')),
      );
    assert.match(String(failure!.payload.error), /outcome\.licenses: must be a number/);
    assert.equal((await acme()).attributes.licenses, 10, 'nothing was written');
  });
});
