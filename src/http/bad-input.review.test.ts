// Hostile input from the user's side: each must be a 4xx in the one error shape, never a 500.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { eq } from 'drizzle-orm';
import type { TestContext } from '../test/harness.ts';
import { bearer, oneWorkspace, type Seeded } from '../test/fixtures.ts';
import { multipart } from '../test/multipart.ts';
import { accounts, tasks } from '../db/schema/index.ts';

type Detail = { path: string; message: string };
const leaf = { kind: 'compare', field: 'name', op: 'contains', value: 'a' };
/** Criteria with `levels` nested groups around one comparison. */
const nested = (levels: number, kind: 'and' | 'not' = 'and') => {
  let c: Record<string, unknown> = leaf;
  for (let i = 0; i < levels; i++)
    c = kind === 'and' ? { kind: 'and', items: [c] } : { kind: 'not', item: c };
  return c;
};
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const isErrorShape = (body: { error?: { code?: unknown; message?: unknown; details?: unknown } }) =>
  typeof body.error?.code === 'string' &&
  typeof body.error.message === 'string' &&
  Array.isArray(body.error.details);

describe('bad input is a 4xx in the one error shape', () => {
  let t: TestContext, w: Seeded;
  let playId: string;
  before(async () => {
    ({ t, w } = await oneWorkspace());
    const play = await api('POST', '/api/v1/plays', playBody({}));
    assert.equal(play.statusCode, 201, play.body);
    playId = play.json().id;
  });
  after(() => t.close());

  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, token?: string) =>
    t.app.inject({
      method,
      url,
      headers: bearer(token ?? w.tokens.admin),
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const playBody = (over: Record<string, unknown>) => ({
    name: `Deep ${Math.random()}`,
    description: 'x',
    subject: 'accounts',
    trigger: { type: 'manual' },
    criteria: leaf,
    actions: [
      {
        id: 't1',
        type: 'create_task',
        title: 'Call',
        description: 'Hi',
        dueInDays: 1,
        flowId: w.flow.id,
        assignee: { type: 'user', userId: w.users.admin.id },
      },
    ],
    ...over,
  });
  const criteriaEndpoints = (criteria: unknown): Array<[string, unknown]> => [
    ['/api/v1/segments', { name: `S ${Math.random()}`, subject: 'accounts', criteria }],
    ['/api/v1/segments/preview', { subject: 'accounts', criteria }],
    ['/api/v1/plays', playBody({ criteria })],
  ];

  it('refuses criteria nested a thousand levels deep with a 400 naming the path, on every endpoint that takes criteria', async () => {
    for (const kind of ['and', 'not'] as const) {
      for (const [url, body] of criteriaEndpoints(nested(1000, kind))) {
        const res = await api('POST', url, body);
        assert.equal(res.statusCode, 400, `${kind} ${url}: ${res.body.slice(0, 300)}`);
        assert.ok(isErrorShape(res.json()));
        const [detail] = res.json().error.details as Detail[];
        assert.match(detail!.path, /^body\.criteria\.item/, url);
        assert.match(detail!.message, /nested too deeply/);
      }
    }
  });

  it('caps criteria at 20 levels with a clear message, and accepts 20', async () => {
    for (const [url, body] of criteriaEndpoints(nested(21))) {
      const res = await api('POST', url, body);
      assert.equal(res.statusCode, 400, `${url}: ${res.body.slice(0, 300)}`);
      const [detail] = res.json().error.details as Detail[];
      assert.equal(detail!.path, `body.criteria${'.items.0'.repeat(20)}`, url);
      assert.match(detail!.message, /at most 20 levels/);
    }
    for (const [url, body] of criteriaEndpoints(nested(19))) {
      const res = await api('POST', url, body);
      assert.ok(
        res.statusCode === 200 || res.statusCode === 201,
        `${url}: ${res.body.slice(0, 300)}`,
      );
    }
  });

  it('refuses a tampered cursor on every list with a 400 on query.cursor', async () => {
    const lists = [
      '/api/v1/plays',
      `/api/v1/plays/${playId}/runs`,
      '/api/v1/segments',
      '/api/v1/templates',
      '/api/v1/accounts',
      '/api/v1/contacts',
      '/api/v1/users',
      '/api/v1/teams',
      '/api/v1/forms',
      '/api/v1/tasks',
      '/api/v1/webhooks/deliveries',
      `/api/v1/accounts/${w.acmeA.id}/timeline`,
      `/api/v1/accounts/${w.acmeA.id}/touchpoints`,
      `/api/v1/accounts/${w.acmeA.id}/attachments`,
    ];
    const forged = [
      'not-base64-json',
      cursorOf(['2026-01-01T00:00:00Z', 'x']),
      cursorOf({}),
      cursorOf([1, 2, 3, 4]),
      cursorOf([]),
      cursorOf(['a', 'b', 'c', 'd', 'e']),
    ];
    // Lists sorted by time used to hand the cursor to `new Date()`.
    const badDate = cursorOf(['garbage', '00000000-0000-4000-8000-000000000000']);
    const byTime = new Set([
      '/api/v1/plays',
      `/api/v1/plays/${playId}/runs`,
      '/api/v1/webhooks/deliveries',
      `/api/v1/accounts/${w.acmeA.id}/touchpoints`,
      `/api/v1/accounts/${w.acmeA.id}/attachments`,
    ]);
    for (const url of lists) {
      for (const cursor of byTime.has(url) ? [...forged, badDate] : forged) {
        const res = await api('GET', `${url}?cursor=${encodeURIComponent(cursor)}`);
        assert.equal(res.statusCode, 400, `${url} ${cursor}: ${res.body.slice(0, 300)}`);
        assert.deepEqual(
          (res.json().error.details as Detail[]).map((d) => d.path),
          ['query.cursor'],
          url,
        );
      }
    }
  });

  it('still pages with the cursors it hands out', async () => {
    for (let i = 0; i < 3; i++)
      assert.equal((await api('POST', '/api/v1/plays', playBody({}))).statusCode, 201);
    const first = (await api('GET', '/api/v1/plays?limit=2')).json();
    assert.ok(first.nextCursor);
    const second = await api('GET', `/api/v1/plays?limit=2&cursor=${first.nextCursor}`);
    assert.equal(second.statusCode, 200);
    assert.equal(second.json().data.length, 2);
    assert.ok(
      !second
        .json()
        .data.some((p: { id: string }) => first.data.some((q: { id: string }) => q.id === p.id)),
    );
  });

  it('refuses a multipart upload cut before its closing boundary with a 400', async () => {
    const m = multipart([
      { name: 'file', filename: 'notes.txt', type: 'text/plain', data: 'hello '.repeat(100) },
    ]);
    const cut = m.payload.subarray(0, m.payload.length - 60);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${w.acmeA.id}/attachments`,
      headers: { ...bearer(w.tokens.admin), ...m.headers },
      payload: cut,
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.ok(isErrorShape(res.json()));
    assert.match(res.json().error.message, /incomplete|cut short|closing boundary/i);
  });

  it('refuses unpaired surrogates in task and account text, naming the field, and writes nothing', async () => {
    const lone = 'Call \ud800 back';
    const task = await api('POST', '/api/v1/tasks', {
      accountId: w.acmeA.id,
      title: lone,
      description: 'x',
      dueDate: '2026-04-01',
      flowId: w.flow.id,
      assignee: { userId: w.users.admin.id },
    });
    assert.equal(task.statusCode, 400, task.body);
    assert.deepEqual(
      (task.json().error.details as Detail[]).map((d) => d.path),
      ['body.title'],
    );
    assert.equal(
      (await t.deps.db.select().from(tasks).where(eq(tasks.title, 'Call \ufffd back'))).length,
      0,
    );
    const desc = await api('POST', '/api/v1/tasks', {
      accountId: w.acmeA.id,
      title: 'Fine',
      description: '<p>\udc00</p>',
      dueDate: '2026-04-01',
      flowId: w.flow.id,
      assignee: { userId: w.users.admin.id },
    });
    assert.deepEqual(
      (desc.json().error.details as Detail[]).map((d) => d.path),
      ['body.description'],
    );
    const account = await api('POST', '/api/v1/accounts', {
      name: 'Evil \udfff Corp',
      externalId: 'lone-1',
    });
    assert.equal(account.statusCode, 400);
    assert.deepEqual(
      (account.json().error.details as Detail[]).map((d) => d.path),
      ['body.name'],
    );
    assert.equal(
      (await t.deps.db.select().from(accounts).where(eq(accounts.externalId, 'lone-1'))).length,
      0,
    );
    const paired = await api('POST', '/api/v1/accounts', {
      name: 'Emoji 😀 Corp',
      externalId: 'pair-1',
    });
    assert.equal(paired.statusCode, 201, paired.body);
  });

  it('answers Fastify’s own refusals in the one error shape: 404, 413, 415, bad JSON, bad URL', async () => {
    const cases = [
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/no-such-thing',
        headers: bearer(w.tokens.admin),
      }),
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/flows',
        headers: { ...bearer(w.tokens.admin), 'content-type': 'application/json' },
        payload: '{"name": ',
      }),
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/flows',
        headers: { ...bearer(w.tokens.admin), 'content-type': 'text/xml' },
        payload: '<a/>',
      }),
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/flows',
        headers: { ...bearer(w.tokens.admin), 'content-type': 'application/json' },
        payload: `{"name":"${'x'.repeat(t.deps.config.PLAYMAKER_MAX_BODY_BYTES)}"}`,
      }),
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/accounts/%E0%A4%A',
        headers: bearer(w.tokens.admin),
      }),
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/accounts/${'a'.repeat(500)}`,
        headers: bearer(w.tokens.admin),
      }),
    ];
    assert.deepEqual(
      cases.map((r) => r.statusCode),
      [404, 400, 415, 413, 400, 414],
    );
    for (const r of cases) assert.ok(isErrorShape(r.json()), r.body);
  });

  it('answers an over-long URL with 431 in the one error shape', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: `/api/v1/accounts?q=${'x'.repeat(70_000)}`,
          headers: bearer(w.tokens.admin),
        },
        (r) => {
          let body = '';
          r.setEncoding('utf8')
            .on('data', (c: string) => {
              body += c;
            })
            .on('end', () => resolve({ status: r.statusCode!, body }));
        },
      );
      req.on('error', reject).end();
    });
    assert.equal(res.status, 431);
    const body = JSON.parse(res.body);
    assert.ok(isErrorShape(body), res.body);
    assert.equal(body.error.code, 'headers_too_large');
  });
});
