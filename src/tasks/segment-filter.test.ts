import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { api, createTodo, world, type World } from './test-fixtures.ts';
import type { TestContext } from '../test/harness.ts';

describe('tasks collection filtered by segment', () => {
  let t: TestContext;
  let w: World;
  let segmentId: string;
  before(async () => {
    ({ t, w } = await world());
    await createTodo(t, w, { title: 'On Acme' });
    await createTodo(t, w, {
      title: 'On Beta',
      accountId: w.betaB.id,
      assignee: { userId: w.users.standardB.id },
    });
    const seg = await api(t, w.tokens.admin).post('/api/v1/segments', {
      name: 'Acme only',
      subject: 'accounts',
      criteria: { kind: 'compare', field: 'name', op: 'eq', value: 'Acme' },
    });
    assert.equal(seg.statusCode, 201, seg.body);
    segmentId = seg.json().id;
  });
  after(() => t.close());

  it("lists and exports only tasks on the segment's accounts, with group counts over that set", async () => {
    const res = await api(t, w.tokens.admin).get(
      `/api/v1/tasks?segmentId=${segmentId}&groupBy=status`,
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      res.json().data.map((x: { title: string }) => x.title),
      ['On Acme'],
    );
    assert.deepEqual(
      res.json().groups.map((g: { count: number }) => g.count),
      [1],
    );
    const csv = await api(t, w.tokens.admin).get(`/api/v1/tasks/export.csv?segmentId=${segmentId}`);
    assert.ok(csv.body.includes('On Acme'));
    assert.ok(!csv.body.includes('On Beta'));
  });

  it('still applies team visibility inside the segment', async () => {
    const res = await api(t, w.tokens.standardB).get(`/api/v1/tasks?segmentId=${segmentId}`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().data, []);
  });

  it('answers 404 for an unknown segment', async () => {
    const res = await api(t, w.tokens.admin).get(
      '/api/v1/tasks?segmentId=00000000-0000-4000-8000-000000000000',
    );
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'not_found');
  });
});
