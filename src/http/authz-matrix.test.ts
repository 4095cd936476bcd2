// Authorization matrix over EVERY registered route: anonymous, revoked token, disabled user, another
// workspace, another team, and the role checks on configuration writes. New routes are covered
// automatically because the route list comes from the app itself. Write routes get a valid body
// (src/test/write-cases.ts), so a refusal is about access, never about a malformed body.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import { eq } from 'drizzle-orm';
import { testContext, type TestContext } from '../test/harness.ts';
import { bearer, PASSWORD, seedWorkspace } from '../test/fixtures.ts';
import {
  accountRoles,
  apiTokens,
  attributeDefinitions,
  contacts,
  forms,
  segments,
  tasks,
  touchpoints,
  users,
} from '../db/schema/index.ts';
import { createApiToken } from '../auth/tokens.ts';
import { writeCases, type WriteFixtures } from '../test/write-cases.ts';
import { seedWriteFixtures, workspaceFingerprint, writeRequest } from '../test/write-fixtures.ts';

type Seeded = Awaited<ReturnType<typeof seedWorkspace>>;

describe('authorization matrix', () => {
  let t: TestContext;
  let w1: Seeded;
  let w2: Seeded;
  let teamAIds: string[];
  let allW1Ids: string[];
  let revoked: string;
  let disabled: string;
  let fx: WriteFixtures;

  before(async () => {
    t = await testContext();
    w1 = await seedWorkspace(t.deps, 'w1');
    w2 = await seedWorkspace(t.deps, 'w2');
    const ws = w1.workspace.id;
    const [contact] = await t.deps.db
      .insert(contacts)
      .values({
        workspaceId: ws,
        accountId: w1.acmeA.id,
        externalId: 'c-1',
        firstName: 'Carla',
        email: 'carla@acme.test',
      })
      .returning();
    const [task] = await t.deps.db
      .insert(tasks)
      .values({
        workspaceId: ws,
        accountId: w1.acmeA.id,
        kind: 'todo',
        title: 'Secret A task',
        description: 'x',
        flowId: w1.flow.id,
        assigneeUserId: w1.users.standard.id,
        dueDate: '2026-03-05',
      })
      .returning();
    const [tp] = await t.deps.db
      .insert(touchpoints)
      .values({
        workspaceId: ws,
        accountId: w1.acmeA.id,
        type: 'note',
        subject: 'n',
        occurredAt: new Date(),
      })
      .returning();
    teamAIds = [w1.acmeA.id, contact!.id, task!.id, tp!.id];
    // Workspace-wide records too: configuration, segments and a token, reachable only from inside w1.
    const [role] = await t.deps.db
      .insert(accountRoles)
      .values({ workspaceId: ws, name: 'Secret role' })
      .returning();
    const [def] = await t.deps.db
      .insert(attributeDefinitions)
      .values({
        workspaceId: ws,
        entity: 'account',
        key: 'secret_score',
        label: 'Secret',
        type: 'number',
      })
      .returning();
    const [form] = await t.deps.db
      .insert(forms)
      .values({ workspaceId: ws, name: 'Secret form', accountType: 'customer', fields: [] })
      .returning();
    const [segment] = await t.deps.db
      .insert(segments)
      .values({
        workspaceId: ws,
        name: 'Secret segment',
        subject: 'accounts',
        criteria: { kind: 'and', items: [] },
      })
      .returning();
    const token = await createApiToken(
      t.deps.db,
      { workspaceId: ws, userId: w1.users.admin.id },
      'w1 automation',
    );
    allW1Ids = [
      ...teamAIds,
      w1.betaB.id,
      w1.teamA.id,
      w1.teamB.id,
      w1.flow.id,
      w1.workspace.id,
      ...Object.values(w1.users).map((u) => u.id),
      role!.id,
      def!.id,
      form!.id,
      segment!.id,
      token.id,
    ];
    // A revoked token and a disabled user's token.
    const r = await createApiToken(
      t.deps.db,
      { workspaceId: ws, userId: w1.users.advanced.id },
      'old',
    );
    await t.deps.db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, r.id));
    revoked = r.token;
    const [gone] = await t.deps.db
      .insert(users)
      .values({
        workspaceId: ws,
        email: 'gone@w1.test',
        name: 'Gone',
        role: 'admin',
        enabled: false,
      })
      .returning();
    disabled = (await createApiToken(t.deps.db, { workspaceId: ws, userId: gone!.id }, 'x')).token;
    fx = await seedWriteFixtures(t, w1);
  });
  after(() => t.close());

  const fingerprint = (workspaceId: string) => workspaceFingerprint(t.deps.db, workspaceId);
  // Refused for access (403/404), or 400 only when an id in the path has the wrong format for it.
  const refusedForAccess = (res: {
    statusCode: number;
    json(): { error: { details: Array<{ path: string }> } };
  }) => {
    if (res.statusCode === 400)
      return res.json().error.details.every((d) => d.path.startsWith('params.'));
    return [403, 404].includes(res.statusCode);
  };

  const apiRoutes = () => t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/') && !r.public);
  const fill = (url: string, id: string) => url.replace(/:[A-Za-z]+/g, id);
  const sample = '00000000-0000-4000-8000-000000000000';
  /** Sends a request to `url`; for a route (not a bare method) a write gets its valid body from write-cases.ts. */
  const call = (
    r: string | { method: string; url: string },
    url: string,
    headers: Record<string, string> = {},
  ) => {
    const key = typeof r === 'string' ? '' : `${r.method} ${r.url}`;
    const c = writeCases[key];
    const method = typeof r === 'string' ? r : r.method;
    if (method === 'GET' && isStream(url)) return openStream(url, headers);
    if (!c) return t.app.inject({ method: method as 'GET', url, headers });
    return t.app.inject({ ...writeRequest(key, c, fx, headers), url } as InjectOptions);
  };

  // Server-Sent Events never end: the response is read as a stream up to its `ready` event (or to its
  // end, for a refusal), then the request is aborted. What arrives after `ready` is live.test.ts's.
  const isStream = (url: string) => url.split('?')[0] === '/api/v1/live';
  const openStream = async (url: string, headers: Record<string, string>) => {
    const abort = new AbortController();
    const res = await t.app.inject({
      method: 'GET',
      url,
      headers,
      payloadAsStream: true,
      signal: abort.signal,
    });
    let body = '';
    const read = (async () => {
      for await (const chunk of res.stream()) {
        body += String(chunk);
        if (body.includes('event: ready')) return;
      }
    })();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      read.catch(() => undefined),
      new Promise((r) => (timer = setTimeout(r, 5000))),
    ]);
    clearTimeout(timer);
    abort.abort();
    return { statusCode: res.statusCode, headers: res.headers, body, json: () => JSON.parse(body) };
  };

  it('has routes to check', () => {
    assert.ok(apiRoutes().length >= 5, `only ${apiRoutes().length} routes`);
  });

  for (const [label, header] of [
    ['anonymous', () => ({})],
    ['a revoked token', () => bearer(revoked)],
    ['a disabled user', () => bearer(disabled)],
    ['a malformed header', () => ({ authorization: 'Bearer' })],
  ] as const) {
    it(`refuses ${label} on every authenticated route with 401 and the one error shape`, async () => {
      for (const r of apiRoutes()) {
        const res = await call(r, fill(r.url, sample), header());
        assert.equal(res.statusCode, 401, `${r.method} ${r.url} → ${res.statusCode}`);
        const body = res.json();
        assert.equal(body.error.code, 'unauthenticated', `${r.method} ${r.url}`);
        assert.ok(Array.isArray(body.error.details));
      }
    });
  }

  it('never lets another workspace reach a record, on any route, with any id, and changes nothing there', async () => {
    const before = await fingerprint(w1.workspace.id);
    for (const r of apiRoutes().filter((x) => x.url.includes(':'))) {
      for (const id of allW1Ids) {
        const res = await call(r, fill(r.url, id), bearer(w2.tokens.admin));
        assert.ok(
          refusedForAccess(res),
          `${r.method} ${fill(r.url, id)} as another workspace's admin → ${res.statusCode}`,
        );
        for (const other of allW1Ids.filter((x) => x !== id))
          assert.ok(!res.body.includes(other), `${r.method} ${fill(r.url, id)} leaks ${other}`);
      }
    }
    assert.deepEqual(
      await fingerprint(w1.workspace.id),
      before,
      'the other workspace is unchanged',
    );
  });

  it("never shows another workspace's records in lists, counts or exports", async () => {
    for (const r of apiRoutes().filter((x) => x.method === 'GET' && !x.url.includes(':'))) {
      const res = await call(r, r.url, bearer(w2.tokens.admin));
      for (const id of allW1Ids) assert.ok(!res.body.includes(id), `GET ${r.url} leaks ${id}`);
      assert.ok(!res.body.includes('Secret A task'), `GET ${r.url} leaks a task title`);
    }
  });

  it('keeps team A records from a team B user on every route and list, and lets them change nothing', async () => {
    const before = await fingerprint(w1.workspace.id);
    for (const r of apiRoutes()) {
      if (!r.url.includes(':')) {
        if (r.method !== 'GET') continue;
        const res = await call(r, r.url, bearer(w1.tokens.standardB));
        for (const id of teamAIds)
          assert.ok(!res.body.includes(id), `GET ${r.url} shows team A record ${id} to team B`);
        assert.ok(
          !res.body.includes('Secret A task'),
          `GET ${r.url} shows a team A task to team B`,
        );
        continue;
      }
      for (const id of teamAIds) {
        const res = await call(r, fill(r.url, id), bearer(w1.tokens.standardB));
        assert.ok(
          refusedForAccess(res),
          `${r.method} ${fill(r.url, id)} as team B → ${res.statusCode}`,
        );
      }
    }
    assert.deepEqual(await fingerprint(w1.workspace.id), before, 'team B changed nothing');
  });

  it('the live stream answers 401 without a session and 200 (an event stream, ready) with one', async () => {
    const anonymous = await call('GET', '/api/v1/live');
    assert.equal(anonymous.statusCode, 401, anonymous.body);
    assert.equal(anonymous.json().error.code, 'unauthenticated');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: w1.users.standard.email, password: PASSWORD },
    });
    assert.equal(login.statusCode, 200, login.body);
    const session = login.cookies.find((c) => c.name === 'pm_session')!;
    const res = await call('GET', '/api/v1/live', { cookie: `pm_session=${session.value}` });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^text\/event-stream/);
    assert.match(res.body, /event: ready/);
    const token = await call('GET', '/api/v1/live', bearer(w1.tokens.standardB));
    assert.equal(token.statusCode, 200, token.body);
  });

  it('refuses configuration writes from standard users', async () => {
    const configPrefixes = [
      '/api/v1/teams',
      '/api/v1/account-roles',
      '/api/v1/flows',
      '/api/v1/forms',
      '/api/v1/attribute-definitions',
      '/api/v1/segments',
      '/api/v1/plays',
      '/api/v1/templates',
      '/api/v1/webhooks',
      '/api/v1/workspace',
      '/api/v1/outbox',
    ];
    const writes = apiRoutes().filter(
      (r) =>
        configPrefixes.some((p) => r.url.startsWith(p)) &&
        r.method !== 'GET' &&
        !r.url.includes('/preview'),
    );
    const before = await fingerprint(w1.workspace.id);
    for (const r of writes) {
      const res = await call(r, fill(r.url, w1.flow.id), bearer(w1.tokens.standard));
      assert.ok(refusedForAccess(res), `${r.method} ${r.url} as standard → ${res.statusCode}`);
    }
    const userWrites = apiRoutes().filter((r) => r.url === '/api/v1/users' && r.method === 'POST');
    for (const r of userWrites) {
      const res = await t.app.inject({
        method: 'POST',
        url: r.url,
        headers: bearer(w1.tokens.advanced),
        payload: { name: 'X', email: 'x@w1.test', role: 'admin', password: 'long enough password' },
      });
      assert.equal(res.statusCode, 403, 'advanced users cannot create users');
    }
    assert.deepEqual(await fingerprint(w1.workspace.id), before, 'nothing was configured');
  });

  it('Segment → Work (GET /tasks?segmentId=): only in its workspace, and only the accounts the caller may see', async () => {
    const [seg] = await t.deps.db
      .select({ id: segments.id })
      .from(segments)
      .where(eq(segments.name, 'Secret segment'));
    const work = (token: string) =>
      call('GET', `/api/v1/tasks?segmentId=${seg!.id}&status=all`, bearer(token));
    const other = await work(w2.tokens.admin);
    assert.equal(other.statusCode, 404, "another workspace's segment is not found");
    assert.ok(!other.body.includes('Secret A task'));
    const teamB = await work(w1.tokens.standardB);
    assert.equal(teamB.statusCode, 200, teamB.body);
    assert.ok(!teamB.body.includes('Secret A task'), 'team B sees no team A task in the segment');
    const teamA = await work(w1.tokens.standard);
    assert.ok(teamA.body.includes('Secret A task'), 'team A sees its task in the segment');
  });
});
