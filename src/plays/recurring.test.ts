// Recurring plays (SPEC §5): cron checked at save, cadences, the workspace time zone, open tasks from earlier runs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { playRunResults, playRuns, plays } from '../db/schema/index.ts';
import { bearer } from '../test/fixtures.ts';
import { cronProblem } from './cron.ts';
import { cadenceDue, DAILY_CHECK_CRON, runRecurring } from './engine/recurring.ts';
import { recurringJob } from './engine/jobs.ts';
import { playWorld, type PlayWorld } from './test-setup.ts';

describe('recurring plays', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const api = (
    method: 'POST' | 'PATCH',
    url: string,
    payload: unknown,
    token = p.w.tokens.advanced,
  ) => p.t.app.inject({ method, url, headers: bearer(token), payload: payload as object });
  const recurring = (name: string, health: string, recurringRule: Record<string, unknown>) =>
    p.play({
      name,
      trigger: { type: 'recurring', recurring: recurringRule },
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: health },
      actions: [
        {
          id: 'qbr',
          type: 'create_task',
          title: 'QBR {{account.name}}',
          description: 'x',
          dueInDays: 1,
          flowId: p.w.flow.id,
          assignee: { type: 'user', userId: p.w.users.standard.id },
        },
      ],
    });
  const scheduleOf = async (playId: string) =>
    (await p.jobs.boss.getSchedules(recurringJob.name, playId))[0];
  /** The next times pg-boss's cron pass will send the play's job, read from the schedule it holds. */
  const nextRuns = async (playId: string, count = 1) => {
    const s = await scheduleOf(playId);
    assert.ok(s, 'the play has a schedule');
    return p.jobs.boss
      .previewSchedule(s.cron, { tz: s.timezone, from: p.t.clock.now(), count })
      .map((d) => d.toISOString());
  };
  /** What the schedule does when it comes due: the job, through the queue. */
  const runScheduled = async (playId: string) => {
    await p.t.deps.queue.send(recurringJob, { playId });
    return p.jobs.drain({ names: [recurringJob.name] });
  };

  it('a cron expression pg-boss cannot schedule is refused at save with a 400 on the cron path, and nothing changes', async () => {
    for (const [cron, why] of [
      ['61 * * * *', /0-59/],
      ['* * * * MON-FOO', /foo/i],
      ['0 6 * * * *', /five fields/],
      ['@daily', /five fields/],
      ['H 9 * * *', /H/],
      ['0 0 31 2 *', /day of month/i],
    ] as const) {
      const res = await api('POST', '/api/v1/plays', {
        name: 'Bad cron',
        description: 'x',
        subject: 'accounts',
        trigger: { type: 'recurring', recurring: { cron } },
        criteria: null,
        actions: [
          {
            type: 'create_task',
            title: 'x',
            description: 'x',
            dueInDays: 1,
            flowId: p.w.flow.id,
            assignee: { type: 'user', userId: p.w.users.standard.id },
          },
        ],
      });
      assert.equal(res.statusCode, 400, `${cron} → ${res.body}`);
      const [detail] = res.json().error.details as Array<{ path: string; message: string }>;
      assert.equal(detail!.path, 'body.trigger.recurring.cron');
      assert.match(detail!.message, why);
    }
    assert.equal((await p.t.deps.db.select().from(plays)).length, 0);
    for (const ok of [
      '0 9 * * 1',
      '*/15 8-18 * * MON-FRI',
      '0 6 1 */3 *',
      ' 0  9 * * 1 ',
      '30 7 * * THU',
    ])
      assert.equal(cronProblem(ok), null, ok);
    const play = await recurring('Weekly', 'never', { cron: '0 9 * * 1' });
    const res = await api('PATCH', `/api/v1/plays/${play.id}`, {
      version: play.version,
      trigger: { type: 'recurring', recurring: { cron: '0 25 * * *' } },
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.details[0].path, 'body.trigger.recurring.cron');
    const [row] = await p.t.deps.db.select().from(plays).where(eq(plays.id, play.id));
    assert.equal(row!.version, 1);
    assert.equal((await scheduleOf(play.id))?.cron, '0 9 * * 1', 'the schedule is untouched');
  });

  it('cron cadence: runs at each occurrence of the expression for every record meeting the criteria; a record whose task from the previous run is open is skipped', async () => {
    p.t.clock.set('2026-03-02T09:00:00Z'); // a Monday
    const [a1, a2] = await p.newAccounts(2, { health: 'cron' });
    const play = await recurring('Monday QBR', 'cron', { cron: '0 9 * * 1' });
    assert.deepEqual(
      await nextRuns(play.id, 2),
      ['2026-03-09T09:00:00.000Z', '2026-03-16T09:00:00.000Z'],
      'Mondays at 09:00 (the workspace is on UTC)',
    );
    assert.equal(
      (await p.playTasks(play.id)).length,
      0,
      'enabling without fireNow waits for the schedule',
    );

    p.t.clock.set('2026-03-09T09:00:00Z');
    assert.equal(await runScheduled(play.id), 1);
    const first = await p.openTasks(play.id);
    assert.deepEqual(first.map((t) => t.accountId).sort(), [a1!.id, a2!.id].sort());
    assert.ok(first.every((t) => t.dueDate === '2026-03-10'));
    await p.complete(first.find((t) => t.accountId === a1!.id)!.id);

    p.t.clock.set('2026-03-16T09:00:00Z');
    await runScheduled(play.id);
    const runs = await p.t.deps.db
      .select()
      .from(playRuns)
      .where(and(eq(playRuns.playId, play.id), eq(playRuns.kind, 'recurring')));
    assert.equal(runs.length, 2);
    const second = runs.find((r) => r.startedAt.toISOString() === '2026-03-16T09:00:00.000Z')!;
    assert.deepEqual(second.counts, {
      targets: 2,
      created: 1,
      wouldCreate: 0,
      skipped: 1,
      errors: 0,
      other: 0,
    });
    const results = await p.t.deps.db
      .select()
      .from(playRunResults)
      .where(eq(playRunResults.runId, second.id));
    assert.deepEqual(Object.fromEntries(results.map((r) => [r.recordId, r.result])), {
      [a1!.id]: 'created',
      [a2!.id]: 'skipped_open_task',
    });
    assert.equal(
      (await p.openTasks(play.id)).filter((t) => t.accountId === a2!.id).length,
      1,
      'the open task was not duplicated',
    );
  });

  it('every N months: due on the anchor day (the last day in shorter months) every N months, and fires once that day', async () => {
    const every = (n: number) => ({ n, unit: 'months' as const });
    assert.equal(cadenceDue(every(1), '2026-01-31', '2026-02-28'), true);
    assert.equal(cadenceDue(every(1), '2026-01-31', '2026-02-27'), false);
    assert.equal(cadenceDue(every(1), '2026-01-31', '2026-03-28'), false);
    assert.equal(cadenceDue(every(1), '2028-01-31', '2028-02-29'), true, 'leap year');
    assert.equal(cadenceDue(every(3), '2026-01-15', '2026-04-15'), true);
    assert.equal(cadenceDue(every(3), '2026-01-15', '2026-02-15'), false);

    p.t.clock.set('2026-01-31T10:00:00Z');
    const [acc] = await p.newAccounts(1, { health: 'bimonthly' });
    const play = await recurring('Every two months', 'bimonthly', { every: every(2) });
    assert.equal(
      (await scheduleOf(play.id))?.cron,
      DAILY_CHECK_CRON,
      '"every N" checks once a day',
    );
    for (const [day, fires] of [
      ['2026-02-28', false],
      ['2026-03-30', false],
      ['2026-03-31', true],
      ['2026-04-30', false],
      ['2026-05-31', true],
    ] as const) {
      p.t.clock.set(`${day}T06:00:00Z`);
      assert.equal((await runRecurring(p.t.deps, play.id)).fired, fires, day);
      if (fires)
        assert.equal(
          (await runRecurring(p.t.deps, play.id)).fired,
          false,
          `${day}: the day is claimed once`,
        );
    }
    const made = await p.playTasks(play.id);
    assert.deepEqual(
      made.map((t) => [t.accountId, t.dueDate]),
      [[acc!.id, '2026-04-01']],
      'the May run skipped the still-open March task',
    );
  });

  it('workspace time zone: schedules run at local time and use the local date; changing the zone re-syncs every recurring schedule', async () => {
    p.t.clock.set('2026-03-02T09:00:00Z');
    const [acc] = await p.newAccounts(1, { health: 'local' });
    const daily = await recurring('Daily 9am', 'local', { cron: '0 9 * * *' });
    const weekly = await recurring('Weekly check', 'local-weekly', {
      every: { n: 1, unit: 'weeks' },
    });
    assert.equal((await scheduleOf(daily.id))?.timezone, 'UTC');
    const res = await api(
      'PATCH',
      '/api/v1/workspace',
      { timeZone: 'Pacific/Auckland' },
      p.w.tokens.admin,
    );
    assert.equal(res.statusCode, 200, res.body);
    for (const id of [daily.id, weekly.id])
      assert.equal(
        (await scheduleOf(id))?.timezone,
        'Pacific/Auckland',
        'the schedule follows the workspace',
      );
    assert.equal((await scheduleOf(daily.id))?.cron, '0 9 * * *');

    // 09:00 in Auckland (UTC+13 in March) is 20:00 UTC the day before.
    assert.deepEqual(await nextRuns(daily.id), ['2026-03-02T20:00:00.000Z']);
    p.t.clock.set('2026-03-02T20:00:00Z');
    await runScheduled(daily.id);
    const [task] = await p.openTasks(daily.id);
    assert.equal(task?.accountId, acc!.id);
    assert.equal(
      task!.dueDate,
      '2026-03-04',
      'the local date (3 March) plus one day, not the UTC date',
    );

    // "Every week" is checked at 06:00 local: anchored on 2 March local, due on 9 March local = 8 March 17:00 UTC.
    await p.setAttrs(acc!.id, { health: 'local-weekly' });
    assert.deepEqual(
      await nextRuns(weekly.id),
      ['2026-03-03T17:00:00.000Z'],
      'the daily check: 06:00 local',
    );
    p.t.clock.set('2026-03-08T10:00:00Z');
    assert.equal(
      (await runRecurring(p.t.deps, weekly.id)).fired,
      false,
      '8 March 23:00 local: not due yet',
    );
    p.t.clock.set('2026-03-08T17:00:00Z');
    assert.equal((await runRecurring(p.t.deps, weekly.id)).fired, true, '9 March 06:00 local');
    assert.deepEqual(
      (await p.openTasks(weekly.id)).map((t) => t.dueDate),
      ['2026-03-10'],
    );
  });
});
