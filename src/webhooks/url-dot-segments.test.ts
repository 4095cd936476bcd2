import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runPendingJobs, testContext, type TestContext } from '../test/harness.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';
import { closeWebhookAgents } from './http-send.ts';
import { startReceiver } from './test-receiver.ts';

describe('webhook URLs: a merge value of "." or ".." stays one path segment', () => {
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  const ids: Record<string, string> = {};
  const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(w.tokens.admin), ...(payload ? { payload } : {}) });

  before(async () => {
    t = await testContext();
    w = await seedWorkspace(t.deps);
    rx = await startReceiver();
    assert.equal(
      (await api('PUT', '/api/v1/webhooks/allowlist', { entries: ['127.0.0.1/32'] })).statusCode,
      200,
    );
    for (const externalId of ['..', '.']) {
      const res = await api('POST', '/api/v1/accounts', {
        externalId,
        name: `Dots ${externalId}`,
        accountType: 'customer',
      });
      assert.equal(res.statusCode, 201, res.body);
      ids[externalId] = res.json().id;
    }
  });
  after(async () => {
    await rx.close();
    closeWebhookAgents();
    await t.close();
  });

  it('an enter play webhook to …/accounts/{{account.external_id}}/notes reaches that path for external ids ".." and ".", and the delivery log shows the URL requested', async () => {
    const urlTemplate = `${rx.url}/api/v1/accounts/{{account.external_id}}/notes?id={{account.external_id}}`;
    const play = await api('POST', '/api/v1/plays', {
      name: 'CRM notes',
      description: 'Tell the CRM',
      subject: 'accounts',
      trigger: { type: 'enter' },
      criteria: { kind: 'compare', field: 'name', op: 'contains', value: 'Dots' },
      actions: [{ id: 'crm', type: 'webhook', webhook: { name: 'CRM', urlTemplate } }],
    });
    assert.equal(play.statusCode, 201, play.body);
    rx.reset();
    assert.equal(
      (await api('POST', `/api/v1/plays/${play.json().id}/enable`, { fireNow: true })).statusCode,
      200,
    );
    await runPendingJobs(t);

    const expected = [
      '/api/v1/accounts/%2E%2E/notes?id=%2E%2E',
      '/api/v1/accounts/%2E/notes?id=%2E',
    ];
    assert.deepEqual(
      rx.received.map((r) => r.url).sort(),
      [...expected].sort(),
      'the receiver saw the dots as one encoded segment, not /api/v1/notes',
    );

    const log = await api('GET', '/api/v1/webhooks/deliveries');
    assert.equal(log.statusCode, 200, log.body);
    const logged = log.json().data as Array<{ request: { url: string }; status: string }>;
    assert.deepEqual(
      logged.map((d) => d.request.url).sort(),
      expected.map((p) => `${rx.url}${p}`).sort(),
      'the log shows exactly what was requested',
    );
    assert.ok(
      logged.every((d) => d.status === 'succeeded'),
      JSON.stringify(logged),
    );
  });

  it('test connection sends and reports the same encoded path', async () => {
    rx.reset();
    const res = await api('POST', '/api/v1/webhooks/test', {
      webhook: { name: 'probe', urlTemplate: `${rx.url}/a/{{account.external_id}}/b`, headers: [] },
      accountId: ids['..'],
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 200, res.body);
    assert.equal(rx.received[0]?.url, '/a/%2E%2E/b');
    assert.equal(res.json().request.url, `${rx.url}/a/%2E%2E/b`);
  });
});
