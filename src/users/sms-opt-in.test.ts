// SPEC §3 "how: SMS": a template's SMS rules reach only the people who switched SMS notifications on
// in their profile (which needs a phone number); what is queued shows it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { testContext, type TestContext } from '../test/harness.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';
import { auditEvents, emailOutbox, users } from '../db/schema/index.ts';

describe('SMS opt-in', () => {
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  before(async () => {
    t = await testContext();
    w = await seedWorkspace(t.deps);
  });
  after(() => t.close());

  const patch = (token: string, id: string, payload: object) =>
    t.app.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, headers: bearer(token), payload });
  const smsQueued = async () =>
    (
      await t.deps.db
        .select({ to: emailOutbox.toAddress, text: emailOutbox.textBody })
        .from(emailOutbox)
        .where(and(eq(emailOutbox.workspaceId, w.workspace.id), eq(emailOutbox.kind, 'sms')))
    ).map((r) => r.to);

  it('needs a phone number: switching it on without one is refused and changes nothing', async () => {
    const auditBefore = (await t.deps.db.select().from(auditEvents)).length;
    const res = await patch(w.tokens.standard, w.users.standard.id, { smsNotifications: true });
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(res.json().error.details, [
      {
        path: 'body.smsNotifications',
        message: 'Add a phone number first: SMS notifications are sent to it.',
      },
    ]);
    const [unchanged] = await t.deps.db
      .select()
      .from(users)
      .where(eq(users.id, w.users.standard.id));
    assert.deepEqual([unchanged!.phone, unchanged!.smsNotifications], [null, false]);
    assert.equal((await t.deps.db.select().from(auditEvents)).length, auditBefore);
    // A phone number sent with it in the same request is enough; the profile says so after.
    const both = await patch(w.tokens.standard, w.users.standard.id, {
      phone: '+1 555 0123',
      smsNotifications: true,
    });
    assert.equal(both.statusCode, 200, both.body);
    assert.equal(both.json().smsNotifications, true);
    const [row] = await t.deps.db.select().from(users).where(eq(users.id, w.users.standard.id));
    assert.equal(row!.smsNotifications, true);
    assert.equal((await t.deps.db.select().from(auditEvents)).length, auditBefore + 1);
  });

  it('removing the phone number switches SMS off', async () => {
    const res = await patch(w.tokens.standard, w.users.standard.id, { phone: null });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().smsNotifications, false);
  });

  it('a template rule "how: SMS" queues a text only to recipients who opted in', async () => {
    // Sam (assignee) has a phone but is not opted in; the admin opts in; Ada (advanced) has no phone.
    assert.equal(
      (await patch(w.tokens.standard, w.users.standard.id, { phone: '+1 555 0123' })).statusCode,
      200,
    );
    const admin = await patch(w.tokens.admin, w.users.admin.id, {
      phone: '+1 555 0100',
      smsNotifications: true,
    });
    assert.equal(admin.statusCode, 200, admin.body);
    const tpl = await t.app.inject({
      method: 'POST',
      url: '/api/v1/templates',
      headers: bearer(w.tokens.advanced),
      payload: {
        name: 'Welcome call',
        title: 'Welcome {{account.name}}',
        description: '<p>Say hello.</p>',
        dueOffsetDays: 2,
        flowId: w.flow.id,
        assigneeRule: { type: 'user', userId: w.users.standard.id },
        notificationRules: [
          { to: 'assignee', when: 'assigned', via: 'sms' },
          { to: { userId: w.users.admin.id }, when: 'assigned', via: 'sms' },
          { to: { userId: w.users.advanced.id }, when: 'assigned', via: 'sms' },
        ],
      },
    });
    assert.equal(tpl.statusCode, 201, tpl.body);
    const apply = async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/templates/${tpl.json().id}/apply`,
        headers: bearer(w.tokens.advanced),
        payload: { accountIds: [w.acmeA.id] },
      });
      assert.equal(res.statusCode, 201, res.body);
    };
    await apply();
    assert.deepEqual(await smsQueued(), ['+1 555 0100']);

    // Once Sam opts in, the next task's rule reaches Sam too.
    const on = await patch(w.tokens.standard, w.users.standard.id, { smsNotifications: true });
    assert.equal(on.statusCode, 200, on.body);
    await apply();
    assert.deepEqual((await smsQueued()).sort(), ['+1 555 0100', '+1 555 0100', '+1 555 0123']);
  });
});
