import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { runPendingJobs, testContext, type TestContext } from '../test/harness.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';
import {
  timelineEvents,
  webhookDeliveries,
  webhookDisabled as disabledTable,
} from '../db/schema/index.ts';
import { loadMergeContext } from '../templates/merge-context.ts';
import { prepareWebhookForStorage, publicWebhook } from './definition.ts';
import {
  enqueueWebhookDeliveries,
  enqueueWebhookDelivery,
  webhookDisabled,
} from './enqueue-delivery.ts';
import { closeWebhookAgents } from './http-send.ts';
import { deliverWebhooks } from './deliver-webhook.ts';
import { renderWebhookRequest } from './render-request.ts';
import { startReceiver } from './test-receiver.ts';

describe('webhook delivery', () => {
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  const playId = randomUUID();

  before(async () => {
    t = await testContext();
    w = await seedWorkspace(t.deps);
    rx = await startReceiver();
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/webhooks/allowlist',
      headers: bearer(w.tokens.admin),
      payload: { entries: ['127.0.0.1/32'] },
    });
    assert.equal(res.statusCode, 200);
  });
  after(async () => {
    await rx.close();
    closeWebhookAgents();
    await t.close();
  });
  beforeEach(() => rx.reset());

  const admin = () => bearer(w.tokens.admin);
  async function enqueue(opts: { actionId?: string; path?: string } = {}) {
    const stored = prepareWebhookForStorage(
      {
        name: 'CRM sync',
        urlTemplate: `${rx.url}${opts.path ?? '/hooks'}/{{account.external_id}}?n={{account.name}}`,
        auth: { type: 'basic', username: 'svc', password: 'hunter2-secret' },
        headers: [{ name: 'x-account', valueTemplate: '{{account.name}}' }],
        bodyTemplate: '{"account": {{account.name}}, "note": "hello {{account.name}}"}',
      },
      t.deps.secrets,
    );
    const context = await loadMergeContext(t.deps.db, w.workspace.id, { accountId: w.acmeA.id });
    return t.deps.db.transaction(async (tx) =>
      enqueueWebhookDelivery(tx, t.deps, {
        workspaceId: w.workspace.id,
        accountId: w.acmeA.id,
        playId,
        actionId: opts.actionId ?? 'a1',
        request: renderWebhookRequest(stored, context),
      }),
    );
  }
  const row = async (id: string) =>
    (await t.deps.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0]!;
  const timeline = (id: string) =>
    t.deps.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.accountId, w.acmeA.id)))
      .then((rows) => rows.filter((r) => r.payload.deliveryId === id));

  it('delivers a signed request that verifies with the documented algorithm', async () => {
    const id = (await enqueue())!;
    assert.equal(await runPendingJobs(t), 1);
    assert.equal(rx.received.length, 1);
    const got = rx.received[0]!;
    assert.equal(got.method, 'POST');
    assert.equal(got.url, '/hooks/acme?n=Acme');
    assert.deepEqual(JSON.parse(got.body), { account: 'Acme', note: 'hello Acme' });
    assert.equal(got.headers['x-account'], 'Acme');
    assert.equal(
      got.headers.authorization,
      `Basic ${Buffer.from('svc:hunter2-secret').toString('base64')}`,
    );
    assert.equal(got.headers['webhook-id'], id);
    const secret = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/webhooks/signing-secret',
        headers: admin(),
      })
    ).json().secret as string;
    assert.match(secret, /^whsec_/);
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key)
      .update(`${id}.${got.headers['webhook-timestamp']}.${got.body}`)
      .digest('base64');
    assert.equal(got.headers['webhook-signature'], `v1,${expected}`);
    assert.equal(
      got.headers['webhook-timestamp'],
      String(Math.floor(t.clock.now().getTime() / 1000)),
    );
    const r = await row(id);
    assert.equal(r.status, 'succeeded');
    assert.equal(r.attempts, 1);
    assert.equal((await timeline(id))[0]?.type, 'webhook_succeeded');
    // Only advanced+ may read deliveries; the standard user gets 403.
    assert.equal(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/webhooks/deliveries/${id}`,
          headers: bearer(w.tokens.standard),
        })
      ).statusCode,
      403,
    );
    // Signing secret is admin-only.
    assert.equal(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/webhooks/signing-secret',
          headers: bearer(w.tokens.advanced),
        })
      ).statusCode,
      403,
    );
  });

  it('a delivery whose worker died mid-attempt is taken over by the job retry, under the same id', async () => {
    const id = (await enqueue({ path: '/crash' }))!;
    // What a worker leaves behind when killed after its claim and before the result: attempts 0 -> 1, in flight.
    await t.deps.db
      .update(webhookDeliveries)
      .set({ attempts: 1, claimedAt: t.clock.now(), lastAttemptAt: t.clock.now() })
      .where(eq(webhookDeliveries.id, id));
    await deliverWebhooks(t.deps, [{ deliveryId: id, attempt: 0 }]);
    assert.equal(rx.received.length, 0, 'a claim that may still be sending is left alone');
    t.clock.advanceMs(100_000);
    await deliverWebhooks(t.deps, [{ deliveryId: id, attempt: 0 }]);
    assert.equal(rx.received.length, 1);
    assert.equal(rx.received[0]!.headers['webhook-id'], id);
    const r = await row(id);
    assert.equal(r.status, 'succeeded');
    assert.equal(r.attempts, 1, 'the abandoned attempt is re-run, not counted twice');
    assert.equal(r.claimedAt, null);
    await deliverWebhooks(t.deps, [{ deliveryId: id, attempt: 0 }]);
    assert.equal(rx.received.length, 1, 'a finished delivery is never sent again by a late retry');
  });

  it('keeps credentials encrypted at rest and out of every response', async () => {
    const stored = prepareWebhookForStorage(
      {
        name: 'x',
        urlTemplate: `${rx.url}/x`,
        auth: { type: 'token', value: 'tok-very-secret' },
        headers: [],
      },
      t.deps.secrets,
    );
    assert.ok(!JSON.stringify(stored).includes('tok-very-secret'));
    const pub = publicWebhook(stored);
    assert.equal(pub.hasCredentials, true);
    assert.ok(
      !JSON.stringify(pub).includes('tok-very-secret') && !JSON.stringify(pub).includes('Enc'),
    );
    const id = (await enqueue())!;
    const raw = await t.deps.db.execute(
      `select row_to_json(d)::text as j from webhook_deliveries d where id = '${id}'`,
    );
    const text = JSON.stringify(raw);
    assert.ok(
      !text.includes('hunter2-secret') &&
        !text.includes(Buffer.from('svc:hunter2-secret').toString('base64')),
    );
    const view = await t.app.inject({
      method: 'GET',
      url: `/api/v1/webhooks/deliveries/${id}`,
      headers: admin(),
    });
    assert.equal(view.statusCode, 200);
    assert.equal(view.json().hasCredentials, true);
    assert.ok(!view.body.includes('hunter2') && !/authorization/i.test(view.body));
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/webhooks/deliveries?playId=${playId}`,
      headers: admin(),
    });
    assert.ok(list.json().data.length >= 1 && !list.body.includes('hunter2'));
    await runPendingJobs(t);
  });

  it('retries on the schedule, honours a longer Retry-After, and keeps the delivery id', async () => {
    rx.reply({ status: 500 }, { status: 503, headers: { 'retry-after': '120' } }, { status: 200 });
    const id = (await enqueue())!;
    await runPendingJobs(t);
    let r = await row(id);
    assert.equal(r.status, 'failed');
    assert.equal(r.lastStatusCode, 500);
    assert.equal(r.nextAttemptAt?.getTime(), t.clock.now().getTime() + 15_000);
    assert.equal(await runPendingJobs(t), 0, 'not due yet');
    t.clock.advanceMs(15_000);
    assert.equal(await runPendingJobs(t), 1);
    r = await row(id);
    assert.equal(r.lastStatusCode, 503);
    // The schedule says 60 s; the receiver asked for 120 s.
    assert.equal(r.nextAttemptAt?.getTime(), t.clock.now().getTime() + 120_000);
    t.clock.advanceMs(60_000);
    assert.equal(await runPendingJobs(t), 0);
    t.clock.advanceMs(60_000);
    assert.equal(await runPendingJobs(t), 1);
    r = await row(id);
    assert.equal(r.status, 'succeeded');
    assert.equal(r.attempts, 3);
    assert.deepEqual(
      rx.received.map((x) => x.headers['webhook-id']),
      [id, id, id],
    );
    assert.equal(
      new Set(rx.received.map((x) => x.headers['webhook-signature'])).size,
      3,
      'each attempt is signed with its own timestamp',
    );
  });

  it('does not follow redirects: a 302 to an internal address is a failure', async () => {
    rx.reply({ status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } });
    const id = (await enqueue())!;
    await runPendingJobs(t);
    const r = await row(id);
    assert.equal(r.status, 'failed');
    assert.equal(r.lastStatusCode, 302);
    assert.match(r.lastError ?? '', /redirects are not followed/);
    assert.equal(rx.received.length, 1);
    // Park it so its scheduled retry does not answer later tests' receiver replies.
    await t.deps.db
      .update(webhookDeliveries)
      .set({ status: 'dead' })
      .where(eq(webhookDeliveries.id, id));
  });

  it('dead-letters after the last attempt, writes webhook_failed, and replays under the same id', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/webhooks/settings',
      headers: admin(),
      payload: { retrySchedule: [0, 10], timeoutMs: 5000 },
    });
    assert.equal(put.statusCode, 200);
    rx.reply({ status: 500 }, { status: 500 });
    const id = (await enqueue())!;
    await runPendingJobs(t);
    t.clock.advanceMs(10_000);
    await runPendingJobs(t);
    let r = await row(id);
    assert.equal(r.status, 'dead');
    assert.equal(r.attempts, 2);
    assert.equal((await timeline(id)).map((e) => e.type).join(), 'webhook_failed');
    const dead = await t.app.inject({
      method: 'GET',
      url: '/api/v1/webhooks/deliveries?status=dead',
      headers: admin(),
    });
    assert.ok(dead.json().data.some((d: { id: string }) => d.id === id));
    const replay = await t.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/deliveries/${id}/replay`,
      headers: admin(),
    });
    assert.equal(replay.statusCode, 200);
    assert.equal(replay.json().status, 'pending');
    assert.equal(await runPendingJobs(t), 1);
    r = await row(id);
    assert.equal(r.status, 'succeeded');
    assert.equal(r.attempts, 3);
    assert.deepEqual(
      rx.received.map((x) => x.headers['webhook-id']),
      [id, id, id],
    );
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/deliveries/${id}/replay`,
      headers: admin(),
    });
    assert.equal(again.statusCode, 409, 'a succeeded delivery is not replayed');
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/webhooks/settings',
      headers: admin(),
      payload: { retrySchedule: [0, 15, 60, 300, 1800, 7200, 21600], timeoutMs: 10000 },
    });
  });

  it('a 410 Gone disables the webhook action and dead-letters at once', async () => {
    rx.reply({ status: 410 });
    const id = (await enqueue({ actionId: 'gone' }))!;
    await runPendingJobs(t);
    const r = await row(id);
    assert.equal(r.status, 'dead');
    assert.equal(r.attempts, 1);
    assert.equal(await webhookDisabled(t.deps.db, playId, 'gone'), true);
    assert.equal(
      await enqueue({ actionId: 'gone' }),
      null,
      'nothing more is enqueued for a disabled webhook',
    );
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/webhooks/disabled',
      headers: admin(),
    });
    assert.ok(list.json().data.some((d: { actionId: string }) => d.actionId === 'gone'));
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/webhooks/disabled/${playId}/gone`,
      headers: admin(),
    });
    assert.equal(del.statusCode, 204);
    assert.equal(await webhookDisabled(t.deps.db, playId, 'gone'), false);
  });

  it('enqueues many deliveries at once, skipping a disabled action', async () => {
    await t.deps.db
      .insert(disabledTable)
      .values({ workspaceId: w.workspace.id, playId, actionId: 'off', reason: 'HTTP 410 Gone' });
    const stored = prepareWebhookForStorage(
      { name: 'bulk', urlTemplate: `${rx.url}/bulk/{{account.external_id}}`, headers: [] },
      t.deps.secrets,
    );
    const request = renderWebhookRequest(
      stored,
      await loadMergeContext(t.deps.db, w.workspace.id, { accountId: w.acmeA.id }),
    );
    const ids = await t.deps.db.transaction((tx) =>
      enqueueWebhookDeliveries(tx, t.deps, [
        { workspaceId: w.workspace.id, accountId: w.acmeA.id, playId, actionId: 'on', request },
        { workspaceId: w.workspace.id, accountId: w.acmeA.id, playId, actionId: 'off', request },
        { workspaceId: w.workspace.id, accountId: w.acmeA.id, playId, actionId: 'on', request },
      ]),
    );
    assert.equal(ids[1], null);
    assert.ok(ids[0] && ids[2] && ids[0] !== ids[2]);
    assert.equal(await runPendingJobs(t), 2);
    assert.deepEqual(
      rx.received.map((x) => x.headers['webhook-id']).sort(),
      [ids[0], ids[2]].sort(),
    );
  });

  it('a delivery enqueued in a rolled-back transaction neither exists nor runs', async () => {
    const stored = prepareWebhookForStorage(
      { name: 'x', urlTemplate: `${rx.url}/rollback`, headers: [] },
      t.deps.secrets,
    );
    await assert.rejects(
      t.deps.db.transaction(async (tx) => {
        await enqueueWebhookDelivery(tx, t.deps, {
          workspaceId: w.workspace.id,
          accountId: w.acmeA.id,
          request: renderWebhookRequest(stored, {}),
        });
        throw new Error('rollback');
      }),
    );
    assert.equal(await runPendingJobs(t), 0);
    assert.equal(rx.received.length, 0);
  });
});
