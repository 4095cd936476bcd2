// The in-app feed (SPEC §9) as people meet it through the API: what reaches whom, the sentence they
// read, the unread count, marking read — and nothing of anyone else's.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { accounts } from '../db/schema/index.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';
import { closeWebhookAgents } from '../webhooks/http-send.ts';
import { startReceiver } from '../webhooks/test-receiver.ts';
import { playWorld, type PlayWorld } from '../plays/test-setup.ts';
import { describeFeedItem } from './describe-item.ts';
import type { FeedItem } from './kinds.ts';
import { describeEvent } from '../timeline/describe-event.ts';
import type { TimelineEvent as SharedEvent } from '../timeline/events.ts';

/** A timeline entry as the API lists it. */
type TimelineEvent = SharedEvent & {
  id: string;
  account: { id: string; name: string } | null;
  createdAt: string;
};

describe('the in-app feed', () => {
  let p: PlayWorld;
  let other: Awaited<ReturnType<typeof seedWorkspace>>;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  before(async () => {
    p = await playWorld();
    other = await seedWorkspace(p.t.deps, 'w2');
    rx = await startReceiver();
  });
  after(async () => {
    await rx.close();
    closeWebhookAgents();
    await p.close();
  });

  const call = async (
    token: string,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload?: object,
  ): Promise<LightMyRequestResponse> =>
    p.t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  const unread = async (token: string) =>
    (await call(token, 'GET', '/api/v1/feed/unread-count')).json().unread as number;
  const feed = async (token: string, query = '') =>
    (await call(token, 'GET', `/api/v1/feed${query}`)).json().data as FeedItem[];
  const sentences = async (token: string, query = '') =>
    (await feed(token, query)).map(describeFeedItem);
  const readAll = (token: string) => call(token, 'POST', '/api/v1/feed/read', { all: true });
  const tokens = () => p.w.tokens;
  const users = () => p.w.users;

  async function newTask(token: string, title: string, assignee: string, outcomes?: string[]) {
    const res = await call(token, 'POST', '/api/v1/tasks', {
      accountId: p.w.acmeA.id,
      title,
      description: '<p>Prepare the slides</p>',
      flowId: p.w.flow.id,
      assignee: { userId: assignee },
      dueDate: '2026-03-10',
      priority: 'normal',
      ...(outcomes ? { outcomes } : {}),
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; version: number };
  }

  it('a task someone assigns me is one unread item that says who, what and where; assigning myself is not', async () => {
    const task = await newTask(tokens().advanced, 'Prepare the QBR', users().standard.id);
    assert.equal(await unread(tokens().standard), 1);
    const [item] = await feed(tokens().standard);
    assert.equal(item!.kind, 'task_assigned');
    assert.deepEqual(item!.task, { id: task.id, title: 'Prepare the QBR' });
    assert.deepEqual(item!.account, { id: p.w.acmeA.id, name: 'Acme' });
    assert.equal(item!.readAt, null);
    assert.equal(describeFeedItem(item!), 'Avery Advanced assigned you "Prepare the QBR" on Acme.');
    assert.equal(await unread(tokens().advanced), 0, 'the person who assigned it is not told');

    await newTask(tokens().standard, 'Note to self', users().standard.id);
    assert.equal(await unread(tokens().standard), 1, 'assigning myself adds nothing');
  });

  it('when my assignee completes the task with an outcome, my feed says so; theirs does not', async () => {
    await readAll(tokens().standard);
    const task = await newTask(tokens().advanced, 'Confirm renewal', users().standard.id, [
      'Renewed',
      'Churned',
    ]);
    const done = await call(tokens().standard, 'POST', `/api/v1/tasks/${task.id}/complete`, {
      outcome: 'Renewed',
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual(await sentences(tokens().advanced), [
      'Sam Standard completed "Confirm renewal" on Acme with the outcome "Renewed".',
    ]);
    assert.deepEqual(await sentences(tokens().standard, '?unread=true'), [
      'Avery Advanced assigned you "Confirm renewal" on Acme.',
    ]);
  });

  it('a reassignment reaches the new assignee', async () => {
    await readAll(tokens().admin);
    const task = await newTask(tokens().advanced, 'Send the contract', users().standard.id);
    const res = await call(tokens().advanced, 'PATCH', `/api/v1/tasks/${task.id}`, {
      version: task.version,
      assignee: { userId: users().admin.id },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(await sentences(tokens().admin, '?unread=true'), [
      'Avery Advanced reassigned "Send the contract" on Acme to you.',
    ]);
  });

  it("a notify-team play reaches each member of the account's teams, and no one else; they read it on My Portfolio's timeline, the account's timeline has it once", async () => {
    for (const token of Object.values(tokens())) await readAll(token);
    const created = await call(tokens().advanced, 'POST', '/api/v1/plays', {
      name: 'Gold accounts',
      description: 'Celebrate when an account goes gold',
      subject: 'accounts',
      collaboratorIds: [],
      trigger: { type: 'enter' },
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'gold' },
      options: { hierarchy: null, contactGrouping: 'per_contact' },
      actions: [
        { id: 'cheer', type: 'celebrate', message: 'Acme went gold!', style: 'confetti' },
        {
          id: 'thank',
          type: 'create_task',
          title: 'Thank {{account.name}}',
          description: '<p>Send a note</p>',
          dueInDays: 2,
          flowId: p.w.flow.id,
          assignee: { type: 'user', userId: users().standard.id },
        },
      ],
    });
    assert.equal(created.statusCode, 201, created.body);
    const play = created.json() as { id: string };
    const on = await call(tokens().advanced, 'POST', `/api/v1/plays/${play.id}/enable`, {
      fireNow: false,
    });
    assert.equal(on.statusCode, 200, on.body);
    const [acme] = await p.t.deps.db.select().from(accounts).where(eq(accounts.id, p.w.acmeA.id));
    const patch = await call(tokens().admin, 'PATCH', `/api/v1/accounts/${acme!.id}`, {
      attributes: { health: 'gold' },
      version: acme!.version,
    });
    assert.equal(patch.statusCode, 200, patch.body);
    await p.drain();
    // Team A is Avery and Sam; Bea is in team B, the admin in none. Sam also got the play's task.
    const cheer = '🎉 Acme went gold! — Acme (play "Gold accounts")';
    assert.deepEqual(await sentences(tokens().advanced, '?unread=true'), [cheer]);
    assert.deepEqual((await sentences(tokens().standard, '?unread=true')).sort(), [
      'The play "Gold accounts" assigned you "Thank Acme" on Acme.',
      cheer,
    ]);
    for (const token of [tokens().admin, tokens().standardB, ...Object.values(other.tokens)])
      assert.equal(await unread(token), 0);

    // The timelines: the account's has the notice once; each member's My Portfolio has it, merged with
    // their own events newest first and paged without gaps or repeats.
    const said = (e: TimelineEvent) => describeEvent(e, { attributeLabel: () => undefined });
    const cheered = '🎉 Acme went gold! (play "Gold accounts")';
    const timeline = async (token: string, url: string) =>
      (await call(token, 'GET', url)).json() as {
        data: TimelineEvent[];
        nextCursor: string | null;
      };
    const account = await timeline(tokens().admin, `/api/v1/accounts/${p.w.acmeA.id}/timeline`);
    assert.equal(account.data.map(said).filter((s) => s === cheered).length, 1);
    for (const token of [tokens().advanced, tokens().standard]) {
      const mine = (await timeline(token, '/api/v1/me/timeline?limit=200')).data;
      assert.equal(mine.map(said).filter((s) => s === cheered).length, 1);
      const cheer = mine.find((e) => said(e) === cheered)!;
      assert.deepEqual(cheer.account, { id: p.w.acmeA.id, name: 'Acme' });
      assert.ok(
        mine.every((e, i) => i === 0 || mine[i - 1]!.createdAt >= e.createdAt),
        'newest first',
      );
      const paged: TimelineEvent[] = [];
      let cursor: string | null = null;
      do {
        const page = await timeline(
          token,
          `/api/v1/me/timeline?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        );
        paged.push(...page.data);
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(
        paged.map((e) => e.id),
        mine.map((e) => e.id),
      );
    }
    for (const token of [tokens().admin, tokens().standardB]) {
      const mine = (await timeline(token, '/api/v1/me/timeline?limit=200')).data;
      assert.ok(!mine.map(said).includes(cheered));
    }
  });

  it('a dead-lettered webhook delivery reaches the admins only', async () => {
    for (const token of Object.values(tokens())) await readAll(token);
    const admin = tokens().admin;
    assert.equal(
      (await call(admin, 'PUT', '/api/v1/webhooks/allowlist', { entries: ['127.0.0.1/32'] }))
        .statusCode,
      200,
    );
    assert.equal(
      (
        await call(admin, 'PUT', '/api/v1/webhooks/settings', {
          retrySchedule: [0],
          timeoutMs: 5000,
        })
      ).statusCode,
      200,
    );
    const created = await call(tokens().advanced, 'POST', '/api/v1/plays', {
      name: 'CRM sync',
      description: 'Tell the CRM',
      subject: 'accounts',
      collaboratorIds: [],
      trigger: { type: 'enter' },
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'red' },
      options: { hierarchy: null, contactGrouping: 'per_contact' },
      actions: [
        {
          id: 'hook',
          type: 'webhook',
          webhook: { name: 'CRM', urlTemplate: `${rx.url}/hooks`, bodyTemplate: '{}' },
        },
      ],
    });
    assert.equal(created.statusCode, 201, created.body);
    const play = created.json() as { id: string };
    await call(tokens().advanced, 'POST', `/api/v1/plays/${play.id}/enable`, { fireNow: false });
    const [acme] = await p.t.deps.db.select().from(accounts).where(eq(accounts.id, p.w.acmeA.id));
    rx.reply({ status: 500 });
    await call(admin, 'PATCH', `/api/v1/accounts/${acme!.id}`, {
      attributes: { health: 'red' },
      version: acme!.version,
    });
    await p.drain();
    await p.jobs.drain();
    assert.equal(rx.received.length, 1);
    assert.deepEqual(await sentences(admin, '?unread=true'), [
      'Webhook "CRM" gave up for Acme after 1 attempt: HTTP 500.',
    ]);
    for (const token of [
      tokens().advanced,
      tokens().standard,
      tokens().standardB,
      other.tokens.admin,
    ])
      assert.equal(await unread(token), 0);
  });

  it('marks read what I name or everything; never what is not mine', async () => {
    await readAll(tokens().standard);
    await readAll(tokens().standardB);
    await newTask(tokens().advanced, 'First', users().standard.id);
    await newTask(tokens().advanced, 'Second', users().standard.id);
    const [second, first] = await feed(tokens().standard, '?unread=true');
    assert.equal(await unread(tokens().standard), 2);

    // Bea cannot see Sam's items, nor mark them: 404, and they stay unread.
    assert.ok(!(await feed(tokens().standardB)).some((i) => i.id === first!.id));
    const foreign = await call(tokens().standardB, 'POST', '/api/v1/feed/read', {
      ids: [first!.id],
    });
    assert.equal(foreign.statusCode, 404);
    const otherWs = await call(other.tokens.admin, 'POST', '/api/v1/feed/read', {
      ids: [first!.id],
    });
    assert.equal(otherWs.statusCode, 404);
    assert.equal(await unread(tokens().standard), 2);
    // A list naming one of mine and one of someone else's changes nothing either.
    const [bea] = await feed(tokens().admin);
    const mixed = await call(tokens().standard, 'POST', '/api/v1/feed/read', {
      ids: [first!.id, bea!.id],
    });
    assert.equal(mixed.statusCode, 404);
    assert.equal(await unread(tokens().standard), 2);

    const one = await call(tokens().standard, 'POST', '/api/v1/feed/read', { ids: [first!.id] });
    assert.equal(one.statusCode, 200);
    assert.deepEqual(one.json(), { unread: 1 });
    const after = await feed(tokens().standard);
    assert.ok(after.find((i) => i.id === first!.id)!.readAt);
    assert.equal(after.find((i) => i.id === second!.id)!.readAt, null);
    assert.deepEqual((await readAll(tokens().standard)).json(), { unread: 0 });
    assert.deepEqual(await feed(tokens().standard, '?unread=true'), []);
  });

  it('pages newest first with a cursor', async () => {
    const all = await feed(tokens().standard);
    assert.ok(all.length >= 4);
    const page1 = (await call(tokens().standard, 'GET', '/api/v1/feed?limit=2')).json();
    const page2 = (
      await call(tokens().standard, 'GET', `/api/v1/feed?limit=2&cursor=${page1.nextCursor}`)
    ).json();
    assert.deepEqual(
      [...page1.data, ...page2.data].map((i: FeedItem) => i.id),
      all.slice(0, 4).map((i) => i.id),
    );
    assert.ok(all.every((i, n) => n === 0 || Number(all[n - 1]!.id) > Number(i.id)));
  });

  it('refuses bad input with the one error shape and changes nothing', async () => {
    await newTask(tokens().advanced, 'Still unread', users().standard.id);
    const before = await unread(tokens().standard);
    const cases: Array<[object, string]> = [
      [{}, 'body'],
      [{ ids: [] }, 'body'],
      [{ ids: ['abc'] }, 'body'],
      [{ all: false }, 'body'],
      [{ all: true, ids: ['1'] }, 'body'],
    ];
    for (const [body, path] of cases) {
      const res = await call(tokens().standard, 'POST', '/api/v1/feed/read', body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.equal(res.json().error.code, 'validation_failed');
      assert.ok(
        res.json().error.details.every((d: { path: string }) => d.path.startsWith(path)),
        res.body,
      );
    }
    for (const q of ['?limit=0', '?unread=yes', '?cursor=nope'])
      assert.equal((await call(tokens().standard, 'GET', `/api/v1/feed${q}`)).statusCode, 400, q);
    assert.equal(await unread(tokens().standard), before);
    assert.equal(
      (await p.t.app.inject({ method: 'GET', url: '/api/v1/feed/unread-count' })).statusCode,
      401,
    );
  });
});
