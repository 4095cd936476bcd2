import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { runPendingJobs, type TestContext } from '../test/harness.ts';
import { bearer, oneWorkspace, type Seeded } from '../test/fixtures.ts';
import { plays, webhookDeliveries } from '../db/schema/index.ts';
import { checkUrl, EgressRefused, egressPolicy } from './egress-guard.ts';
import { prepareWebhookForStorage } from './definition.ts';
import { enqueueWebhookDelivery } from './enqueue-delivery.ts';
import { closeWebhookAgents } from './http-send.ts';
import { startReceiver } from './test-receiver.ts';

describe('webhook egress guard (SSRF)', () => {
  let t: TestContext, w: Seeded;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  before(async () => {
    ({ t, w } = await oneWorkspace());
    rx = await startReceiver();
  });
  after(async () => {
    await rx.close();
    closeWebhookAgents();
    await t.close();
  });

  const test = (url: string, token = w.tokens.advanced) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/test',
      headers: bearer(token),
      payload: { webhook: { name: 'probe', urlTemplate: url, headers: [] } },
    });

  const internal = [
    `http://127.0.0.1:${0}/`,
    'http://localhost:1/',
    'http://10.0.0.1/',
    'http://172.16.0.1/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://0x7f.0.0.1/',
    'http://0.0.0.0/',
    'http://224.0.0.1/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    'http://127.1/',
  ];

  it('refuses private, loopback, link-local, metadata, CGNAT and odd IPv4 spellings when not allow-listed', async () => {
    for (const raw of internal) {
      const url = raw.replace(':0/', `:${rx.port}/`);
      const res = await test(url);
      assert.equal(res.statusCode, 200, url);
      const body = res.json();
      assert.equal(body.ok, false, url);
      assert.ok(body.refused, `${url} should be refused, got ${JSON.stringify(body)}`);
    }
    assert.equal(rx.received.length, 0, 'nothing reached the loopback receiver');
  });

  it('refuses non-http schemes at save time and in the guard', async () => {
    for (const url of ['file:///etc/passwd', 'gopher://127.0.0.1:70/_x', 'ftp://example.com/x']) {
      const res = await test(url);
      assert.equal(res.statusCode, 400, url);
      assert.equal(res.json().error.details[0].path, 'body.webhook.urlTemplate');
      assert.throws(() => checkUrl(url, egressPolicy([])), EgressRefused);
    }
  });

  it('refuses at delivery time too: the delivery is dead with the reason', async () => {
    const stored = prepareWebhookForStorage(
      { name: 'meta', urlTemplate: 'http://169.254.169.254/latest', headers: [] },
      t.deps.secrets,
    );
    const id = await t.deps.db.transaction((tx) =>
      enqueueWebhookDelivery(tx, t.deps, {
        workspaceId: w.workspace.id,
        accountId: w.acmeA.id,
        request: {
          name: 'meta',
          method: 'POST',
          url: 'http://169.254.169.254/latest',
          headers: [],
          body: null,
          auth: stored.auth,
        },
      }),
    );
    await runPendingJobs(t);
    const [row] = await t.deps.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, id!));
    assert.equal(row?.status, 'dead');
    assert.match(row?.lastError ?? '', /^Refused: .*169\.254\.169\.254/);
  });

  it('an admin allow-list opens exactly the listed host or range', async () => {
    assert.equal(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/v1/webhooks/allowlist',
          headers: bearer(w.tokens.advanced),
          payload: { entries: ['127.0.0.1'] },
        })
      ).statusCode,
      403,
    );
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/webhooks/allowlist',
      headers: bearer(w.tokens.admin),
      payload: { entries: ['10.0.0.0/99', 'not a host!'] },
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      bad.json().error.details.map((d: { path: string }) => d.path),
      ['body.entries.0', 'body.entries.1'],
    );

    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/webhooks/allowlist',
      headers: bearer(w.tokens.admin),
      payload: { entries: ['localhost'] },
    });
    assert.deepEqual(put.json().entries, ['localhost']);
    const byName = (await test(`http://localhost:${rx.port}/hello`)).json();
    assert.equal(byName.ok, true, JSON.stringify(byName));
    assert.equal(byName.status, 200);
    assert.equal(byName.bodyExcerpt, 'ok');
    // The name is allowed, not the address behind it.
    assert.ok((await test(`http://127.0.0.1:${rx.port}/hello`)).json().refused);

    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/webhooks/allowlist',
      headers: bearer(w.tokens.admin),
      payload: { entries: ['127.0.0.0/8'] },
    });
    assert.equal((await test(`http://127.0.0.1:${rx.port}/hello`)).json().status, 200);
    assert.ok((await test('http://10.0.0.1/')).json().refused, 'other private ranges stay closed');

    // Each family is opened only by its own entries: "all of IPv6" does not open IPv4 loopback.
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/webhooks/allowlist',
      headers: bearer(w.tokens.admin),
      payload: { entries: ['::/0'] },
    });
    rx.reset();
    for (const url of [
      `http://127.0.0.1:${rx.port}/hello`,
      `http://[::ffff:127.0.0.1]:${rx.port}/hello`,
    ])
      assert.ok((await test(url)).json().refused, url);
    assert.equal(rx.received.length, 0);
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/webhooks/allowlist',
      headers: bearer(w.tokens.admin),
      payload: { entries: ['127.0.0.0/8'] },
    });
  });

  it('test connection can use a saved play action, keeping its stored credentials', async () => {
    const stored = prepareWebhookForStorage(
      {
        name: 'saved',
        urlTemplate: `${rx.url}/saved/{{account.external_id}}`,
        auth: { type: 'token', header: 'x-api-key', value: 'k-123' },
        headers: [],
      },
      t.deps.secrets,
    );
    const [play] = await t.deps.db
      .insert(plays)
      .values({
        workspaceId: w.workspace.id,
        name: 'p',
        description: 'd',
        subject: 'accounts',
        trigger: { type: 'manual' },
        options: {},
        actions: [{ id: 'wh1', type: 'webhook', webhook: stored }],
      })
      .returning();
    rx.reset();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/test',
      headers: bearer(w.tokens.advanced),
      payload: { playId: play!.id, actionId: 'wh1', accountId: w.acmeA.id },
    });
    assert.equal(res.json().status, 200, res.body);
    assert.equal(rx.received[0]?.url, '/saved/acme');
    assert.equal(rx.received[0]?.headers['x-api-key'], 'k-123');
    assert.ok(!res.body.includes('k-123'));
    // Team B's account is not visible to the advanced user of team A: 404.
    const hidden = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/test',
      headers: bearer(w.tokens.advanced),
      payload: { playId: play!.id, actionId: 'wh1', accountId: w.betaB.id },
    });
    assert.equal(hidden.statusCode, 404);
    assert.equal(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/webhooks/test',
          headers: bearer(w.tokens.standard),
          payload: { playId: play!.id, actionId: 'wh1' },
        })
      ).statusCode,
      403,
    );
  });
});
