// SPEC §14: a template's "N days before / after due" reminders can count working days — the
// assignee's, skipping weekends and their calendar's holidays.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { runPendingJobs, testContext, type TestContext } from '../test/harness.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';
import { emailOutbox } from '../db/schema/index.ts';
import { taskNotificationsSweepJob } from '../templates/notifications-sweep.ts';

describe('template reminders in working days', () => {
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  before(async () => {
    t = await testContext();
    w = await seedWorkspace(t.deps);
  });
  after(() => t.close());

  const api = (method: 'POST' | 'PUT', url: string, token: string, payload: object) =>
    t.app.inject({ method, url, headers: bearer(token), payload });
  const sent = async (kind: string) =>
    (
      await t.deps.db
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.workspaceId, w.workspace.id), eq(emailOutbox.kind, kind)))
    ).length;
  const sweepOn = async (iso: string) => {
    t.clock.set(iso);
    await t.deps.queue.send(taskNotificationsSweepJob, {});
    assert.equal(await runPendingJobs(t, 'task-notifications-sweep'), 1);
  };

  it('"1 working day before" a Monday due date with Friday off reminds on Thursday; "1 working day after" with Tuesday off, on Wednesday', async () => {
    const holidays = await api('PUT', '/api/v1/holidays/default', w.tokens.admin, {
      dates: [
        { date: '2026-12-11', name: 'Company day' },
        { date: '2026-12-15', name: 'Offsite' },
      ],
    });
    assert.equal(holidays.statusCode, 200, holidays.body);
    const tpl = await api('POST', '/api/v1/templates', w.tokens.advanced, {
      name: 'Renewal call',
      title: 'Renewal call with {{account.name}}',
      description: '<p>Talk renewal.</p>',
      dueOffsetDays: 3,
      flowId: w.flow.id,
      assigneeRule: { type: 'user', userId: w.users.standard.id },
      notificationRules: [
        { to: 'assignee', when: { daysBeforeDue: 1, unit: 'working_days' }, via: 'email' },
        { to: 'assignee', when: { daysAfterDue: 1, unit: 'working_days' }, via: 'email' },
      ],
    });
    assert.equal(tpl.statusCode, 201, tpl.body);
    assert.deepEqual(tpl.json().notificationRules[0].when, {
      daysBeforeDue: 1,
      unit: 'working_days',
    });
    t.clock.set('2026-12-07T09:00:00Z');
    const applied = await api(
      'POST',
      `/api/v1/templates/${tpl.json().id}/apply`,
      w.tokens.advanced,
      {
        accountIds: [w.acmeA.id],
        dueDate: '2026-12-14',
      },
    );
    assert.equal(applied.statusCode, 201, applied.body);

    await sweepOn('2026-12-09T09:00:00Z'); // Wednesday
    assert.equal(await sent('task_notification_before'), 0);
    await sweepOn('2026-12-10T09:00:00Z'); // Thursday: Friday 11 is off, so it is the last working day before
    assert.equal(await sent('task_notification_before'), 1);

    await sweepOn('2026-12-15T09:00:00Z'); // Tuesday 15 is off: not yet "1 working day after"
    assert.equal(await sent('task_notification_after'), 0);
    await sweepOn('2026-12-16T09:00:00Z'); // Wednesday
    assert.equal(await sent('task_notification_after'), 1);
  });
});
