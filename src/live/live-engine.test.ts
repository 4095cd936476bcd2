// The play engine's writes reach an open tab (PGlite and PostgreSQL), without polling: a play run that
// creates tasks writes one `play_run` change event, which notifies like any change. (a) An attribute
// change makes the running change consumer fire an event play; (b) "Run now" on a manual play. Each time
// the tab hears `play_run` `fired` for the account within 2 s, and what it then refetches holds the
// task. Another team's tab hears nothing about it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { accounts } from '../db/schema/index.ts';
import { bearer } from '../test/fixtures.ts';
import { startChangeConsumer, type ChangeConsumer } from '../plays/engine/consumer.ts';
import { playWorld, type PlayWorld } from '../plays/test-setup.ts';
import { changeOf, openSse, type SseReader } from './test-sse.ts';

/** How long an open tab may wait for the engine's work (the product promise for open screens). */
const OPEN_SCREEN_MS = 2000;

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
  const call = async (method: string, url: string, token: string, body?: object) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { ...bearer(token), 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    assert.ok(res.ok, `${method} ${url} → ${res.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const workTitles = async (accountId: string, token: string) =>
    ((await call('GET', `/api/v1/accounts/${accountId}/work`, token)).data as { title: string }[])
      .map((t) => t.title)
      .sort();

  it("(a) an attribute change: the tab hears the play's run once its task is committed", async () => {
    await p.play({
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'crimson' },
    });
    const teamA = await open(p.w.tokens.standard);
    const teamB = await open(p.w.tokens.standardB);
    const [acc] = await p.t.deps.db.select().from(accounts).where(eq(accounts.id, p.w.acmeA.id));
    await call('PATCH', `/api/v1/accounts/${acc!.id}`, p.w.tokens.admin, {
      attributes: { health: 'crimson' },
      version: acc!.version,
    });
    await teamA.waitFor(changeOf('account', acc!.id, 'updated'));
    await teamA.waitFor(changeOf('play_run', acc!.id, 'fired'), OPEN_SCREEN_MS);
    // What the tab refetches now already holds the play's task.
    assert.deepEqual(await workTitles(acc!.id, p.w.tokens.standard), [`Call ${acc!.name}`]);
    // Team B's tab heard nothing about it (its own account's change is the marker that it would have).
    await p.setAttrs(p.w.betaB.id, { health: 'fine' });
    await teamB.waitFor(changeOf('account', p.w.betaB.id));
    assert.ok(!teamB.events.some((e) => JSON.stringify(e.data).includes(acc!.id)));
  });

  it('(b) "Run now" on a manual play: the tab hears the run, though no record changed', async () => {
    const play = await p.play(
      {
        name: 'Quarterly check-in',
        trigger: { type: 'manual' },
        criteria: { kind: 'and', items: [] },
        actions: [
          {
            id: 'checkin',
            type: 'create_task',
            title: 'Check in with {{account.name}}',
            description: 'Quarterly',
            dueInDays: 5,
            flowId: p.w.flow.id,
            assignee: { type: 'user', userId: p.w.users.standard.id },
          },
        ],
      },
      { fireNow: false },
    );
    const teamA = await open(p.w.tokens.standard);
    const teamB = await open(p.w.tokens.standardB);
    const before = teamA.events.length;
    const run = await call('POST', `/api/v1/plays/${play.id}/run`, p.w.tokens.advanced, {
      accountIds: [p.w.acmeA.id],
    });
    assert.equal((run.counts as { created: number }).created, 1, JSON.stringify(run));
    const heard = await teamA.waitFor(
      (e) => teamA.events.indexOf(e) >= before && changeOf('play_run', p.w.acmeA.id, 'fired')(e),
      OPEN_SCREEN_MS,
    );
    // The change names the run, not the task.
    const group = (heard.data as { changes: { entity: string; ids: string[] }[] }).changes.find(
      (c) => c.entity === 'play_run',
    );
    assert.deepEqual(group!.ids, [run.runId]);
    assert.ok(
      (await workTitles(p.w.acmeA.id, p.w.tokens.standard)).includes(
        `Check in with ${p.w.acmeA.name}`,
      ),
    );
    // Team B's marker: its own account changes; the run on team A's account never reached it.
    await p.setAttrs(p.w.betaB.id, { health: 'fine again' });
    await teamB.waitFor(changeOf('account', p.w.betaB.id));
    assert.ok(!teamB.events.some((e) => JSON.stringify(e.data).includes(p.w.acmeA.id)));
  });
});
