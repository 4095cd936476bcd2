import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from '../test/harness.ts';
import { api, createTodo, world, type World } from '../tasks/test-fixtures.ts';
import { recordTimeline } from './record-event.ts';

describe('timeline', () => {
  let t: TestContext;
  let w: World;
  before(async () => ({ t, w } = await world()));
  after(() => t.close());

  it("an account's timeline is newest first and pages with a cursor", async () => {
    const task = await createTodo(t, w, { title: 'First' });
    await api(t, w.tokens.standard).patch(`/api/v1/tasks/${task.id}`, {
      version: 1,
      assignee: { userId: w.users.advanced.id },
    });
    await api(t, w.tokens.advanced).post(`/api/v1/tasks/${task.id}/complete`, {});
    const a = api(t, w.tokens.standard);
    const all = (await a.get(`/api/v1/accounts/${w.acmeA.id}/timeline`)).json().data;
    assert.deepEqual(
      all.map((e: { type: string }) => e.type),
      ['task_completed', 'task_reassigned', 'task_created'],
    );
    assert.deepEqual(all[1].actor, { id: w.users.standard.id, name: 'Sam Standard' });
    assert.deepEqual(all[1].account, { id: w.acmeA.id, name: 'Acme' });
    const first = (await a.get(`/api/v1/accounts/${w.acmeA.id}/timeline?limit=2`)).json();
    const second = (
      await a.get(`/api/v1/accounts/${w.acmeA.id}/timeline?limit=2&cursor=${first.nextCursor}`)
    ).json();
    assert.deepEqual(
      [...first.data, ...second.data].map((e: { id: string }) => e.id),
      all.map((e: { id: string }) => e.id),
    );
    assert.equal(second.nextCursor, null);
    assert.equal(
      (await api(t, w.tokens.standardB).get(`/api/v1/accounts/${w.acmeA.id}/timeline`)).statusCode,
      404,
    );
    assert.equal(
      (await a.get(`/api/v1/accounts/${w.acmeA.id}/timeline?cursor=abc`)).statusCode,
      400,
    );
  });

  it('my timeline shows events addressed to me, only on accounts I can see', async () => {
    await createTodo(t, w, {
      title: 'For Bea',
      accountId: w.betaB.id,
      assignee: { userId: w.users.standardB.id },
    });
    const mine = (await api(t, w.tokens.standardB).get('/api/v1/me/timeline')).json().data;
    assert.deepEqual(
      mine.map((e: { type: string; payload: { title: string } }) => `${e.type}:${e.payload.title}`),
      ['task_created:For Bea'],
    );
    // An event addressed to Bea on an account outside her teams stays hidden.
    await recordTimeline(t.deps.db, {
      workspaceId: w.workspace.id,
      accountId: w.acmeA.id,
      userId: w.users.standardB.id,
      type: 'notify',
      payload: {
        message: 'secret',
        style: 'warning',
        playId: w.workspace.id,
        playName: 'Secret play',
      },
    });
    assert.equal(
      (await api(t, w.tokens.standardB).get('/api/v1/me/timeline')).json().data.length,
      1,
    );
    const advanced = (await api(t, w.tokens.advanced).get('/api/v1/me/timeline')).json().data;
    assert.deepEqual(
      advanced.map((e: { type: string }) => e.type),
      ['task_completed', 'task_reassigned'],
    );
  });
});
