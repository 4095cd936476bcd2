import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { plays, taskTemplates } from '../db/schema/index.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';
import { playWorld, type PlayWorld } from './test-setup.ts';

// A trigger that cannot fire as written used to be saved and then silently never fire (or ignore its settings).
describe('play triggers are refused when they could not fire as written', () => {
  let p: PlayWorld;
  let mine: { templateId: string; playId: string };
  let theirs: { templateId: string; playId: string };
  before(async () => {
    p = await playWorld();
    const other = await seedWorkspace(p.t.deps, 'w2');
    const template = async (workspaceId: string, flowId: string, userId: string) =>
      (
        await p.t.deps.db
          .insert(taskTemplates)
          .values({
            workspaceId,
            name: 'Call',
            title: 'Call',
            description: 'Call them',
            dueOffsetDays: 2,
            flowId,
            assigneeRule: { type: 'user', userId },
            outcomes: [{ name: 'Interested', actions: [] }],
          })
          .returning()
      )[0]!.id;
    mine = {
      templateId: await template(p.ws, p.w.flow.id, p.w.users.standard.id),
      playId: (await p.play({ name: 'Source' })).id,
    };
    theirs = {
      templateId: await template(other.workspace.id, other.flow.id, other.users.standard.id),
      playId: '',
    };
    const [foreign] = await p.t.deps.db
      .insert(plays)
      .values({
        workspaceId: other.workspace.id,
        name: 'Foreign',
        description: 'x',
        subject: 'accounts',
        status: 'disabled',
        trigger: { type: 'enter' },
        options: { hierarchy: null, contactGrouping: 'per_contact' },
        actions: [],
      })
      .returning();
    theirs.playId = foreign!.id;
  });
  after(() => p.close());

  const api = (method: 'POST' | 'PATCH', url: string, payload: object) =>
    p.t.app.inject({ method, url, headers: bearer(p.w.tokens.advanced), payload });
  const body = (trigger: object) => ({
    name: 'Follow-up',
    description: 'After the call',
    subject: 'accounts',
    trigger,
    criteria: null,
    actions: [
      {
        id: 't1',
        type: 'create_task',
        title: 'Send pricing',
        description: 'Hi',
        dueInDays: 1,
        flowId: p.w.flow.id,
        assignee: { type: 'user', userId: p.w.users.standard.id },
      },
    ],
  });
  const paths = (res: { json(): { error: { details: Array<{ path: string }> } } }) =>
    res.json().error.details.map((d) => d.path);
  const missing = '00000000-0000-4000-8000-000000000000';

  it('refuses task-completed filters naming a template or play that is missing or in another workspace, and outcomes the template lacks', async () => {
    const cases: Array<[object, string]> = [
      [{ templateId: missing }, 'body.trigger.taskCompleted.templateId'],
      [{ templateId: theirs.templateId }, 'body.trigger.taskCompleted.templateId'],
      [{ playId: missing }, 'body.trigger.taskCompleted.playId'],
      [{ playId: theirs.playId }, 'body.trigger.taskCompleted.playId'],
      [{ templateId: mine.templateId, outcome: 'Intrested' }, 'body.trigger.taskCompleted.outcome'],
    ];
    for (const [taskCompleted, path] of cases) {
      const res = await api(
        'POST',
        '/api/v1/plays',
        body({ type: 'task_completed', taskCompleted }),
      );
      assert.equal(res.statusCode, 400, `${JSON.stringify(taskCompleted)} → ${res.body}`);
      assert.deepEqual(paths(res), [path]);
    }
    const ok = await api(
      'POST',
      '/api/v1/plays',
      body({ type: 'task_completed', taskCompleted: { ...mine, outcome: 'Interested' } }),
    );
    assert.equal(ok.statusCode, 201, ok.body);
  });

  it('refuses settings of another trigger type instead of ignoring them, on create and on edit', async () => {
    const cases: Array<[object, string]> = [
      [{ type: 'enter', recurring: { cron: '0 9 * * 1' } }, 'body.trigger.recurring'],
      [{ type: 'manual', recurring: { every: { n: 1, unit: 'weeks' } } }, 'body.trigger.recurring'],
      [
        {
          type: 'recurring',
          recurring: { every: { n: 1, unit: 'weeks' } },
          taskCompleted: { templateId: mine.templateId },
        },
        'body.trigger.taskCompleted',
      ],
      [{ type: 'exit', taskCompleted: {} }, 'body.trigger.taskCompleted'],
      [{ type: 'enter', schedule: '0 9 * * 1' }, 'body.trigger'],
    ];
    for (const [trigger, path] of cases) {
      const res = await api('POST', '/api/v1/plays', body(trigger));
      assert.equal(res.statusCode, 400, `${JSON.stringify(trigger)} → ${res.body}`);
      assert.deepEqual(paths(res), [path], JSON.stringify(trigger));
    }
    const play = await p.play({ name: 'Event' });
    const res = await api('PATCH', `/api/v1/plays/${play.id}`, {
      version: play.version,
      trigger: { type: 'enter', recurring: { cron: '0 9 * * 1' } },
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(paths(res), ['body.trigger.recurring']);
    const [row] = await p.t.deps.db.select().from(plays).where(eq(plays.id, play.id));
    assert.deepEqual([row!.version, row!.trigger], [1, { type: 'enter' }], 'nothing was saved');
  });
});
