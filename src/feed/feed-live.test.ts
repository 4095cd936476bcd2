// The feed over live updates (GET /api/v1/live, real HTTP, both databases): when an item reaches me,
// my open tabs get a `feed` event (the bell refetches its count); nobody else's tabs do, in this
// workspace or another.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { usingPostgres } from '../test/harness.ts';
import { uuidArray } from '../db/arrays.ts';
import type { DbOrTx } from '../db/client.ts';
import { feedPayloadJson, feedRecipients, writeFeedItems } from './write-feed.ts';
import { bearer } from '../test/fixtures.ts';
import { attributeDefinitions } from '../db/schema/index.ts';
import { drainChanges } from '../plays/engine/process-changes.ts';
import { liveServer, type LiveServer, type Seeded, type SseReader } from '../live/test-sse.ts';

describe('the feed on live updates', () => {
  let live: LiveServer;
  before(async () => {
    live = await liveServer();
  });
  after(() => live?.close());

  const tab = async (token: string) => {
    const s = await live.stream(bearer(token));
    assert.equal(s.status, 200);
    return s;
  };
  /** `by` assigns `to` a new to-do on `account`, over HTTP like an integration. */
  const assign = async (ws: Seeded, by: string, to: string, account: string, title: string) => {
    const res = await fetch(`${live.base}/api/v1/tasks`, {
      method: 'POST',
      headers: { ...bearer(by), 'content-type': 'application/json' },
      body: JSON.stringify({
        accountId: account,
        title,
        description: '<p>Please</p>',
        flowId: ws.flow.id,
        assignee: { userId: to },
        dueDate: '2026-03-10',
        priority: 'normal',
      }),
    });
    assert.equal(res.status, 201, await res.text());
  };
  const unread = async (token: string) =>
    (await live.call(token, 'GET', '/api/v1/feed/unread-count')).unread;
  const feedEvents = (s: SseReader) => s.events.filter((e) => e.event === 'feed').length;
  const isFeed = (e: { event: string }) => e.event === 'feed';

  it("tells only the recipient's tabs", async () => {
    const { w, w2 } = live;
    const sam = await tab(w.tokens.standard);
    const samAgain = await tab(w.tokens.standard);
    const avery = await tab(w.tokens.advanced);
    const bea = await tab(w.tokens.standardB);
    const other = await tab(w2.tokens.admin);

    await assign(w, w.tokens.advanced, w.users.standard.id, w.acmeA.id, 'For Sam');
    await sam.waitFor(isFeed);
    await samAgain.waitFor(isFeed);

    // Barriers: each other tab gets exactly one feed event, for its own item, after Sam's.
    await assign(w, w.tokens.standard, w.users.advanced.id, w.acmeA.id, 'For Avery');
    await avery.waitFor(isFeed);
    await assign(w, w.tokens.admin, w.users.standardB.id, w.betaB.id, 'For Bea');
    await bea.waitFor(isFeed);
    await assign(w2, w2.tokens.advanced, w2.users.admin.id, w2.acmeA.id, 'For the other admin');
    await other.waitFor(isFeed);
    assert.deepEqual([avery, bea, other].map(feedEvents), [1, 1, 1]);
    assert.equal(feedEvents(sam), 1, 'nothing new reached Sam');
  });

  it("a play's notify and the task it assigns reach the team's tabs, whose count then matches", async () => {
    const { t, w } = live;
    await t.deps.db.insert(attributeDefinitions).values({
      workspaceId: w.workspace.id,
      entity: 'account',
      key: 'health',
      label: 'Health',
      type: 'text',
    });
    for (const token of [w.tokens.standard, w.tokens.advanced, w.tokens.standardB])
      await live.call(token, 'POST', '/api/v1/feed/read', { all: true });
    // Team A is Sam (standard) and Avery (advanced); Bea is in team B.
    const sam = await tab(w.tokens.standard);
    const avery = await tab(w.tokens.advanced);
    const bea = await tab(w.tokens.standardB);
    const play = await live.call(w.tokens.advanced, 'POST', '/api/v1/plays', {
      name: 'Gold accounts',
      description: 'Celebrate',
      subject: 'accounts',
      trigger: { type: 'enter' },
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'gold' },
      actions: [
        { id: 'cheer', type: 'notify', message: 'Acme went gold', style: 'info' },
        {
          id: 'thank',
          type: 'create_task',
          title: 'Thank {{account.name}}',
          description: '<p>Send a note</p>',
          dueInDays: 2,
          flowId: w.flow.id,
          assignee: { type: 'user', userId: w.users.standard.id },
        },
      ],
    });
    await live.call(w.tokens.advanced, 'POST', `/api/v1/plays/${play.id}/enable`, {
      fireNow: false,
    });
    const acme = await live.call(w.tokens.admin, 'GET', `/api/v1/accounts/${w.acmeA.id}`);
    await live.call(w.tokens.admin, 'PATCH', `/api/v1/accounts/${w.acmeA.id}`, {
      version: acme.version,
      attributes: { health: 'gold' },
    });
    await drainChanges(t.deps);
    await sam.waitFor(isFeed);
    await avery.waitFor(isFeed);
    assert.deepEqual(
      [await unread(w.tokens.standard), await unread(w.tokens.advanced)],
      [2, 1],
      'Sam: the notice and the task; Avery: the notice',
    );
    // Barrier: Bea's first feed event is for her own item, afterwards.
    await assign(w, w.tokens.admin, w.users.standardB.id, w.betaB.id, 'For Bea, later');
    await bea.waitFor(isFeed);
    assert.equal(feedEvents(bea), 1);
    assert.equal(await unread(w.tokens.standardB), 1);
  });

  it('a tab reconnecting with Last-Event-ID is told of items that reached it meanwhile', async () => {
    const { w } = live;
    const away = await tab(w.tokens.standard);
    const stays = await tab(w.tokens.standard);
    const lastId = away.events.find((e) => e.event === 'ready')!.id!;
    away.close();
    await assign(w, w.tokens.advanced, w.users.standard.id, w.acmeA.id, 'While away');
    // The hub has sent it live (to the tab that stayed): the reconnect hears of it from its replay.
    await stays.waitFor(isFeed);
    const back = await live.stream({ ...bearer(w.tokens.standard), 'last-event-id': lastId });
    assert.equal(back.status, 200);
    assert.equal(feedEvents(back), 1, JSON.stringify(back.events));
    const fresh = await tab(w.tokens.standard);
    assert.equal(feedEvents(fresh), 0, 'a new tab without Last-Event-ID replays nothing');
  });

  it(
    'an item whose transaction commits after a newer one still reaches its tab',
    {
      skip: usingPostgres() ? false : 'needs two connections (PostgreSQL)',
    },
    async () => {
      const { t, w } = live;
      const sam = await tab(w.tokens.standard);
      const avery = await tab(w.tokens.advanced);
      const item = (tx: DbOrTx, userId: string, title: string) =>
        writeFeedItems(tx, 'task_assigned', {
          workspaceId: w.workspace.id,
          userId: sql`u.id`,
          accountId: sql`${w.acmeA.id}::uuid`,
          taskId: null,
          payload: feedPayloadJson('task_assigned', {
            title,
            accountName: 'Acme',
            dueDate: '2026-03-10',
            by: null,
            play: { id: w.workspace.id, name: 'Slow play' },
            reassigned: false,
          }),
          at: t.clock.now(),
          rows: feedRecipients(w.workspace.id, uuidArray([userId]), null),
        });
      // A slow writer takes the lower id and holds its transaction open while a newer item commits.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let inserted!: () => void;
      const taken = new Promise<void>((r) => (inserted = r));
      const slow = t.deps.db.transaction(async (tx) => {
        await item(tx, w.users.standard.id, 'Slow');
        inserted();
        await held;
      });
      await taken;
      await item(t.deps.db, w.users.advanced.id, 'Fast');
      await avery.waitFor(isFeed);
      const before = feedEvents(sam);
      release();
      await slow;
      await sam.waitFor(() => feedEvents(sam) > before);
    },
  );
});
