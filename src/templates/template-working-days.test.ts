// SPEC §3/§14 from the user's side: a template's own due offset may be in working days, and every
// way a task is made from it (applied by hand, a play action taking its offset, an outcome's
// follow-up) skips weekends and holidays in the assignee's calendar.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { injectAs } from '../test/fixtures.ts';
import { playWorld, type PlayWorld } from '../plays/test-setup.ts';

describe('a template due in working days', () => {
  let p: PlayWorld;
  let templateId = '';
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const inject = injectAs(() => p.t);
  const as =
    (token: string) => (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
      inject(method, url, token, payload);
  const advanced = () => as(p.w.tokens.advanced);
  const ok = (res: { statusCode: number; body: string }) =>
    assert.ok(res.statusCode === 200 || res.statusCode === 201, res.body);
  const template = (over: Record<string, unknown>) => ({
    title: 'Call {{account.name}} by {{task.due_date}}',
    description: 'Call them',
    dueOffsetDays: 2,
    dueOffsetUnit: 'working_days',
    flowId: p.w.flow.id,
    assigneeRule: { type: 'user', userId: p.w.users.standard.id },
    ...over,
  });
  async function apply(id: string, name: string) {
    const [acc] = await p.newAccounts(1, {}, { name });
    const res = await advanced()('POST', `/api/v1/templates/${id}/apply`, {
      accountIds: [acc!.id],
    });
    ok(res);
    return res.json().tasks[0] as { id: string; dueDate: string; title: string };
  }

  it('saves and reads the unit; refuses an unknown one at its field', async () => {
    const bad = await advanced()(
      'POST',
      '/api/v1/templates',
      template({ name: 'Bad', dueOffsetUnit: 'weeks' }),
    );
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json().error.details[0].path, 'body.dueOffsetUnit');
    const res = await advanced()('POST', '/api/v1/templates', template({ name: 'Two days' }));
    ok(res);
    templateId = res.json().id;
    const got = await as(p.w.tokens.standard)('GET', `/api/v1/templates/${templateId}`);
    assert.equal(got.json().dueOffsetUnit, 'working_days');
    const plain = await advanced()(
      'POST',
      '/api/v1/templates',
      template({ name: 'Plain', dueOffsetUnit: undefined }),
    );
    assert.equal(plain.json().dueOffsetUnit, 'days', 'calendar days unless said otherwise');
    const edited = await advanced()('PATCH', `/api/v1/templates/${plain.json().id}`, {
      version: 1,
      dueOffsetUnit: 'working_days',
    });
    ok(edited);
    assert.equal(edited.json().dueOffsetUnit, 'working_days');
    assert.equal(edited.json().dueOffsetDays, 2);
  });

  it('applied on a Friday it is due Tuesday; with a holiday on Tuesday, Wednesday', async () => {
    p.t.clock.set('2026-12-04T10:00:00Z'); // Friday
    const first = await apply(templateId, 'Fabrikam');
    assert.equal(first.dueDate, '2026-12-08');
    assert.equal(first.title, 'Call Fabrikam by 2026-12-08');
    const holiday = await as(p.w.tokens.admin)('POST', '/api/v1/holidays', {
      date: '2026-12-08',
      name: 'Founders’ Day',
    });
    ok(holiday);
    assert.equal((await apply(templateId, 'Northwind')).dueDate, '2026-12-09');
    // An explicit date still wins over the offset.
    const [acc] = await p.newAccounts(1, {}, { name: 'Dated' });
    const dated = await advanced()('POST', `/api/v1/templates/${templateId}/apply`, {
      accountIds: [acc!.id],
      dueDate: '2026-12-24',
    });
    assert.equal(dated.json().tasks[0].dueDate, '2026-12-24');
  });

  it("counts in the assignee's team calendar: Bea's team has Monday off, the workspace does not", async () => {
    ok(
      await as(p.w.tokens.admin)('PUT', '/api/v1/holidays/team-b', {
        dates: [{ date: '2026-12-07', name: 'Team day' }],
      }),
    );
    ok(
      await as(p.w.tokens.admin)('PATCH', `/api/v1/teams/${p.w.teamB.id}`, {
        holidayCalendar: 'team-b',
      }),
    );
    const res = await advanced()(
      'POST',
      '/api/v1/templates',
      template({ name: 'For Bea', assigneeRule: { type: 'user', userId: p.w.users.standardB.id } }),
    );
    ok(res);
    // Fri 4 + 2 in "team-b": (Mon 7 off) Tue 8, Wed 9 — Tue 8 is only the workspace's holiday.
    assert.equal((await apply(res.json().id, 'Tailspin')).dueDate, '2026-12-09');
  });

  it("a play action taking the template's offset counts its working days; its own offset its own unit", async () => {
    const play = async (name: string, health: string, own: { dueInDays?: number }) => {
      const made = await p.play(
        {
          name,
          trigger: { type: 'recurring', recurring: { every: { n: 1, unit: 'months' } } },
          criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: health },
          actions: [
            {
              id: 'call',
              type: 'create_task',
              templateId,
              assignee: { type: 'user', userId: p.w.users.standard.id },
              ...own,
            },
          ],
        },
        { fireNow: false },
      );
      await p.newAccounts(1, { health }, { name: `${name} Inc` });
      const run = await advanced()('POST', `/api/v1/plays/${made.id}/run`, {});
      ok(run);
      assert.equal(run.json().counts.created, 1, run.body);
      return (await p.openTasks(made.id))[0]!.dueDate;
    };
    // Friday: Mon 7, (Tue 8 holiday), Wed 9.
    assert.equal(await play('From template', 'tpl', {}), '2026-12-09');
    assert.equal(await play('Own offset', 'own', { dueInDays: 3 }), '2026-12-07');
  });

  it("an outcome's follow-up from the template without its own offset uses the template's working days", async () => {
    const first = await advanced()(
      'POST',
      '/api/v1/templates',
      template({
        name: 'First call',
        dueOffsetUnit: 'days',
        outcomes: [
          {
            name: 'Left a message',
            actions: [{ type: 'create_task_from_template', templateId }],
          },
        ],
      }),
    );
    ok(first);
    const task = await apply(first.json().id, 'Litware');
    assert.equal(task.dueDate, '2026-12-06', 'the first template counts calendar days');
    ok(
      await as(p.w.tokens.standard)('POST', `/api/v1/tasks/${task.id}/complete`, {
        outcome: 'Left a message',
      }),
    );
    await p.drain();
    const list = await as(p.w.tokens.standard)('GET', `/api/v1/tasks?status=open&limit=200`);
    const followUp = list
      .json()
      .data.find((x: { title: string }) => x.title.startsWith('Call Litware by'));
    assert.ok(followUp, list.body);
    assert.equal(followUp.dueDate, '2026-12-09');
  });
});
