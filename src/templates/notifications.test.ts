import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import { runPendingJobs, testContext, type TestContext } from '../test/harness.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';
import { emailOutbox, tasks, touchpoints, users } from '../db/schema/index.ts';
import { taskNotificationsSweepJob } from './notifications-sweep.ts';

describe('template notifications and complete-from-e-mail', () => {
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  let templateId = '';

  before(async () => {
    t = await testContext();
    w = await seedWorkspace(t.deps);
    await t.deps.db
      .update(users)
      .set({ managerId: w.users.admin.id })
      .where(eq(users.id, w.users.standard.id));
    await t.deps.db
      .update(users)
      .set({ phone: '+15550100', smsNotifications: true })
      .where(eq(users.id, w.users.admin.id));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/templates',
      headers: bearer(w.tokens.advanced),
      payload: {
        name: 'Check-in',
        title: 'Check in with {{account.name}}',
        description: '<p>Ask how it goes.</p>',
        dueOffsetDays: 3,
        flowId: w.flow.id,
        assigneeRule: { type: 'user', userId: w.users.standard.id },
        outcomes: [
          { name: 'Interested', actions: [] },
          { name: 'Not interested', actions: [] },
        ],
        notificationRules: [
          { to: 'assignee', when: { daysBeforeDue: 1 }, via: 'email' },
          { to: 'assignee_manager', when: { daysAfterDue: 2 }, via: 'email' },
          { to: { userId: w.users.admin.id }, when: 'assigned', via: 'sms' },
        ],
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    templateId = res.json().id;
  });
  after(() => t.close());

  const apply = async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/templates/${templateId}/apply`,
      headers: bearer(w.tokens.advanced),
      payload: { accountIds: [w.acmeA.id] },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().tasks[0].id as string;
  };
  const outbox = (kind: string) =>
    t.deps.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.workspaceId, w.workspace.id), eq(emailOutbox.kind, kind)));
  const sweepTwice = async () => {
    for (let i = 0; i < 2; i++) {
      await t.deps.queue.send(taskNotificationsSweepJob, {});
      assert.equal(await runPendingJobs(t, 'task-notifications-sweep'), 1);
    }
  };
  const linkOf = (text: string) => /\/t\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';
  const form = (token: string, payload: string) =>
    t.app.inject({
      method: 'POST',
      url: `/t/${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload,
    });

  let firstTask = '';
  let firstLink = '';

  it('sends the assignment e-mail with a signed link and the "when assigned" SMS', async () => {
    firstTask = await apply();
    const assigned = await outbox('task_assigned');
    assert.equal(assigned.length, 1);
    assert.equal(assigned[0]!.toAddress, 'standard@w1.test');
    firstLink = linkOf(assigned[0]!.textBody);
    assert.ok(firstLink, assigned[0]!.textBody);
    assert.ok(firstLink.length <= 100, 'fits one URL path parameter');
    const sms = await outbox('sms');
    assert.equal(sms.length, 1);
    assert.equal(sms[0]!.toAddress, '+15550100');
    assert.equal(sms[0]!.status, 'outbox');
  });

  it('sends "N days before due" and "N days after due" exactly once per (task, rule), however often the sweep runs', async () => {
    await sweepTwice();
    assert.equal((await outbox('task_notification_before')).length, 0, 'not yet: due 2026-03-05');
    t.clock.advanceDays(2);
    await sweepTwice();
    const before = await outbox('task_notification_before');
    assert.equal(before.length, 1);
    assert.equal(before[0]!.toAddress, 'standard@w1.test');
    assert.equal((await outbox('task_notification_after')).length, 0);
    t.clock.advanceDays(3);
    await sweepTwice();
    const late = await outbox('task_notification_after');
    assert.equal(late.length, 1);
    assert.equal(late[0]!.toAddress, 'admin@w1.test', "the assignee's manager");
    assert.ok(!linkOf(late[0]!.textBody), 'only the assignee gets the completion link');
    await sweepTwice();
    assert.equal(
      (await outbox('task_notification_before')).length +
        (await outbox('task_notification_after')).length,
      2,
    );
  });

  it('the link opens a login-free page that completes exactly that task', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/t/${firstLink}` });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    assert.ok(
      page.body.includes('Check in with Acme') && page.body.includes('value="Interested"'),
      page.body.slice(0, 3000),
    );
    assert.ok(!/<script/i.test(page.body));

    const missing = await form(firstLink, 'notes=hello');
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Choose an outcome/);
    const done = await form(firstLink, 'outcome=Interested&notes=Spoke+to+%3Cb%3EAna%3C%2Fb%3E');
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /is completed/);
    const [task] = await t.deps.db.select().from(tasks).where(eq(tasks.id, firstTask));
    assert.equal(task!.status, 'completed');
    assert.equal(task!.outcome, 'Interested');
    assert.equal(task!.completedById, w.users.standard.id);
    const [tp] = await t.deps.db
      .select()
      .from(touchpoints)
      .where(eq(touchpoints.taskId, firstTask));
    assert.ok(tp && tp.body.includes('Spoke to &lt;b&gt;Ana&lt;/b&gt;'), tp?.body);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: `/t/${firstLink}` })).statusCode,
      410,
      'dies once completed',
    );
    assert.equal((await form(firstLink, 'outcome=Interested')).statusCode, 410);
  });

  it('the link dies when the task is reassigned, when tampered with, and when it expires', async () => {
    const latestLink = async () => {
      const rows = await outbox('task_assigned');
      return linkOf(rows[rows.length - 1]!.textBody);
    };
    const reassigned = await apply();
    const link1 = await latestLink();
    await t.deps.db
      .update(tasks)
      .set({ assigneeUserId: w.users.advanced.id, version: sql`${tasks.version} + 1` })
      .where(eq(tasks.id, reassigned));
    assert.equal((await t.app.inject({ method: 'GET', url: `/t/${link1}` })).statusCode, 410);

    await apply();
    const link2 = await latestLink();
    const [body, mac] = link2.split('.');
    const bytes = Buffer.from(body!, 'base64url');
    Buffer.from(firstTask.replace(/-/g, ''), 'hex').copy(bytes, 1);
    const forged = `${bytes.toString('base64url')}.${mac}`;
    assert.equal((await t.app.inject({ method: 'GET', url: `/t/${forged}` })).statusCode, 410);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: `/t/${link2.slice(0, -2)}xx` })).statusCode,
      410,
    );
    assert.equal((await t.app.inject({ method: 'GET', url: `/t/${link2}` })).statusCode, 200);
    t.clock.advanceDays(31);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: `/t/${link2}` })).statusCode,
      410,
      'expired',
    );
  });
});
