// SPEC §14 from the user's side: an admin sets the working week and holidays through the API, plays
// and outcome follow-ups say "due in 2 working days", and the assignee sees the due date skip them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearer } from '../test/fixtures.ts';
import { playWorld, type PlayWorld } from '../plays/test-setup.ts';

describe('due offsets in working days', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const as = (token: string) => (method: string, url: string, payload?: unknown) =>
    p.t.app.inject({
      method: method as 'GET',
      url,
      headers: bearer(token),
      ...(payload ? { payload: payload as object } : {}),
    });
  const admin = () => as(p.w.tokens.admin);
  const advanced = () => as(p.w.tokens.advanced);
  const ok = (res: { statusCode: number; body: string }, status = 200) =>
    assert.ok(res.statusCode === status || res.statusCode === 201, res.body);

  /** A recurring play run now (as "Run now" in the app) creating one task due in 2 working days. */
  async function runPlay(name: string, health: string, assigneeId: string) {
    const res = await advanced()('POST', '/api/v1/plays', {
      name,
      description: 'Follow up',
      subject: 'accounts',
      trigger: { type: 'recurring', recurring: { every: { n: 1, unit: 'months' } } },
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: health },
      actions: [
        {
          id: 'call',
          type: 'create_task',
          title: 'Call {{account.name}} by {{task.due_date}}',
          description: 'Book it',
          dueInDays: 2,
          dueUnit: 'working_days',
          flowId: p.w.flow.id,
          assignee: { type: 'user', userId: assigneeId },
        },
      ],
    });
    ok(res, 201);
    const id = res.json().id as string;
    ok(await advanced()('POST', `/api/v1/plays/${id}/enable`, { fireNow: false }));
    const run = await advanced()('POST', `/api/v1/plays/${id}/run`, {});
    ok(run);
    assert.equal(run.json().counts.created, 1, run.body);
    const [task] = await p.openTasks(id);
    return task!;
  }

  it('an admin sets Monday–Friday and a Monday holiday; "2 working days" fired on a Friday is due Wednesday', async () => {
    ok(await admin()('PATCH', '/api/v1/workspace', { settings: { workingDays: [1, 2, 3, 4, 5] } }));
    ok(
      await admin()('POST', '/api/v1/holidays', { date: '2026-12-07', name: 'Founders’ Day' }),
      201,
    );
    await p.newAccounts(1, { health: 'friday' }, { name: 'Fabrikam' });
    p.t.clock.set('2026-12-04T09:00:00Z'); // Friday
    const task = await runPlay('Friday calls', 'friday', p.w.users.standard.id);
    const seen = await as(p.w.tokens.standard)('GET', `/api/v1/tasks/${task.id}`);
    ok(seen);
    assert.equal(seen.json().dueDate, '2026-12-09', 'Mon 7 is a holiday: Tue 8, Wed 9');
    assert.equal(seen.json().title, 'Call Fabrikam by 2026-12-09', 'the merge field agrees');
  });

  it('an assignee in another time zone whose team uses another calendar', async () => {
    // Bea (team B) works from Auckland, where Thursday 12:00 UTC is already Friday; team B's
    // calendar "nz" has Wednesday 9 December off, but not Monday 7.
    ok(
      await admin()('PATCH', `/api/v1/users/${p.w.users.standardB.id}`, {
        timeZone: 'Pacific/Auckland',
      }),
    );
    ok(
      await admin()('PUT', '/api/v1/holidays/nz', {
        dates: [{ date: '2026-12-09', name: 'Team day' }],
      }),
    );
    ok(await admin()('PATCH', `/api/v1/teams/${p.w.teamB.id}`, { holidayCalendar: 'nz' }));
    await p.newAccounts(1, { health: 'auckland' }, { name: 'Tailspin' });
    p.t.clock.set('2026-12-03T12:00:00Z'); // Thursday in UTC, Friday 01:00 in Auckland
    const bea = await runPlay('Auckland calls', 'auckland', p.w.users.standardB.id);
    // Friday 4 + 2 working days in "nz": Mon 7, Tue 8 (Wed 9 off is not reached).
    assert.equal(bea.dueDate, '2026-12-08');
    // Sam (team A, UTC, the workspace calendar) on the same Thursday: Fri 4, (Mon 7 off), Tue 8.
    await p.newAccounts(1, { health: 'utc' }, { name: 'Northwind' });
    const sam = await runPlay('UTC calls', 'utc', p.w.users.standard.id);
    assert.equal(sam.dueDate, '2026-12-08');
    // Moved to the workspace calendar, Bea's next task skips Monday 7 instead.
    ok(await admin()('PATCH', `/api/v1/teams/${p.w.teamB.id}`, { holidayCalendar: null }));
    await p.newAccounts(1, { health: 'auckland2' }, { name: 'Contoso' });
    const bea2 = await runPlay('Auckland calls 2', 'auckland2', p.w.users.standardB.id);
    assert.equal(bea2.dueDate, '2026-12-09', 'Fri 4 in Auckland: (Mon 7 off) Tue 8, Wed 9');
  });

  it('a template follow-up "in 2 working days" after an outcome on a Friday skips the weekend and the holiday', async () => {
    const template = (over: Record<string, unknown>) => ({
      title: 'Call {{account.name}}',
      description: 'Call them',
      dueOffsetDays: 1,
      flowId: p.w.flow.id,
      assigneeRule: { type: 'user', userId: p.w.users.standard.id },
      ...over,
    });
    const again = await advanced()(
      'POST',
      '/api/v1/templates',
      template({ name: 'Call again', title: 'Call again' }),
    );
    ok(again, 201);
    const first = await advanced()(
      'POST',
      '/api/v1/templates',
      template({
        name: 'First call',
        outcomes: [
          {
            name: 'Left a message',
            actions: [
              {
                type: 'create_task_from_template',
                templateId: again.json().id,
                dueInDays: 2,
                dueUnit: 'working_days',
              },
            ],
          },
        ],
      }),
    );
    ok(first, 201);
    const [acc] = await p.newAccounts(1, {}, { name: 'Litware' });
    p.t.clock.set('2026-12-04T15:00:00Z'); // Friday
    const applied = await advanced()('POST', `/api/v1/templates/${first.json().id}/apply`, {
      accountIds: [acc!.id],
    });
    ok(applied, 201);
    const taskId = applied.json().tasks[0].id as string;
    ok(
      await as(p.w.tokens.standard)('POST', `/api/v1/tasks/${taskId}/complete`, {
        outcome: 'Left a message',
      }),
    );
    await p.drain();
    const list = await as(p.w.tokens.standard)(
      'GET',
      `/api/v1/tasks?accountId=${acc!.id}&status=open`,
    );
    ok(list);
    const followUp = list.json().data.find((x: { title: string }) => x.title === 'Call again');
    assert.ok(followUp, list.body);
    assert.equal(followUp.dueDate, '2026-12-09');
  });

  it('refuses a zero working-day offset like a zero day offset', async () => {
    const res = await advanced()('POST', '/api/v1/plays', {
      name: 'Zero',
      description: 'x',
      subject: 'accounts',
      trigger: { type: 'enter' },
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'x' },
      actions: [
        {
          id: 'call',
          type: 'create_task',
          title: 'x',
          description: 'x',
          dueInDays: 0,
          dueUnit: 'working_days',
          flowId: p.w.flow.id,
          assignee: { type: 'user', userId: p.w.users.standard.id },
        },
      ],
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.details[0].path, 'body.actions.0.dueInDays');
  });
});
