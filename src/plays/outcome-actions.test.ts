// Outcome actions saved through the templates API (canonical names) run when a task is completed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import {
  accounts,
  contacts,
  emailOutbox,
  playRuns,
  tasks,
  timelineEvents,
} from '../db/schema/index.ts';
import { recordChange } from '../events/record-change.ts';
import { disablePlay } from './enable-play.ts';
import { bearer } from '../test/fixtures.ts';
import { playWorld, type PlayWorld } from './test-setup.ts';

describe('template outcome actions', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const api = (method: 'POST', url: string, payload: unknown) =>
    p.t.app.inject({
      method,
      url,
      headers: bearer(p.w.tokens.advanced),
      payload: payload as object,
    });
  const template = (over: Record<string, unknown>) => ({
    title: 'Call {{account.name}}',
    description: 'Call them',
    dueOffsetDays: 2,
    flowId: p.w.flow.id,
    assigneeRule: { type: 'user', userId: p.w.users.standard.id },
    ...over,
  });

  it('"create task from template" saved through the templates API runs on completion', async () => {
    const again = await api(
      'POST',
      '/api/v1/templates',
      template({ name: 'Call again next week', title: 'Call again' }),
    );
    assert.equal(again.statusCode, 201, again.body);
    const call = await api(
      'POST',
      '/api/v1/templates',
      template({
        name: 'First call',
        outcomes: [
          {
            name: 'Left a message',
            actions: [
              { type: 'create_task_from_template', templateId: again.json().id, dueInDays: 7 },
            ],
          },
          { name: 'Reached', actions: [] },
        ],
      }),
    );
    assert.equal(call.statusCode, 201, call.body);
    const source = await p.play({
      name: 'Calls',
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'call' },
      actions: [
        {
          id: 'c',
          type: 'create_task',
          templateId: call.json().id,
          assignee: { type: 'user', userId: p.w.users.standard.id },
        },
      ],
    } as never);
    const [a] = await p.newAccounts(1, { health: 'green' });
    await p.setAttrs(a!.id, { health: 'call' });
    await p.drain();
    const [first] = await p.openTasks(source.id);
    assert.ok(first, 'the play created the first call');
    await p.complete(first.id, 'Left a message');
    await p.drain();
    const followUps = await p.t.deps.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.accountId, a!.id), eq(tasks.templateId, again.json().id)));
    assert.equal(followUps.length, 1, 'the outcome created the follow-up from its template');
    assert.equal(followUps[0]!.title, 'Call again');
  });

  /** A contact play creating one task per detractor from `templateId`: the task is linked to its contact. */
  async function contactTask(templateId: string, label: string) {
    const [acc] = await p.newAccounts(1, {}, { name: `Umbrella ${label}` });
    const [c] = await p.t.deps.db
      .insert(contacts)
      .values({
        workspaceId: p.ws,
        accountId: acc!.id,
        externalId: `oc-${label}`,
        firstName: 'Alice',
        email: `alice-${label}@umbrella.test`,
        attributes: { nps: 9 },
      })
      .returning();
    const play = await p.play({
      name: `Detractors ${label}`,
      subject: 'contacts',
      criteria: { kind: 'compare', field: 'attributes.nps', op: 'eq', value: 2 },
      actions: [
        {
          id: 'c',
          type: 'create_task',
          templateId,
          assignee: { type: 'user', userId: p.w.users.standard.id },
        },
      ],
    } as never);
    await p.t.deps.db.transaction(async (tx) => {
      await tx
        .update(contacts)
        .set({ attributes: { nps: 2 } })
        .where(eq(contacts.id, c!.id));
      await recordChange(tx, {
        workspaceId: p.ws,
        entity: 'contact',
        entityId: c!.id,
        accountId: acc!.id,
        kind: 'updated',
      });
    });
    await p.drain();
    const [task] = await p.openTasks(play.id);
    assert.ok(task, 'the contact play created the task');
    await disablePlay(p.t.deps, p.advanced, play.id); // so the next test's contact does not fire it too
    return { account: acc!, contact: c!, task };
  }

  it('send_email, enroll_in_play and a contact set_attribute run on completion with that outcome', async () => {
    const target = await p.play(
      {
        name: 'Win-back',
        trigger: { type: 'manual' },
        criteria: null,
        actions: [
          {
            id: 'w',
            type: 'create_task',
            title: 'Win back {{account.name}}',
            description: 'x',
            dueInDays: 3,
            flowId: p.w.flow.id,
            assignee: { type: 'user', userId: p.w.users.standard.id },
          },
        ],
      },
      { fireNow: false },
    );
    const tpl = await api(
      'POST',
      '/api/v1/templates',
      template({
        name: 'Detractor call',
        outcomes: [
          {
            name: 'Interested',
            actions: [
              {
                type: 'send_email',
                subject: 'Thanks {{contact.first_name}} ({{account.name}})',
                body: 'Hi {{contact.first_name}},\nthanks for the call.',
              },
              { type: 'enroll_in_play', playId: target.id },
              { type: 'set_attribute', target: 'contact', key: 'nps', value: 8 },
            ],
          },
        ],
      }),
    );
    assert.equal(tpl.statusCode, 201, tpl.body);
    const { account, contact, task } = await contactTask(tpl.json().id, 'ok');
    await p.complete(task.id, 'Interested');
    await p.drain();
    const mails = await p.t.deps.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.kind, 'outcome_email'));
    assert.deepEqual(
      mails.map((m) => [m.toAddress, m.subject, m.textBody]),
      [[contact.email, 'Thanks Alice (Umbrella ok)', 'Hi Alice,\nthanks for the call.']],
    );
    assert.deepEqual(
      (await p.openTasks(target.id)).map((t) => [t.accountId, t.title]),
      [[account.id, 'Win back Umbrella ok']],
    );
    const runs = await p.t.deps.db.select().from(playRuns).where(eq(playRuns.playId, target.id));
    assert.deepEqual(
      runs.map((r) => [r.kind, r.detail.taskId, r.detail.outcome]),
      [['enroll', task.id, 'Interested']],
    );
    const [after] = await p.t.deps.db.select().from(contacts).where(eq(contacts.id, contact.id));
    assert.equal(after!.attributes.nps, 8);
    const failures = await p.t.deps.db
      .select()
      .from(timelineEvents)
      .where(
        and(
          eq(timelineEvents.accountId, account.id),
          eq(timelineEvents.type, 'outcome_action_failed'),
        ),
      );
    assert.equal(failures.length, 0);
  });

  it('a failing outcome action is recorded on the account timeline with its error; the other actions still run', async () => {
    const target = await p.play(
      {
        name: 'Retired',
        trigger: { type: 'manual' },
        criteria: null,
        actions: [
          {
            id: 'r',
            type: 'create_task',
            title: 'x',
            description: 'x',
            dueInDays: 3,
            flowId: p.w.flow.id,
            assignee: { type: 'user', userId: p.w.users.standard.id },
          },
        ],
      },
      { fireNow: false },
    );
    const tpl = await api(
      'POST',
      '/api/v1/templates',
      template({
        name: 'Lost call',
        outcomes: [
          {
            name: 'Lost',
            actions: [
              { type: 'enroll_in_play', playId: target.id },
              { type: 'add_tag', tag: 'lost' },
            ],
          },
        ],
      }),
    );
    assert.equal(tpl.statusCode, 201, tpl.body);
    await disablePlay(p.t.deps, p.advanced, target.id);
    const { account, task } = await contactTask(tpl.json().id, 'fail');
    await p.complete(task.id, 'Lost');
    await p.drain();
    const [failure] = await p.t.deps.db
      .select()
      .from(timelineEvents)
      .where(
        and(
          eq(timelineEvents.accountId, account.id),
          eq(timelineEvents.type, 'outcome_action_failed'),
        ),
      );
    assert.ok(failure, 'the failure is on the account timeline');
    assert.equal(failure.taskId, task.id);
    assert.equal(failure.createdAt.toISOString(), p.t.clock.now().toISOString());
    assert.deepEqual(
      { ...failure.payload, title: undefined },
      {
        index: 0,
        type: 'enroll_in_play',
        outcome: 'Lost',
        templateId: tpl.json().id,
        taskTitle: task.title,
        error: 'The play "Retired" is not enabled.',
        title: undefined,
      },
    );
    assert.match(
      String(failure.payload.title),
      /enroll_in_play after outcome "Lost" on ".*" — The play "Retired" is not enabled\./,
    );
    const [row] = await p.t.deps.db.select().from(accounts).where(eq(accounts.id, account.id));
    assert.deepEqual(row!.tags, ['lost'], 'the next action ran');
    assert.equal((await p.playTasks(target.id)).length, 0);
  });
});
