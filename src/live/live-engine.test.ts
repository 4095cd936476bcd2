// The play engine's writes reach an open tab (PGlite and PostgreSQL): an attribute change makes the
// running change consumer fire a play; the tab first gets the change, then `processed` — by which time
// the play's task is committed, so the refetch it triggers shows it. Another team's tab gets neither.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { accounts } from '../db/schema/index.ts';
import { bearer } from '../test/fixtures.ts';
import { startChangeConsumer, type ChangeConsumer } from '../plays/engine/consumer.ts';
import { playWorld, type PlayWorld } from '../plays/test-setup.ts';
import { changeOf, openSse, type SseReader } from './test-sse.ts';

describe('live updates from the play engine', () => {
  let p: PlayWorld;
  let consumer: ChangeConsumer;
  let base: string;
  const streams: SseReader[] = [];

  before(async () => {
    p = await playWorld();
    await p.t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(p.t.app.server.address() as AddressInfo).port}`;
    consumer = startChangeConsumer(p.t.deps, p.t.database);
    await consumer.ready;
  });
  after(async () => {
    for (const s of streams) s.close();
    await consumer.stop();
    await p.close();
  });

  const open = async (token: string) => {
    const s = await openSse(`${base}/api/v1/live`, bearer(token));
    streams.push(s);
    await s.waitFor((e) => e.event === 'ready');
    return s;
  };

  it("sends the change and then 'processed', once the play's task is committed", async () => {
    const play = await p.play({
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'crimson' },
    });
    const teamA = await open(p.w.tokens.standard);
    const teamB = await open(p.w.tokens.standardB);
    const [acc] = await p.t.deps.db.select().from(accounts).where(eq(accounts.id, p.w.acmeA.id));
    const res = await fetch(`${base}/api/v1/accounts/${acc!.id}`, {
      method: 'PATCH',
      headers: { ...bearer(p.w.tokens.admin), 'content-type': 'application/json' },
      body: JSON.stringify({ attributes: { health: 'crimson' }, version: acc!.version }),
    });
    assert.equal(res.status, 200, await res.text());
    await teamA.waitFor(changeOf('account', acc!.id, 'updated'));
    await teamA.waitFor(changeOf('account', acc!.id, 'processed'), 15_000);
    // What the tab refetches now already holds the play's task.
    assert.equal((await p.openTasks(play.id)).length, 1);
    const work = await fetch(`${base}/api/v1/accounts/${acc!.id}/work`, {
      headers: bearer(p.w.tokens.standard),
    });
    const titles = ((await work.json()) as { data: { title: string }[] }).data.map((t) => t.title);
    assert.ok(titles.includes(`Call ${acc!.name}`), JSON.stringify(titles));
    // Team B's tab heard nothing about it (its own account's change is the marker that it would have).
    await p.setAttrs(p.w.betaB.id, { health: 'fine' });
    await teamB.waitFor(changeOf('account', p.w.betaB.id));
    assert.ok(!teamB.events.some((e) => JSON.stringify(e.data).includes(acc!.id)));
  });
});
