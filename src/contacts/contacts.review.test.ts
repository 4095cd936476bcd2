// Review finding on contacts: an external-id race answers 409, not 500.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { usingPostgres, type TestContext } from '../test/harness.ts';
import { bearer, oneWorkspace, type Seeded } from '../test/fixtures.ts';
import { whileAnotherTransactionHolds } from '../test/locks.ts';
import { accounts, accountTeams, contacts, tasks } from '../db/schema/index.ts';

describe('contacts review', () => {
  let t: TestContext, w: Seeded;
  before(async () => ({ t, w } = await oneWorkspace()));
  after(() => t.close());

  it('refuses to move a contact to another account while it is the assignee of open tasks on its own', async () => {
    const [dora] = await t.deps.db
      .insert(contacts)
      .values({
        workspaceId: w.workspace.id,
        accountId: w.acmeA.id,
        externalId: 'c-dora',
        firstName: 'Dora',
      })
      .returning();
    const [other] = await t.deps.db
      .insert(accounts)
      .values({ workspaceId: w.workspace.id, externalId: 'acme-2', name: 'Acme 2' })
      .returning();
    await t.deps.db
      .insert(accountTeams)
      .values({ workspaceId: w.workspace.id, accountId: other!.id, teamId: w.teamA.id });
    await t.deps.db.insert(tasks).values({
      workspaceId: w.workspace.id,
      accountId: w.acmeA.id,
      kind: 'todo',
      title: 'Call back',
      description: 'd',
      flowId: w.flow.id,
      assigneeContactId: dora!.id,
      dueDate: '2026-03-10',
    });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/contacts/${dora!.id}`,
      headers: bearer(w.tokens.standard),
      payload: { version: 1, accountId: other!.id },
    });
    assert.equal(res.statusCode, 409, res.body);
    const [still] = await t.deps.db.select().from(contacts).where(eq(contacts.id, dora!.id));
    assert.equal(still!.accountId, w.acmeA.id);
    assert.equal(still!.version, 1);
  });

  it(
    'answers 409 (not 500) when a concurrent insert takes the external id a PATCH wants',
    { skip: !usingPostgres() && 'needs two connections' },
    async () => {
      const [carla] = await t.deps.db
        .insert(contacts)
        .values({
          workspaceId: w.workspace.id,
          accountId: w.acmeA.id,
          externalId: 'c-1',
          firstName: 'Carla',
        })
        .returning();
      const res = await whileAnotherTransactionHolds(
        t,
        {
          sql: `insert into contacts (workspace_id, account_id, external_id, first_name) values ($1, $2, 'c-race', 'Racer')`,
          params: [w.workspace.id, w.acmeA.id],
        },
        () =>
          t.app.inject({
            method: 'PATCH',
            url: `/api/v1/contacts/${carla!.id}`,
            headers: bearer(w.tokens.standard),
            payload: { version: 1, externalId: 'c-race' },
          }),
      );
      assert.equal(res.statusCode, 409, res.body);
      assert.deepEqual(res.json().error.details, [
        { path: 'body.externalId', message: 'already used' },
      ]);
    },
  );
});
