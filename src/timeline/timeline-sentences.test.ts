// Every kind of timeline event, written by the real paths (API use cases, the play engine, webhook
// delivery), reads as a human sentence through the same function the web app renders with.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runPendingJobs, type TestContext } from '../test/harness.ts';
import { multipart } from '../test/multipart.ts';
import { bearer } from '../test/fixtures.ts';
import { eq } from 'drizzle-orm';
import { tasks } from '../db/schema/index.ts';
import { api, createTodo, world, type World } from '../tasks/test-fixtures.ts';
import { drainChanges } from '../plays/engine/process-changes.ts';
import { closeWebhookAgents } from '../webhooks/http-send.ts';
import { startReceiver } from '../webhooks/test-receiver.ts';
import { describeEvent, type DescribeContext } from './describe-event.ts';
import { TIMELINE_KINDS, type TimelineEvent } from './events.ts';

describe('timeline sentences', () => {
  let t: TestContext;
  let w: World;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  before(async () => {
    ({ t, w } = await world());
    rx = await startReceiver();
  });
  after(async () => {
    await rx.close();
    closeWebhookAgents();
    await t.close();
  });

  const ok = async (
    res: Promise<{ statusCode: number; body: string; json(): unknown }>,
    status = [200, 201, 204],
  ) => {
    const r = await res;
    assert.ok(status.includes(r.statusCode), `${r.statusCode}: ${r.body}`);
    return r.statusCode === 204 ? null : (r.json() as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const drain = () => drainChanges(t.deps, { maxMs: 60_000 });
  const put = (url: string, payload: object) =>
    t.app.inject({ method: 'PUT', url, headers: bearer(w.tokens.admin), payload });

  it('renders every event kind from real writes with names and labels, never blanks or keys', async () => {
    const a = api(t, w.tokens.admin);
    await ok(put('/api/v1/webhooks/allowlist', { entries: ['127.0.0.1/32'] }));
    await ok(put('/api/v1/webhooks/settings', { retrySchedule: [0], timeoutMs: 5000 }));

    // Accounts, roles, contacts, files, touchpoints.
    const quarry = (await ok(
      a.post('/api/v1/accounts', {
        name: 'Quarry Health',
        externalId: 'quarry',
        teams: [w.teamA.id],
        attributes: { notes: 'VIP' },
      }),
    ))!;
    await ok(
      a.patch(`/api/v1/accounts/${quarry.id}`, {
        version: quarry.version,
        lifecycleStage: 'Adoption',
        attributes: { licenses: 12 },
      }),
    );
    await ok(
      put(`/api/v1/accounts/${w.acmeA.id}/roles/${w.roles.salesManager.id}`, {
        userId: w.users.advanced.id,
      }),
    );
    const contact = (await ok(
      a.post('/api/v1/contacts', {
        accountId: w.acmeA.id,
        firstName: 'Erin',
        lastName: 'Example',
        email: 'erin@acme.test',
      }),
    ))!;
    await ok(a.patch(`/api/v1/contacts/${contact.id}`, { version: 1, phone: '+1 555 0100' }));
    await ok(a.del(`/api/v1/contacts/${contact.id}`));
    const m = multipart([
      { name: 'file', filename: 'notes.txt', type: 'text/plain', data: 'hello' },
    ]);
    const file = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${w.acmeA.id}/attachments`,
      headers: { ...bearer(w.tokens.admin), ...m.headers },
      payload: m.payload,
    });
    assert.equal(file.statusCode, 201, file.body);
    await ok(a.del(`/api/v1/attachments/${file.json().id}`));
    await ok(
      a.post(`/api/v1/accounts/${w.acmeA.id}/touchpoints`, {
        type: 'call',
        subject: 'Quarterly check-in',
        body: '<p>ok</p>',
        participantIds: [],
        flowId: w.flow.id,
      }),
    );

    // Manual tasks: created, edited, reassigned, deleted; request information and its form.
    const manual = await createTodo(t, w, { title: 'Prepare QBR' });
    await ok(
      a.patch(`/api/v1/tasks/${manual.id}`, {
        version: manual.version,
        title: 'Prepare the QBR',
        dueDate: '2026-03-20',
        assignee: { userId: w.users.advanced.id },
      }),
    );
    const doomed = await createTodo(t, w, { title: 'Obsolete chore' });
    await ok(a.del(`/api/v1/tasks/${doomed.id}`));
    const ri = (await ok(
      a.post('/api/v1/tasks/request-info', {
        accountId: w.acmeA.id,
        formId: w.forms.renewal.id,
        assignee: { userId: w.users.standard.id },
        dueDate: '2026-03-12',
        flowId: w.flow.id,
      }),
    ))!;
    await ok(
      api(t, w.tokens.standard).post(`/api/v1/tasks/${ri.id}/form`, { values: { licenses: 40 } }),
    );

    // Plays: a task (role assignee, so it falls back), update information, celebrate, notify and two webhooks; a play with no task.
    const rule = { type: 'role', roleId: w.roles.successManager.id };
    const play = (await ok(
      a.post('/api/v1/plays', {
        name: 'Red health rescue',
        description: 'Act when health turns red',
        subject: 'accounts',
        trigger: { type: 'enter' },
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'red' },
        ownerUserId: w.users.admin.id,
        actions: [
          {
            id: 'call',
            type: 'create_task',
            title: 'Call {{account.name}}',
            description: '<p>Health is red</p>',
            dueInDays: 2,
            flowId: w.flow.id,
            assignee: rule,
          },
          { id: 'mark', type: 'update_information', set: [{ key: 'notes', value: 'Escalated' }] },
          { id: 'yay', type: 'celebrate', message: 'Rescue started', style: 'success' },
          { id: 'warn', type: 'notify', message: 'Health is red', style: 'warning' },
          {
            id: 'ok',
            type: 'webhook',
            webhook: { name: 'CRM sync', urlTemplate: `${rx.url}/crm/{{account.external_id}}` },
          },
          {
            id: 'ko',
            type: 'webhook',
            webhook: {
              name: 'Billing sync',
              urlTemplate: 'http://127.0.0.1:1/billing/{{account.external_id}}',
            },
          },
        ],
      }),
    ))!;
    const tagger = (await ok(
      a.post('/api/v1/plays', {
        name: 'Tag red accounts',
        description: 'Tags them',
        subject: 'accounts',
        trigger: { type: 'enter' },
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'red' },
        actions: [{ id: 'tag', type: 'add_tag', tag: 'at-risk' }],
      }),
    ))!;
    // A journey (SPEC §13): entered, one step, ended.
    const journey = (await ok(
      a.post('/api/v1/plays', {
        name: 'Welcome red accounts',
        description: 'A one-step journey',
        subject: 'accounts',
        trigger: { type: 'enter' },
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'red' },
        actions: [],
        steps: [{ id: 'hello', type: 'action', action: { type: 'add_tag', tag: 'welcomed' } }],
      }),
    ))!;
    await ok(a.post(`/api/v1/plays/${play.id}/enable`, { fireNow: false }));
    await ok(a.post(`/api/v1/plays/${tagger.id}/enable`, { fireNow: false }));
    await ok(a.post(`/api/v1/plays/${journey.id}/enable`, { fireNow: false }));
    const current = (await ok(a.get(`/api/v1/accounts/${quarry.id}`)))!;
    await ok(
      a.patch(`/api/v1/accounts/${quarry.id}`, {
        version: current.version,
        attributes: { health: 'red' },
      }),
    );
    await drain();
    await runPendingJobs(t);
    assert.equal(rx.received.length, 1, 'the CRM webhook was delivered');
    // The role gets a holder: "reassign dynamically" runs the play's rule again.
    await ok(
      put(`/api/v1/accounts/${quarry.id}/roles/${w.roles.successManager.id}`, {
        userId: w.users.standard.id,
      }),
    );
    const [playTask] = await t.deps.db.select().from(tasks).where(eq(tasks.playId, play.id));
    assert.ok(playTask, 'the play created its task');
    await ok(a.post(`/api/v1/tasks/${playTask.id}/reassign-dynamically`));

    // Templates: applied by hand; its outcome creates a follow-up, sets an attribute and fails to e-mail (no contact).
    const again = (await ok(
      a.post('/api/v1/templates', {
        name: 'Call again',
        title: 'Call {{account.name}} again',
        description: '<p>Try again</p>',
        dueOffsetDays: 7,
        flowId: w.flow.id,
        assigneeRule: { type: 'user', userId: w.users.standard.id },
      }),
    ))!;
    const first = (await ok(
      a.post('/api/v1/templates', {
        name: 'First call',
        title: 'First call with {{account.name}}',
        description: '<p>Introduce yourself</p>',
        dueOffsetDays: 2,
        flowId: w.flow.id,
        assigneeRule: { type: 'user', userId: w.users.standard.id },
        outcomes: [
          {
            name: 'Left a message',
            actions: [
              { type: 'create_task_from_template', templateId: again.id },
              { type: 'set_attribute', key: 'licenses', value: 55 },
              { type: 'send_email', subject: 'Hello', body: 'Hello there' },
            ],
          },
        ],
      }),
    ))!;
    const applied = (await ok(
      a.post(`/api/v1/templates/${first.id}/apply`, { accountIds: [w.acmeA.id] }),
    ))!;
    await ok(
      a.post(`/api/v1/tasks/${applied.tasks[0].id}/complete`, { outcome: 'Left a message' }),
    );
    await drain();

    const defs = (await ok(a.get('/api/v1/attribute-definitions?limit=200')))!.data as Array<{
      entity: 'account' | 'contact';
      key: string;
      label: string;
    }>;
    const ctx: DescribeContext = {
      attributeLabel: (entity, key) =>
        defs.find((d) => d.entity === entity && d.key === key)?.label,
    };
    const events: TimelineEvent[] = [];
    for (const id of [w.acmeA.id, quarry.id])
      events.push(
        ...((await ok(a.get(`/api/v1/accounts/${id}/timeline?limit=200`)))!
          .data as TimelineEvent[]),
      );

    assert.deepEqual(
      [...new Set(events.map((e) => e.type))].sort(),
      [...TIMELINE_KINDS].sort(),
      'every kind was written',
    );
    const lines = events.map((e) => describeEvent(e, ctx));
    for (const [i, line] of lines.entries()) {
      const e = events[i]!;
      assert.ok(line.trim().length > 8, `${e.type}: "${line}"`);
      assert.doesNotMatch(
        line,
        /undefined|null|NaN|\[object|\(empty\) → \(empty\)|""| {2}|\s[:→]\s*$|from\s+to|to\s*$/,
        `${e.type}: "${line}"`,
      );
      // The renderer's words for a missing value must never be needed by a fresh write.
      assert.doesNotMatch(
        line,
        /\(untitled\)|\(unnamed\)|\(none\)|someone|a task\b|a play\b|nobody → nobody|A contact's/,
        `${e.type} lacks a name: "${line}"`,
      );
      assert.doesNotMatch(line, /\b[a-z]+_[a-z_]+\b/, `${e.type} shows a raw key: "${line}"`);
      if (e.type === 'attribute_changed')
        assert.ok(!line.includes(e.payload.key), `attribute label, not key: "${line}"`);
    }
    const has = (re: RegExp) =>
      assert.ok(
        lines.some((l) => re.test(l)),
        `no line matches ${re}:\n${lines.join('\n')}`,
      );
    has(/^Play "Red health rescue" created "Call Quarry Health" for Admin$/);
    has(/^Notes changed: VIP → Escalated by play "Red health rescue"$/);
    has(/^Licenses changed: 40 → 55 after outcome "Left a message"$/);
    has(
      /^Task "Call Quarry Health" reassigned from Admin to Sam Standard \(assignee rule run again\)$/,
    );
    has(/^Follow-up task "Call Acme again" created for Sam Standard$/);
    has(/^Task "First call with Acme" created from a template for Sam Standard$/);
    has(/^Webhook "CRM sync" delivered \(HTTP 200\)$/);
    has(/^Webhook "Billing sync" failed: /);
    has(/^Play "Tag red accounts" fired$/);
    has(/^Entered the journey "Welcome red accounts"$/);
    has(/^Journey "Welcome red accounts": Add the tag "welcomed"$/);
    has(/^Left the journey "Welcome red accounts": reached the end$/);
    has(/^Sales Manager: nobody → /);
    has(/^After outcome "Left a message" on "First call with Acme", sending an e-mail failed: /);
  });
});
