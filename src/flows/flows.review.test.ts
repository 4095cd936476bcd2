// Review finding on flows: task counts leave out deleted tasks and tasks the caller cannot see.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from '../test/harness.ts';
import { bearer, oneWorkspace, type Seeded } from '../test/fixtures.ts';
import { tasks } from '../db/schema/index.ts';

describe('flows review', () => {
  let t: TestContext, w: Seeded;
  before(async () => ({ t, w } = await oneWorkspace()));
  after(() => t.close());

  const countFor = async (token: string) =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/flows', headers: bearer(token) }))
      .json()
      .data.find((f: { id: string }) => f.id === w.flow.id).taskCount;

  it("counts neither deleted tasks nor tasks on accounts outside the caller's teams", async () => {
    const base = {
      workspaceId: w.workspace.id,
      kind: 'todo' as const,
      title: 't',
      description: 'd',
      flowId: w.flow.id,
      assigneeUserId: w.users.standard.id,
      dueDate: '2026-03-10',
    };
    await t.deps.db.insert(tasks).values([
      { ...base, accountId: w.acmeA.id },
      { ...base, accountId: w.acmeA.id, status: 'deleted', deletedAt: new Date() },
      { ...base, accountId: w.betaB.id },
    ]);
    assert.equal(await countFor(w.tokens.admin), 2);
    assert.equal(await countFor(w.tokens.standard), 1);
    assert.equal(await countFor(w.tokens.standardB), 1);
    // A flow still referenced (here by tasks) is refused with 409, never a 500.
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/flows/${w.flow.id}`,
      headers: bearer(w.tokens.advanced),
    });
    assert.equal(res.statusCode, 409);
  });
});
