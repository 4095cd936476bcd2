// The feed over live updates (GET /api/v1/live, real HTTP, both databases): when an item reaches me,
// my open tabs get a `feed` event (the bell refetches its count); nobody else's tabs do, in this
// workspace or another.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { usingPostgres, type TestContext } from '../test/harness.ts';
import { uuidArray } from '../db/arrays.ts';
import { feedPayloadJson, feedRecipients, insertFeedItemsSql } from './write-feed.ts';
import { bearer } from '../test/fixtures.ts';
import { liveServer, type LiveServer, type Seeded, type SseReader } from '../live/test-sse.ts';

describe('the feed on live updates', () => {
  let live: LiveServer;
  let t: TestContext;
  let w: Seeded;
  let w2: Seeded;
  let base: string;

  before(async () => {
    live = await liveServer();
    ({ t, w, w2, base } = live);
  });
  after(() => live?.close());

  const tab = async (token: string) => {
    const s = await live.stream(bearer(token));
    assert.equal(s.status, 200);
    return s;
  };
  /** `by` assigns `to` a new to-do on `account`, over HTTP like an integration. */
  const assign = async (ws: Seeded, by: string, to: string, account: string, title: string) => {
    const res = await fetch(`${base}/api/v1/tasks`, {
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
  const feedEvents = (s: SseReader) => s.events.filter((e) => e.event === 'feed').length;
  const isFeed = (e: { event: string }) => e.event === 'feed';

  it("tells only the recipient's tabs", async () => {
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

  it(
    'an item whose transaction commits after a newer one still reaches its tab',
    {
      skip: usingPostgres() ? false : 'needs two connections (PostgreSQL)',
    },
    async () => {
      const sam = await tab(w.tokens.standard);
      const avery = await tab(w.tokens.advanced);
      const item = (userId: string, title: string) =>
        insertFeedItemsSql('task_assigned', {
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
        await tx.execute(item(w.users.standard.id, 'Slow'));
        inserted();
        await held;
      });
      await taken;
      await t.deps.db.execute(item(w.users.advanced.id, 'Fast'));
      await avery.waitFor(isFeed);
      const before = feedEvents(sam);
      release();
      await slow;
      await sam.waitFor(() => feedEvents(sam) > before);
    },
  );
});
