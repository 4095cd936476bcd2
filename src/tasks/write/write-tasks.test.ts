// The four ways tasks are made — by hand, a template applied by hand, an outcome's follow-up and a
// play firing — go through one writer, so equivalent input leaves the same side effects: one typed
// task_created timeline entry on the assignee's feed, one task.created change event carrying what the
// engine reads, and one assignment e-mail to the assignee. A path that drifts fails here.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import {
  changeEvents,
  contacts,
  emailOutbox,
  taskContacts,
  tasks,
  timelineEvents,
} from '../../db/schema/index.ts';
import { bearer } from '../../test/fixtures.ts';
import { playWorld, type PlayWorld } from '../../plays/test-setup.ts';

describe('one task writer: the same side effects from every path', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const call = async (method: 'POST' | 'GET', url: string, payload?: object) => {
    const res = await p.t.app.inject({
      method,
      url,
      headers: bearer(p.w.tokens.advanced),
      ...(payload ? { payload } : {}),
    });
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const template = (name: string, title: string, outcomes: unknown[] = []) =>
    call('POST', '/api/v1/templates', {
      name,
      title,
      description: '<p>Call them</p>',
      dueOffsetDays: 2,
      flowId: p.w.flow.id,
      assigneeRule: { type: 'user', userId: p.w.users.standard.id },
      outcomes,
    });

  /** What one task left behind, with the parts that name its path taken out. */
  const sideEffects = async (taskId: string, mails: string[]) => {
    const [task] = await p.t.deps.db.select().from(tasks).where(eq(tasks.id, taskId));
    const timeline = await p.t.deps.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.taskId, taskId), eq(timelineEvents.type, 'task_created')));
    const changes = await p.t.deps.db
      .select()
      .from(changeEvents)
      .where(
        and(
          eq(changeEvents.entity, 'task'),
          eq(changeEvents.entityId, taskId),
          eq(changeEvents.kind, 'created'),
        ),
      );
    const {
      source: _source,
      playId: _playId,
      playName: _playName,
      runId: _runId,
      templateId: _templateId,
      ...timelinePayload
    } = timeline[0]?.payload ?? {};
    const { source: _s, playId: _p, templateId: _t, ...changePayload } = changes[0]?.payload ?? {};
    return {
      task: {
        title: task!.title,
        description: task!.description,
        dueDate: task!.dueDate,
        priority: task!.priority,
        assigneeUserId: task!.assigneeUserId,
        flowId: task!.flowId,
      },
      timeline: timeline.map((e) => ({ userId: e.userId, accountId: e.accountId })),
      timelinePayload,
      changes: changes.length,
      changeKeys: Object.keys(changePayload)
        .filter((k) => ['kind', 'flowId', 'assigneeUserId'].includes(k))
        .sort(),
      changePayload: {
        kind: changePayload.kind,
        flowId: changePayload.flowId,
        assigneeUserId: changePayload.assigneeUserId,
      },
      mails,
      source: { timeline: timeline[0]?.payload.source, change: changes[0]?.payload.source },
    };
  };

  /** Runs `make` and returns the assignment e-mails to the assignee it queued for tasks titled `title`. */
  const mailsOf = async <T>(title: string, make: () => Promise<T>): Promise<[T, string[]]> => {
    const outbox = () =>
      p.t.deps.db
        .select()
        .from(emailOutbox)
        .where(
          and(
            eq(emailOutbox.kind, 'task_assigned'),
            eq(emailOutbox.toAddress, p.w.users.standard.email),
          ),
        );
    const before = new Set((await outbox()).map((m) => m.id));
    const made = await make();
    const mails = (await outbox())
      .filter((m) => !before.has(m.id) && m.textBody.includes(`Task: ${title}`))
      .map((m) => m.subject);
    return [made, mails];
  };
  const title = 'Check in with Parity Co';

  it('manual, template, follow-up and play tasks leave equal timeline entries, change events and e-mails', async () => {
    const [acc] = await p.newAccounts(1, { health: 'parity' }, { name: 'Parity Co' });
    const checkIn = await template('Check in', 'Check in with {{account.name}}');
    const first = await template('First call', 'First call to {{account.name}}', [
      {
        name: 'Again',
        actions: [{ type: 'create_task_from_template', templateId: checkIn.id, dueInDays: 2 }],
      },
    ]);
    // A play that reads task statistics: with it enabled the engine writes task change events too.
    await p.play(
      {
        name: 'Reads tasks',
        criteria: { kind: 'task_stat', metric: 'open', op: 'gte', value: 99 },
      },
      { fireNow: false },
    );

    const [applied, templateMails] = await mailsOf(title, () =>
      call('POST', `/api/v1/templates/${checkIn.id}/apply`, { accountIds: [acc!.id] }),
    );
    const byTemplate = applied.tasks[0].id as string;
    const [manualTask, manualMails] = await mailsOf(title, () =>
      call('POST', '/api/v1/tasks', {
        accountId: acc!.id,
        title: 'Check in with Parity Co',
        description: '<p>Call them</p>',
        flowId: p.w.flow.id,
        assignee: { userId: p.w.users.standard.id },
        dueDate: applied.tasks[0].dueDate,
        priority: 'normal',
      }),
    );
    const manual = manualTask.id as string;
    const toComplete = (
      await call('POST', `/api/v1/templates/${first.id}/apply`, { accountIds: [acc!.id] })
    ).tasks[0].id as string;
    const [, followUpMails] = await mailsOf(title, async () => {
      await p.complete(toComplete, 'Again');
      await p.drain();
    });
    const [followUp] = await p.t.deps.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.source, 'follow_up'), eq(tasks.accountId, acc!.id)));
    assert.ok(followUp, 'the outcome made its follow-up');
    const [play, playMails] = await mailsOf(title, () =>
      p.play(
        {
          name: 'Parity play',
          criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'parity' },
          actions: [
            {
              id: 'call',
              type: 'create_task',
              templateId: checkIn.id,
              assignee: { type: 'user', userId: p.w.users.standard.id },
            },
          ],
        },
        { fireNow: true },
      ),
    );
    const [byPlay] = await p.playTasks(play.id);
    assert.ok(byPlay, 'the play made its task');

    const paths = {
      manual: await sideEffects(manual, manualMails),
      template: await sideEffects(byTemplate, templateMails),
      followUp: await sideEffects(followUp.id, followUpMails),
      play: await sideEffects(byPlay.id, playMails),
    };
    const expected = {
      task: {
        title: 'Check in with Parity Co',
        description: '<p>Call them</p>',
        dueDate: applied.tasks[0].dueDate as string,
        priority: 2,
        assigneeUserId: p.w.users.standard.id,
        flowId: p.w.flow.id,
      },
      timeline: [{ userId: p.w.users.standard.id, accountId: acc!.id }],
      timelinePayload: {
        title: 'Check in with Parity Co',
        kind: 'todo',
        dueDate: applied.tasks[0].dueDate as string,
        priority: 'normal',
        assignee: { type: 'user', id: p.w.users.standard.id, name: p.w.users.standard.name },
      },
      changes: 1,
      changeKeys: ['assigneeUserId', 'flowId', 'kind'],
      changePayload: {
        kind: 'todo',
        flowId: p.w.flow.id,
        assigneeUserId: p.w.users.standard.id,
      },
      mails: ['New task: Check in with Parity Co'],
    };
    const sources = { manual: 'manual', template: 'template', followUp: 'follow_up', play: 'play' };
    for (const [path, got] of Object.entries(paths)) {
      const { source, ...rest } = got;
      assert.deepEqual(rest, expected, path);
      const want = sources[path as keyof typeof sources];
      assert.deepEqual(source, { timeline: want, change: want }, path);
    }
  });

  it('a task about one contact links it and names it in its timeline entry; a task without one does not', async () => {
    const [acc] = await p.newAccounts(1, {}, { name: 'Contact Co' });
    const [ada] = await p.t.deps.db
      .insert(contacts)
      .values({ workspaceId: p.ws, accountId: acc!.id, externalId: 'ada', firstName: 'Ada' })
      .returning();
    const tpl = await template('Hello', 'Hello {{contact.first_name}}');
    const applied = await call('POST', `/api/v1/templates/${tpl.id}/apply`, {
      contactIds: [ada!.id],
    });
    const taskId = applied.tasks[0].id as string;
    const links = await p.t.deps.db
      .select()
      .from(taskContacts)
      .where(eq(taskContacts.taskId, taskId));
    assert.deepEqual(
      links.map((l) => l.contactId),
      [ada!.id],
    );
    const [entry] = await p.t.deps.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.taskId, taskId), eq(timelineEvents.type, 'task_created')));
    assert.equal(entry!.payload.contactId, ada!.id);
    assert.equal(entry!.payload.title, 'Hello Ada');
    assert.equal(entry!.payload.templateId, tpl.id);
    const manual = await call('POST', '/api/v1/tasks', {
      accountId: acc!.id,
      title: 'No contact',
      description: '<p>x</p>',
      flowId: p.w.flow.id,
      assignee: { userId: p.w.users.standard.id },
      dueDate: '2026-03-09',
      priority: 'low',
    });
    const [plain] = await p.t.deps.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.taskId, manual.id), eq(timelineEvents.type, 'task_created')));
    assert.ok(
      !('contactId' in plain!.payload) && !('templateId' in plain!.payload),
      'absent, not null',
    );
    assert.equal(plain!.payload.priority, 'low');
  });
});
