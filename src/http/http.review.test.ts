// Review findings at the HTTP layer: the authentication hook, NUL characters, database errors as
// client errors, redacted logs, and abandoned Idempotency-Key claims.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import type { TestContext } from '../test/harness.ts';
import { bearer, oneWorkspace, type Seeded } from '../test/fixtures.ts';
import { accounts, flows, idempotencyKeys } from '../db/schema/index.ts';
import { databaseClientError, loggableError } from './input-guards.ts';

describe('http review', () => {
  let t: TestContext, w: Seeded;
  before(async () => ({ t, w } = await oneWorkspace()));
  after(() => t.close());

  it('authenticates routes reached through a %-encoded path too', async () => {
    // The router decodes "%61" to "a"; the hook used to look at the raw URL and skip authentication.
    const res = await t.app.inject({
      method: 'POST',
      url: '/%61pi/v1/flows',
      payload: { name: 'Sneaky' },
    });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'unauthenticated');
    const anon = await t.app.inject({ method: 'GET', url: '/%61pi/v1/users' });
    assert.equal(anon.statusCode, 401);
    // The hook runs for the matched route, so a valid token works there as well (it used to be skipped).
    const signedIn = await t.app.inject({
      method: 'GET',
      url: '/%61pi/v1/users',
      headers: bearer(w.tokens.standard),
    });
    assert.equal(signedIn.statusCode, 200);
  });

  it('refuses NUL characters with a 400 naming the field, and writes nothing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: bearer(w.tokens.admin),
      payload: { name: 'Evil\u0000Corp', externalId: 'nul-1' },
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json().error.details, [
      { path: 'body.name', message: 'must not contain NUL characters' },
    ]);
    assert.equal(
      (await t.deps.db.select().from(accounts).where(eq(accounts.externalId, 'nul-1'))).length,
      0,
    );
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/accounts?q=a%00b',
      headers: bearer(w.tokens.admin),
    });
    assert.equal(list.statusCode, 400);
    assert.equal(list.json().error.details[0].path, 'query.q');
    const nested = await t.app.inject({
      method: 'POST',
      url: '/api/v1/events/attributes',
      headers: bearer(w.tokens.admin),
      payload: { accountId: w.acmeA.id, attributes: { ['k\u0000']: 'x' } },
    });
    assert.equal(nested.statusCode, 400);
  });

  it('still builds the OpenAPI document with the bounded attribute maps', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    assert.ok(res.json().paths['/api/v1/events/attributes']);
  });

  it('documents the conventions on every operation: the error shape, Idempotency-Key on POST, If-Match on updates', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    assert.deepEqual(Object.keys(doc.components.schemas.Error.properties.error.properties), [
      'code',
      'message',
      'details',
    ]);
    const post = doc.paths['/api/v1/tasks'].post;
    assert.equal(
      post.responses['4XX'].content['application/json'].schema.$ref,
      '#/components/schemas/Error',
    );
    assert.ok(
      post.parameters.some(
        (p: { $ref?: string }) => p.$ref === '#/components/parameters/IdempotencyKey',
      ),
    );
    assert.ok(
      doc.paths['/api/v1/tasks/{id}'].patch.parameters.some(
        (p: { $ref?: string }) => p.$ref === '#/components/parameters/IfMatch',
      ),
    );
    assert.equal(doc.components.parameters.IdempotencyKey.name, 'Idempotency-Key');
  });

  it('names every operation with an operationId derived from method and path, and the recursive criteria as a component', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    assert.equal(doc.openapi, '3.1.0');
    const ids = Object.values(
      doc.paths as Record<string, Record<string, { operationId?: string }>>,
    ).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    assert.ok(ids.length > 100 && ids.every(Boolean), 'every operation has an operationId');
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    assert.equal(
      doc.paths['/api/v1/tasks/{id}/reassign-dynamically'].post.operationId,
      'postTasksByIdReassignDynamically',
    );
    assert.equal(
      doc.paths['/api/v1/plays/{id}/runs/{runId}/results'].get.operationId,
      'getPlaysByIdRunsByRunIdResults',
    );
    const refs = [
      ...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g),
    ].map((m) => m[1]!);
    assert.ok(
      refs.includes('CriteriaInput') && refs.includes('Criteria'),
      'criteria are referenced by name',
    );
    for (const name of new Set(refs))
      assert.ok(doc.components.schemas[name], `components.schemas.${name} exists`);
  });

  it('serves the browsable reference at /api/docs', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /text\/html/);
    assert.match(page.body, /swagger/i);
    const spec = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(spec.statusCode, 200);
    assert.ok(spec.json().components.schemas.Error, 'the reference page reads the same document');
  });

  it('maps unique, foreign-key and data errors from the database to 409/400, not 500', () => {
    const wrapped = (code: string) =>
      new DrizzleQueryError('insert into x', [], Object.assign(new Error('db'), { code }));
    assert.equal(databaseClientError(wrapped('23505'))?.status, 409);
    assert.equal(databaseClientError(wrapped('23503'))?.status, 409);
    assert.equal(databaseClientError(wrapped('22021'))?.status, 400);
    assert.equal(databaseClientError(wrapped('22P02'))?.status, 400);
    assert.equal(databaseClientError(wrapped('57014')), null);
    assert.equal(databaseClientError(new Error('plain')), null);
  });

  it('never logs the bound parameters of a failed query (password and token hashes)', () => {
    const err = new DrizzleQueryError(
      'insert into users (email, password_hash) values ($1, $2)',
      ['a@b.c', '$argon2id$v=19$secret'],
      new Error('boom'),
    );
    const logged = JSON.stringify(loggableError(err));
    assert.ok(!logged.includes('$argon2id'), logged);
    assert.ok(logged.includes('insert into users'));
  });

  it('lets a retry take over an Idempotency-Key whose first request never answered', async () => {
    const headers = { ...bearer(w.tokens.admin), 'idempotency-key': 'crashed-1' };
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/v1/flows',
      headers,
      payload: { name: 'Expansion' },
    });
    assert.equal(first.statusCode, 201);
    // Simulate a process that died mid-request: the claim is there but has no answer.
    await t.deps.db.delete(flows).where(eq(flows.id, first.json().id));
    const where = and(
      eq(idempotencyKeys.userId, w.users.admin.id),
      eq(idempotencyKeys.key, 'crashed-1'),
    );
    await t.deps.db
      .update(idempotencyKeys)
      .set({ statusCode: null, response: null, createdAt: t.clock.now() })
      .where(where);
    const stillRunning = await t.app.inject({
      method: 'POST',
      url: '/api/v1/flows',
      headers,
      payload: { name: 'Expansion' },
    });
    assert.equal(stillRunning.statusCode, 409);
    assert.equal(stillRunning.json().error.code, 'idempotency_conflict');
    t.clock.advanceMs(11 * 60_000);
    const retried = await t.app.inject({
      method: 'POST',
      url: '/api/v1/flows',
      headers,
      payload: { name: 'Expansion' },
    });
    assert.equal(retried.statusCode, 201);
    const replay = await t.app.inject({
      method: 'POST',
      url: '/api/v1/flows',
      headers,
      payload: { name: 'Expansion' },
    });
    assert.equal(replay.statusCode, 201);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.deepEqual(replay.json(), retried.json());
    // A different body under the abandoned key is still refused, not taken over.
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/flows',
      headers,
      payload: { name: 'Other' },
    });
    assert.equal(other.statusCode, 422);
  });
});
