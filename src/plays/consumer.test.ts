import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { accounts } from '../db/schema/index.ts';
import { bearer } from '../test/fixtures.ts';
import { startChangeConsumer, type ChangeConsumer } from './engine/consumer.ts';
import { playWorld, type PlayWorld } from './test-setup.ts';

/** Polls until `probe` returns a value (bounded), instead of sleeping a fixed time. */
async function waitFor<T>(probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`nothing after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the running change consumer', () => {
  let p: PlayWorld;
  let consumer: ChangeConsumer;
  before(async () => {
    p = await playWorld();
    // A fallback poll far longer than the waits below: tasks can only appear because a NOTIFY woke the consumer.
    consumer = startChangeConsumer(p.t.deps, p.t.database, {
      fallbackMs: 120_000,
      pollMs: 120_000,
    });
    await consumer.ready;
  });
  after(async () => {
    await consumer.stop();
    await p.close();
  });

  const openTaskOn = (playId: string, accountId: string) => async () =>
    (await p.openTasks(playId)).find((t) => t.accountId === accountId);

  it('PATCH /api/v1/accounts/:id makes the play fire with nobody calling the engine', async () => {
    const play = await p.play({
      name: 'Live',
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'crimson' },
    });
    const [acc] = await p.t.deps.db.select().from(accounts).where(eq(accounts.id, p.w.acmeA.id));
    const res = await p.t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${acc!.id}`,
      headers: bearer(p.w.tokens.admin),
      payload: { attributes: { health: 'crimson' }, version: acc!.version },
    });
    assert.equal(res.statusCode, 200, res.body);
    const task = await waitFor(openTaskOn(play.id, acc!.id), 30_000);
    assert.equal(task.title, `Call ${acc!.name}`);
    assert.equal(task.source, 'play');
  });

  it('POST /api/v1/events/attributes (the integration event) feeds the engine too, once per entry', async () => {
    const play = await p.play({
      name: 'Event',
      criteria: { kind: 'compare', field: 'attributes.arr', op: 'gte', value: 900 },
    });
    const [acc] = await p.newAccounts(1, { arr: 1 });
    const push = (arr: number) =>
      p.t.app.inject({
        method: 'POST',
        url: '/api/v1/events/attributes',
        headers: bearer(p.w.tokens.admin),
        payload: { accountId: acc!.id, attributes: { arr } },
      });
    const res = await push(950);
    assert.equal(res.statusCode, 200, res.body);
    await waitFor(openTaskOn(play.id, acc!.id), 30_000);
    // Still matching: more events create nothing; the outbox drains to empty.
    assert.equal((await push(990)).statusCode, 200);
    await waitFor(async () => ((await pending()) === 0 ? true : undefined), 30_000);
    assert.equal((await p.playTasks(play.id)).length, 1);
  });

  const pending = async () => {
    const res = (await p.t.deps.db.execute(
      sql`select count(*)::int as n from change_events where processed_at is null`,
    )) as unknown as { rows: Array<{ n: number }> };
    return res.rows[0]!.n;
  };
});
