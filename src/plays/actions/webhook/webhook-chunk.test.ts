// A webhook action writes a chunk's deliveries in bulk (statements per chunk, not per target) and
// every target still gets exactly one signed delivery.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { webhookDeliveries } from '../../../db/schema/index.ts';
import { bearer } from '../../../test/fixtures.ts';
import { closeWebhookAgents } from '../../../webhooks/http-send.ts';
import { startReceiver } from '../../../webhooks/test-receiver.ts';
import { playWorld, type PlayWorld } from '../../test-setup.ts';
import { countFireStatements } from '../count-fire-statements.ts';
import { webhook } from './index.ts';

describe('webhook action, set-based', () => {
  let p: PlayWorld;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  let counter: ReturnType<typeof countFireStatements<Parameters<typeof webhook.fire>[1]>>;
  before(async () => {
    p = await playWorld();
    rx = await startReceiver();
    const res = await p.t.app.inject({
      method: 'PUT',
      url: '/api/v1/webhooks/allowlist',
      headers: bearer(p.w.tokens.admin),
      payload: { entries: ['127.0.0.1/32'] },
    });
    assert.equal(res.statusCode, 200, res.body);
    // What each firing of the webhook action costs, from its first statement to its last.
    counter = countFireStatements(p.t.deps.db, webhook);
  });
  after(async () => {
    counter.restore();
    await rx.close();
    closeWebhookAgents();
    await p.close();
  });

  it('a chunk of N targets costs the same few statements whatever N, and each target is delivered once', async () => {
    const play = await p.play(
      {
        name: 'Hook',
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'hook' },
        actions: [
          {
            id: 'hook',
            type: 'webhook',
            webhook: {
              name: 'CRM',
              urlTemplate: `${rx.url}/a/{{account.external_id}}`,
              bodyTemplate: '{"name": {{account.name}}}',
            },
          },
        ],
      },
      { fireNow: false },
    );
    await p.newAccounts(3, { health: 'hook' });
    await p.drain();
    const many = await p.newAccounts(60, { health: 'hook' });
    await p.drain();
    assert.equal(counter.counts.length, 2, 'one firing per drained batch');
    assert.ok(counter.counts[1]! <= 10, `60 targets took ${counter.counts[1]} statements`);
    assert.equal(
      counter.counts[1],
      counter.counts[0],
      `3 targets: ${counter.counts[0]} statements, 60 targets: ${counter.counts[1]}`,
    );

    const rows = await p.t.deps.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.playId, play.id));
    assert.equal(rows.length, 63);
    assert.equal(new Set(rows.map((r) => r.accountId)).size, 63, 'one delivery per target');
    const one = rows.find((r) => r.accountId === many[7]!.id)!;
    assert.equal(one.method, 'POST');
    assert.equal(one.url, `${rx.url}/a/${many[7]!.externalId}`);
    assert.deepEqual(JSON.parse(one.body!), { name: many[7]!.name });

    // The play world's queue is the one the engine enqueued on (deps.queue); drain it twice: nothing is sent again.
    await p.jobs.drain();
    await p.jobs.drain();
    await p.drain();
    assert.equal(rx.received.length, 63, 'delivered once each');
    const ids = rx.received.map((r) => r.headers['webhook-id']);
    assert.equal(new Set(ids).size, 63);
    assert.deepEqual(new Set(ids), new Set(rows.map((r) => r.id)));
    assert.ok(rx.received.every((r) => /^v1,/.test(String(r.headers['webhook-signature']))));
    const delivered = await p.t.deps.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.playId, play.id));
    assert.ok(delivered.every((r) => r.status === 'succeeded' && r.attempts === 1));
  });
});
