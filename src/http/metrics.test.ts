import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testContext, type TestContext } from '../test/harness.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';
import { recordChange } from '../events/record-change.ts';

const TOKEN = 'metrics-token-0123456789';

describe('/metrics', () => {
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  before(async () => {
    t = await testContext({ env: { PLAYMAKER_METRICS_TOKEN: TOKEN } });
    w = await seedWorkspace(t.deps);
  });
  after(() => t.close());

  it('needs the metrics token when one is configured', async () => {
    assert.equal((await t.app.inject({ url: '/metrics' })).statusCode, 401);
    assert.equal(
      (
        await t.app.inject({
          url: '/metrics',
          headers: { authorization: 'Bearer wrong-token-0123456789' },
        })
      ).statusCode,
      401,
    );
    assert.equal(
      (await t.app.inject({ url: '/metrics', headers: bearer(w.tokens.admin) })).statusCode,
      401,
      'a user API token is not the metrics token',
    );
  });

  it('reports request durations by route pattern (no ids) and the play engine backlog', async () => {
    await t.app.inject({ url: `/api/v1/accounts/${w.acmeA.id}`, headers: bearer(w.tokens.admin) });
    t.clock.set('2026-03-02T09:00:00Z');
    await recordChange(t.deps.db, {
      workspaceId: w.workspace.id,
      entity: 'account',
      entityId: w.acmeA.id,
      accountId: w.acmeA.id,
      kind: 'updated',
      payload: {},
    });
    t.clock.set('2026-03-02T09:00:30Z');
    const res = await t.app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/plain/);
    assert.match(
      res.body,
      /playmaker_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/accounts\/:id",status="200"\} 1/,
    );
    assert.ok(!res.body.includes(w.acmeA.id), 'no record ids in labels');
    assert.match(res.body, /^playmaker_change_events_pending 1$/m);
    assert.match(res.body, /^playmaker_change_events_oldest_pending_seconds (\d+)/m);
    assert.match(res.body, /^playmaker_process_resident_memory_bytes \d+/m);
  });
});
