// Live updates over real HTTP (GET /api/v1/live, Server-Sent Events) on PGlite and PostgreSQL: a tab
// receives changes made by another user and by a non-HTTP writer (as the engine writes), only for
// accounts its user may see; a reconnect with Last-Event-ID gets what it missed; sign-out ends it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, PASSWORD } from '../test/fixtures.ts';
import { recordChange } from '../events/record-change.ts';
import { changeOf, liveServer, type LiveServer } from './test-sse.ts';

describe('live updates (GET /api/v1/live)', () => {
  let live: LiveServer;
  before(async () => {
    live = await liveServer();
  });
  after(() => live?.close());

  const signIn = async (email: string) => {
    const res = await fetch(`${live.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    assert.equal(res.status, 200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('pm_session='))!;
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie: cookie.split(';')[0]!, csrfToken };
  };
  const rename = async (accountId: string, name: string, token = live.w.tokens.admin) => {
    const acc = await live.call(token, 'GET', `/api/v1/accounts/${accountId}`);
    await live.call(token, 'PATCH', `/api/v1/accounts/${accountId}`, {
      version: acc.version,
      name,
    });
  };

  it('refuses a caller who is not signed in', async () => {
    const s = await live.stream({});
    assert.equal(s.status, 401);
    await s.ended;
  });

  it('a tab opened after every tab closed starts from now: it is not sent what changed while none listened', async () => {
    const { w } = live;
    const first = await live.stream(bearer(w.tokens.admin));
    first.close();
    // The server drops the closed tab when the connection's close reaches it.
    await new Promise((r) => setTimeout(r, 300));
    await rename(w.acmeA.id, 'Acme while nobody listened');
    const next = await live.stream(bearer(w.tokens.admin));
    await rename(w.betaB.id, 'Beta after the tab opened');
    await next.waitFor(changeOf('account', w.betaB.id, 'updated'));
    assert.ok(
      !next.events.some((e) => changeOf('account', w.acmeA.id)(e)),
      `old change sent: ${JSON.stringify(next.events)}`,
    );
    next.close();
  });

  it("sends a signed-in tab another user's change to an account of its team, and nothing about other teams' or workspaces' accounts", async () => {
    const { w, w2 } = live;
    const { cookie } = await signIn(w.users.standard.email);
    const teamA = await live.stream({ cookie });
    const teamB = await live.stream(bearer(w.tokens.standardB));
    const otherWorkspace = await live.stream(bearer(w2.tokens.admin));
    await rename(w.acmeA.id, 'Acme renamed');
    const got = await teamA.waitFor(changeOf('account', w.acmeA.id, 'updated'));
    assert.deepEqual((got.data as { changes: { ids: string[] }[] }).changes[0]!.ids, [w.acmeA.id]);
    assert.match(got.id ?? '', /^\d+$/);
    // Team B's own account change arrives after; by then team A's would have, had it been sent.
    await rename(w.betaB.id, 'Beta renamed');
    await teamB.waitFor(changeOf('account', w.betaB.id));
    assert.ok(
      !teamB.events.some((e) => JSON.stringify(e.data).includes(w.acmeA.id)),
      `team B saw team A's account: ${JSON.stringify(teamB.events)}`,
    );
    assert.ok(!teamA.events.some((e) => JSON.stringify(e.data).includes(w.betaB.id)));
    await rename(w2.acmeA.id, 'Other Acme', w2.tokens.admin);
    await otherWorkspace.waitFor(changeOf('account', w2.acmeA.id));
    assert.ok(
      !otherWorkspace.events.some((e) =>
        [w.acmeA.id, w.betaB.id].some((id) => JSON.stringify(e.data).includes(id)),
      ),
      `another workspace saw w1: ${JSON.stringify(otherWorkspace.events)}`,
    );
  });

  it('sends a task created by the API and a change written outside any request (as the engine and workers write)', async () => {
    const { t, w } = live;
    const s = await live.stream(bearer(w.tokens.advanced));
    const task = await live.call(w.tokens.admin, 'POST', '/api/v1/tasks', {
      accountId: w.acmeA.id,
      flowId: w.flow.id,
      title: 'Call Acme',
      description: 'About the renewal',
      assignee: { userId: w.users.standard.id },
      dueDate: '2026-03-10',
    });
    const created = await s.waitFor(changeOf('task', w.acmeA.id, 'created'));
    assert.ok(JSON.stringify(created.data).includes(String(task.id)));
    await t.deps.db.transaction((tx) =>
      recordChange(tx, {
        workspaceId: w.workspace.id,
        entity: 'task',
        entityId: String(task.id),
        accountId: w.acmeA.id,
        kind: 'completed',
        payload: { outcome: null, playId: null, templateId: null },
      }),
    );
    await s.waitFor(changeOf('task', w.acmeA.id, 'completed'));
  });

  it('replays what a reconnecting tab missed (Last-Event-ID), only what it may see', async () => {
    const { w } = live;
    const first = await live.stream(bearer(w.tokens.standard));
    const ready = first.events.find((e) => e.event === 'ready')!;
    first.close();
    await rename(w.acmeA.id, 'Acme while away');
    await rename(w.betaB.id, 'Beta while away');
    const again = await live.stream({ ...bearer(w.tokens.standard), 'last-event-id': ready.id! });
    const missed = await again.waitFor(changeOf('account', w.acmeA.id));
    assert.ok(Number(missed.id) > Number(ready.id));
    assert.ok(!again.events.some((e) => JSON.stringify(e.data).includes(w.betaB.id)));
    // The query-string form, for clients that cannot set the header.
    const viaQuery = await live.stream(bearer(w.tokens.standard), `?lastEventId=${ready.id}`);
    await viaQuery.waitFor(changeOf('account', w.acmeA.id));
  });

  it('ends the streams of a session that signs out', async () => {
    const { w } = live;
    const { cookie, csrfToken } = await signIn(w.users.advanced.email);
    const s = await live.stream({ cookie });
    const out = await fetch(`${live.base}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    assert.equal(out.status, 204);
    await s.waitFor((e) => e.event === 'end');
    await s.ended;
  });

  it('bounds the streams one user may hold open in a process', async () => {
    const { w } = live;
    for (let i = 0; i < 8; i++)
      assert.equal((await live.stream(bearer(w.tokens.admin))).status, 200);
    assert.equal((await live.stream(bearer(w.tokens.admin))).status, 429);
  });
});
