// Review findings on accounts: external-id races, attribute input bounds, attachment files on delete.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { usingPostgres, type TestContext } from '../test/harness.ts';
import { bearer, oneWorkspace, type Seeded } from '../test/fixtures.ts';
import { whileAnotherTransactionHolds } from '../test/locks.ts';
import { attachments } from '../db/schema/index.ts';
import { queryRows } from '../db/rows.ts';
import { sql } from 'drizzle-orm';

describe('accounts review', () => {
  let t: TestContext, w: Seeded;
  before(async () => ({ t, w } = await oneWorkspace()));
  after(() => t.close());

  it(
    'answers 409 (not 500) when a concurrent insert takes the external id a PATCH wants',
    { skip: !usingPostgres() && 'needs two connections' },
    async () => {
      const res = await whileAnotherTransactionHolds(
        t,
        {
          sql: `insert into accounts (workspace_id, external_id, name) values ($1, 'race-ext', 'Racer')`,
          params: [w.workspace.id],
        },
        () =>
          t.app.inject({
            method: 'PATCH',
            url: `/api/v1/accounts/${w.acmeA.id}`,
            headers: bearer(w.tokens.admin),
            payload: { version: 1, externalId: 'race-ext' },
          }),
      );
      assert.equal(res.statusCode, 409, res.body);
      assert.deepEqual(res.json().error.details, [
        { path: 'body.externalId', message: 'already used' },
      ]);
    },
  );

  it(
    'refuses a bulk batch whose new account was created concurrently, instead of overwriting it unchecked',
    { skip: !usingPostgres() && 'needs two connections' },
    async () => {
      const res = await whileAnotherTransactionHolds(
        t,
        {
          sql: `insert into accounts (workspace_id, external_id, name) values ($1, 'bulk-race', 'Theirs')`,
          params: [w.workspace.id],
        },
        () =>
          t.app.inject({
            method: 'POST',
            url: '/api/v1/accounts/bulk',
            headers: bearer(w.tokens.advanced),
            payload: { rows: [{ externalId: 'bulk-race', name: 'Mine' }] },
          }),
      );
      assert.equal(res.statusCode, 409, res.body);
      const rows = await queryRows(
        t.deps.db,
        sql`select name, version from accounts where external_id = 'bulk-race'`,
      );
      assert.deepEqual(rows, [{ name: 'Theirs', version: 1 }]);
    },
  );

  it('bounds attribute maps: thousands of keys get one 400, not one detail each', async () => {
    const attributes = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: bearer(w.tokens.admin),
      payload: { name: 'Many', attributes },
    });
    assert.equal(res.statusCode, 400);
    assert.ok(res.json().error.details.length < 10, `${res.json().error.details.length} details`);
    const longKey = await t.app.inject({
      method: 'POST',
      url: '/api/v1/events/attributes',
      headers: bearer(w.tokens.admin),
      payload: { accountId: w.acmeA.id, attributes: { ['k'.repeat(5000)]: 1 } },
    });
    assert.equal(longKey.statusCode, 400);
  });

  it("removes the account's attachment files from the store when the account is deleted", async () => {
    const storageKey = await t.deps.files.put(Buffer.from('hello'));
    await t.deps.db.insert(attachments).values({
      workspaceId: w.workspace.id,
      accountId: w.betaB.id,
      filename: 'a.txt',
      contentType: 'text/plain',
      sizeBytes: 5,
      storageKey,
    });
    const onDisk = path.join(t.dataDir, 'files', storageKey);
    assert.ok(existsSync(onDisk));
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/accounts/${w.betaB.id}`,
      headers: bearer(w.tokens.admin),
    });
    assert.equal(res.statusCode, 204);
    assert.equal(existsSync(onDisk), false);
  });
});
